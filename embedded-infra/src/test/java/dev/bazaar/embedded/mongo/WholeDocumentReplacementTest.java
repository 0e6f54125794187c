package dev.bazaar.embedded.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.result.UpdateResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole document replaced by its {@code _id} (the catalog's every write) takes a path of its own in the
 * file-backed server ({@link MvStoreCollection}); over the MongoDB protocol it answers as the library's
 * general update path, and so as MongoDB, does.
 */
class WholeDocumentReplacementTest {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    @TempDir
    Path dir;

    @Test
    void anUpsertInsertsThenReplacesAndReportsWhetherItModified() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir.resolve("mongo.mv"), 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");

            UpdateResult inserted = products.replaceOne(Filters.eq("_id", "p-1"),
                    new Document("name", "Lamp").append("price", 1999L).append("tags", List.of("red")), UPSERT);
            UpdateResult unchanged = products.replaceOne(Filters.eq("_id", "p-1"),
                    new Document("name", "Lamp").append("price", 1999L).append("tags", List.of("red")), UPSERT);
            UpdateResult changed = products.replaceOne(Filters.eq("_id", "p-1"),
                    new Document("_id", "p-1").append("price", 2499L).append("name", "Desk lamp"), UPSERT);
            UpdateResult missing = products.replaceOne(Filters.eq("_id", "p-2"), new Document("name", "Rug"));

            assertThat(inserted.getMatchedCount()).isZero();
            assertThat(inserted.getUpsertedId()).isNotNull();
            assertThat(inserted.getUpsertedId().asString().getValue()).isEqualTo("p-1");
            assertThat(unchanged.getMatchedCount()).isEqualTo(1);
            assertThat(unchanged.getModifiedCount()).isZero();
            assertThat(changed.getMatchedCount()).isEqualTo(1);
            assertThat(changed.getModifiedCount()).isEqualTo(1);
            assertThat(missing.getMatchedCount()).isZero();
            assertThat(missing.getUpsertedId()).isNull();
            Document stored = products.find(Filters.eq("_id", "p-1")).first();
            assertThat(new ArrayList<>(stored.keySet())).as("_id first, then the replacement's fields in its order")
                    .containsExactly("_id", "price", "name");
            assertThat(stored).containsEntry("price", 2499L).containsEntry("name", "Desk lamp");
            assertThat(products.countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void aReplacementThatChangesTheIdIsRefusedAndChangesNothing() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir.resolve("mongo.mv"), 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");
            products.insertOne(new Document("_id", "p-1").append("name", "Lamp"));

            assertThatThrownBy(() -> products.replaceOne(Filters.eq("_id", "p-1"), new Document("_id", "p-9").append("name", "Rug")))
                    .isInstanceOfSatisfying(MongoWriteException.class, refused -> assertThat(refused.getCode()).isEqualTo(66));

            assertThat(products.find().into(new ArrayList<>())).containsExactly(new Document("_id", "p-1").append("name", "Lamp"));
        }
    }

    @Test
    void aReplacementThatBreaksAUniqueIndexIsRefusedAndTheIndexStillFindsTheOldValue() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir.resolve("mongo.mv"), 0);
             MongoClient client = MongoClients.create(server.connectionString("shop"))) {
            MongoCollection<Document> customers = client.getDatabase("shop").getCollection("customers");
            customers.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            customers.insertOne(new Document("_id", "ann").append("email", "ann@example.com"));
            customers.insertOne(new Document("_id", "bob").append("email", "bob@example.com"));

            assertThatThrownBy(() -> customers.replaceOne(Filters.eq("_id", "bob"), new Document("email", "ann@example.com")))
                    .isInstanceOfSatisfying(MongoWriteException.class, refused -> assertThat(refused.getCode()).isEqualTo(11000));
            customers.replaceOne(Filters.eq("_id", "ann"), new Document("email", "ann@example.org"));

            assertThat(customers.find(Filters.eq("_id", "bob")).first()).containsEntry("email", "bob@example.com");
            // The old address is free again and the new one taken, in the index as in the documents.
            customers.insertOne(new Document("_id", "cat").append("email", "ann@example.com"));
            assertThatThrownBy(() -> customers.insertOne(new Document("_id", "dan").append("email", "ann@example.org")))
                    .isInstanceOfSatisfying(MongoWriteException.class, refused -> assertThat(refused.getCode()).isEqualTo(11000));
        }
    }

    @Test
    void replacedDocumentsAndTheCollectionsSizeSurviveARestart() {
        Path dataFile = dir.resolve("mongo.mv");
        List<Document> written = new ArrayList<>();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");
            List<ReplaceOneModel<Document>> writes = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 50; i++) {
                    writes.add(new ReplaceOneModel<>(Filters.eq("_id", "p-" + i),
                            new Document("name", "Product " + i + " of round " + round).append("stock", round * i), UPSERT));
                }
            }
            products.bulkWrite(writes);
            products.find().into(written);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoDatabase catalog = client.getDatabase("catalog");
            List<Document> read = catalog.getCollection("products").find().into(new ArrayList<>());

            assertThat(read).hasSize(50).containsExactlyInAnyOrderElementsOf(written);
            assertThat(read.get(0).getString("name")).endsWith("of round 2");
            long bsonBytes = read.stream().mapToLong(WholeDocumentReplacementTest::bsonSize).sum();
            assertThat(catalog.runCommand(new Document("collStats", "products")).get("size", Number.class).longValue())
                    .isEqualTo(bsonBytes);
        }
    }

    private static long bsonSize(Document document) {
        BsonDocument bson = document.toBsonDocument(Document.class, MongoClientSettings.getDefaultCodecRegistry());
        return new RawBsonDocument(bson, new BsonDocumentCodec()).getByteBuffer().remaining();
    }
}
