package dev.bazaar.embedded.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The writer that {@link EmbeddedMongoServerCrashTest} kills: an embedded server on the data file given,
 * and, like a projection, batches of documents each followed by a progress record saying how many
 * documents are written. It prints the server's port, then writes until it is killed.
 */
final class WritesInOrder {

    static final int BATCH = 25;

    private WritesInOrder() {
    }

    public static void main(String[] args) {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(Path.of(args[0]), 0);
        System.out.println("port " + server.port());
        try (MongoClient client = MongoClients.create(server.connectionString("crash"))) {
            MongoDatabase database = client.getDatabase("crash");
            // The documents' collection is created first, so that H2 reaches its map before the progress map when it commits.
            database.getCollection("documents").insertOne(new Document("_id", -1L));
            for (long batch = 0; ; batch++) {
                List<WriteModel<Document>> documents = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    documents.add(new InsertOneModel<>(new Document("_id", batch * BATCH + i).append("text", "x".repeat(200))));
                }
                database.getCollection("documents").bulkWrite(documents);
                database.getCollection("progress").updateOne(new Document("_id", "written"),
                        new Document("$set", new Document("documents", (batch + 1) * BATCH)), new UpdateOptions().upsert(true));
            }
        }
    }
}
