package dev.bazaar.query.document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.bazaar.embedded.mongo.EmbeddedMongoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One in-memory MongoDB-protocol server for the read model tests of this JVM, reached over a socket by
 * the real driver; each test takes a database of its own.
 */
public final class MongoTestDatabases {

    private static EmbeddedMongoServer server;
    private static MongoClient client;

    private MongoTestDatabases() {
    }

    public static synchronized MongoTemplate fresh() {
        if (server == null) {
            server = EmbeddedMongoServer.start(null, 0);
            client = MongoClients.create(server.connectionString("admin"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                server.close();
            }));
        }
        return new MongoTemplate(client, "test_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** Every document of a collection in id order, for comparing two read models. */
    public static List<Document> dump(MongoTemplate mongo, String collection) {
        return mongo.getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
