package dev.bazaar.embedded.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoServerTest {

    @TempDir
    Path dir;

    @Test
    void keepsItsDataAcrossRestartsInTheH2File() {
        Path dataFile = dir.resolve("nested/mongo.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");
            products.createIndex(Indexes.ascending("name"));
            products.insertOne(new Document("_id", "p-1").append("name", "Lamp"));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");
            assertThat(products.find(Filters.eq("_id", "p-1")).first()).containsEntry("name", "Lamp");
            assertThat(products.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                    .contains("name_1");
        }
    }

    @Test
    void syncingEachCommitBeforeAnsweringKeepsTheDataAcrossRestartsToo() {
        Path dataFile = dir.resolve("mongo.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0, Duration.ZERO);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");
            for (int i = 0; i < 20; i++) {
                products.insertOne(new Document("_id", "p-" + i).append("name", "Lamp " + i));
            }
            products.updateOne(Filters.eq("_id", "p-3"), new Document("$set", new Document("name", "Desk lamp")));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0, Duration.ZERO);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");
            assertThat(products.countDocuments()).isEqualTo(20);
            assertThat(products.find(Filters.eq("_id", "p-3")).first()).containsEntry("name", "Desk lamp");
        }
    }

    @Test
    void withoutADataFileForgetsEverythingOnRestart() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(null, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            client.getDatabase("catalog").getCollection("products").insertOne(new Document("_id", "p-1"));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(null, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            assertThat(client.getDatabase("catalog").getCollection("products").countDocuments()).isZero();
        }
    }
}
