package dev.bazaar.query.document.rebuild;

import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Predicate;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * Every document of the live generation of every read model, in a canonical order: collections by
 * their base name (no generation in it), documents by id, fields by name, as JSON. Two read models
 * built from the same events have equal dumps.
 */
final class ReadModelDump {

    static final Map<String, List<String>> READ_MODELS = Map.of(
            "catalog", List.of("products", "catalog_reviews"),
            "reviews", List.of("reviews"));

    private ReadModelDump() {
    }

    /** Collection base name to its documents as canonical JSON. */
    static Map<String, List<String>> of(MongoDatabase database) {
        Map<String, List<String>> dump = new TreeMap<>();
        READ_MODELS.forEach((readModel, collections) -> {
            long live = liveGeneration(database, readModel);
            for (String base : collections) {
                List<String> documents = new ArrayList<>();
                for (Document document : database.getCollection(base + "_g" + live).find().sort(new Document("_id", 1))) {
                    documents.add(canonical(document).toJson());
                }
                dump.put(base, documents);
            }
        });
        return dump;
    }

    static long liveGeneration(MongoDatabase database, String readModel) {
        Document pointer = database.getCollection(Generations.COLLECTION).find(new Document("_id", readModel)).first();
        return pointer == null ? 1 : ((Number) pointer.get("live")).longValue();
    }

    /** The dump without the documents whose id starts with {@code prefix}. */
    static Map<String, List<String>> without(Map<String, List<String>> dump, String prefix) {
        Map<String, List<String>> rest = new TreeMap<>();
        dump.forEach((collection, documents) -> rest.put(collection,
                documents.stream().filter(idStartsWith(prefix).negate()).toList()));
        return rest;
    }

    static Predicate<String> idStartsWith(String prefix) {
        return json -> json.contains("\"_id\": \"" + prefix);
    }

    private static Document canonical(Document document) {
        Document sorted = new Document();
        new TreeMap<>(document).forEach((key, value) -> sorted.put(key, canonicalValue(value)));
        return sorted;
    }

    private static Object canonicalValue(Object value) {
        if (value instanceof Document nested) {
            return canonical(nested);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ReadModelDump::canonicalValue).toList();
        }
        return value;
    }
}
