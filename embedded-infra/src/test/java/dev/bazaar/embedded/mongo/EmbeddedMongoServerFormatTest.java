package dev.bazaar.embedded.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data file's format: what a client wrote reads back the same after a restart, and older files are moved to it. */
class EmbeddedMongoServerFormatTest {

    @TempDir
    Path dir;

    @Test
    void documentsOfEveryValueTypeReadBackTheSameAfterARestart() {
        Path dataFile = dir.resolve("mongo.mv");
        Document product = new Document("_id", "p-1")
                .append("name", "Lamp")
                .append("price", new Document("amount", 1999L).append("currency", "EUR"))
                .append("stock", 7)
                .append("rating", 4.5)
                .append("exact", Decimal128.parse("12.34"))
                .append("tags", List.of("light", "desk"))
                .append("changedAt", Date.from(Instant.parse("2026-11-25T01:00:00Z")))
                .append("discontinued", false)
                .append("note", null)
                .append("ref", new ObjectId("6741f3a2b1c2d3e4f5a6b7c8"));
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            client.getDatabase("catalog").getCollection("products").insertOne(product);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            assertThat(client.getDatabase("catalog").getCollection("products").find(Filters.eq("_id", "p-1")).first())
                    .isEqualTo(product);
        }
    }

    @Test
    void idsOfDifferentTypesAreFoundByIdAndStayUniqueAfterARestart() {
        Path dataFile = dir.resolve("mongo.mv");
        List<Object> ids = List.of("p-1", 1L, 2, 3.5, new ObjectId("6741f3a2b1c2d3e4f5a6b7c8"), new Document("tenant", "t").append("n", 1));
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("keys"))) {
            MongoCollection<Document> things = client.getDatabase("keys").getCollection("things");
            ids.forEach(id -> things.insertOne(new Document("_id", id).append("id", String.valueOf(id))));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("keys"))) {
            MongoCollection<Document> things = client.getDatabase("keys").getCollection("things");
            for (Object id : ids) {
                assertThat(things.find(Filters.eq("_id", id)).first()).as("document with _id %s", id)
                        .isNotNull().containsEntry("id", String.valueOf(id));
            }
            assertThat(things.countDocuments()).isEqualTo(ids.size());
            assertThatThrownBy(() -> things.insertOne(new Document("_id", "p-1"))).isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> things.insertOne(new Document("_id", 1))).as("the int 1 is the long 1 to MongoDB")
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
    }

    @Test
    void aRenamedCollectionKeepsItsIndexesAcrossARestart() {
        Path dataFile = dir.resolve("mongo.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> next = client.getDatabase("catalog").getCollection("products_next");
            next.createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true));
            next.insertOne(new Document("_id", "p-1").append("sku", "LAMP-1"));
            next.renameCollection(new MongoNamespace("catalog", "products"));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");
            assertThat(products.find(Filters.eq("_id", "p-1")).first()).containsEntry("sku", "LAMP-1");
            assertThatThrownBy(() -> products.insertOne(new Document("_id", "p-2").append("sku", "LAMP-1")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
    }

    @Test
    void aDroppedCollectionComesBackEmptyWithItsIndexesEmptyToo() {
        Path dataFile = dir.resolve("mongo.mv");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");
            products.insertOne(new Document("_id", "p-1"));
            products.drop();
            products.insertOne(new Document("_id", "p-1").append("name", "again"));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");
            assertThat(products.find().into(new ArrayList<>())).containsExactly(new Document("_id", "p-1").append("name", "again"));
        }
    }

    @Test
    void aFileWrittenByMongoJavaServersH2BackendIsMovedToBsonWithNothingLost() {
        Path dataFile = dir.resolve("mongo.mv");
        MongoServer h2Server = new MongoServer(new H2Backend(dataFile.toString()).version(ServerVersion.MONGO_5_0));
        h2Server.bind("localhost", 0);
        try (MongoClient client = MongoClients.create("mongodb://localhost:" + h2Server.getLocalAddress().getPort())) {
            MongoDatabase catalog = client.getDatabase("catalog");
            catalog.getCollection("products").createIndex(Indexes.ascending("sku"), new IndexOptions().unique(true));
            for (int i = 0; i < 500; i++) {
                catalog.getCollection("products").insertOne(new Document("_id", "p-" + i).append("sku", "SKU-" + i)
                        .append("price", new Document("amount", 100L + i).append("currency", "EUR")));
            }
            client.getDatabase("reviews").getCollection("reviews").insertOne(new Document("_id", new ObjectId()).append("stars", 5));
        } finally {
            h2Server.shutdownNow();
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            assertThat(client.listDatabaseNames().into(new ArrayList<>())).contains("catalog", "reviews");
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");
            assertThat(products.countDocuments()).isEqualTo(500);
            assertThat(products.find(Filters.eq("_id", "p-499")).first()).containsEntry("sku", "SKU-499")
                    .containsEntry("price", new Document("amount", 599L).append("currency", "EUR"));
            assertThat(products.find(Filters.eq("sku", "SKU-7")).first()).containsEntry("_id", "p-7");
            assertThatThrownBy(() -> products.insertOne(new Document("_id", "p-new").append("sku", "SKU-7")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThat(client.getDatabase("reviews").getCollection("reviews").find().first()).containsEntry("stars", 5);
        }
        try (MVStore store = MVStore.open(dataFile.toString())) {
            assertThat(store.getMapNames()).as("maps in the data file").isNotEmpty().allMatch(MapNames::isBson);
        }
    }
}
