package dev.bazaar.embedded.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents found through the {@code _id} index by strings or ObjectIds are taken as matching without the
 * library's per-document match ({@link MvStoreCollection}); any other query is matched as before.
 */
class LookupByIdTest {

    @TempDir
    Path dir;

    @Test
    void findsByIdAndByIdsInOnlyWhatIsStoredOnceEach() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dir.resolve("mongo.mv"), 0);
             MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoCollection<Document> products = client.getDatabase("catalog").getCollection("products");
            ObjectId generated = new ObjectId();
            products.insertMany(List.of(new Document("_id", "p-1").append("stock", 1), new Document("_id", "p-2").append("stock", 2),
                    new Document("_id", 3).append("stock", 3), new Document("_id", generated).append("stock", 4)));

            assertThat(ids(products, Filters.in("_id", "p-2", "p-9", "p-1", "p-2"))).containsExactlyInAnyOrder("p-1", "p-2");
            assertThat(ids(products, Filters.eq("_id", "p-1"))).containsExactly("p-1");
            assertThat(ids(products, Filters.eq("_id", "p-9"))).isEmpty();
            assertThat(ids(products, Filters.in("_id", generated, "p-1"))).containsExactlyInAnyOrder(generated, "p-1");
            assertThat(ids(products, Filters.in("_id", 3.0, "p-1"))).as("a number equals the same number of another type")
                    .containsExactlyInAnyOrder(3, "p-1");
            assertThat(ids(products, Filters.and(Filters.in("_id", "p-1", "p-2"), Filters.gt("stock", 1))))
                    .as("more than the id is still matched").containsExactly("p-2");
        }
    }

    private static List<Object> ids(MongoCollection<Document> collection, org.bson.conversions.Bson filter) {
        return collection.find(filter).map(document -> document.get("_id")).into(new ArrayList<>());
    }
}
