package dev.bazaar.query.document.rebuild;

import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    /**
     * Fails unless the two dumps are equal, naming the first documents that differ in each collection
     * (an equality assertion on the whole dump would elide them among thousands). Both dumps are
     * written to {@code target/dumps/<name>-expected.txt} and {@code -actual.txt} for a diff.
     */
    static void assertSame(String name, Map<String, List<String>> actual, Map<String, List<String>> expected) {
        write(name + "-expected", expected);
        write(name + "-actual", actual);
        StringBuilder differences = new StringBuilder();
        new TreeSet<>(union(actual.keySet(), expected.keySet())).forEach(collection -> {
            Map<String, String> got = byId(actual.getOrDefault(collection, List.of()));
            Map<String, String> wanted = byId(expected.getOrDefault(collection, List.of()));
            List<String> lines = new ArrayList<>();
            new TreeSet<>(union(got.keySet(), wanted.keySet())).forEach(id -> {
                if (!Objects.equals(got.get(id), wanted.get(id)) && lines.size() < 5) {
                    lines.add("  expected " + wanted.get(id) + "\n  but was  " + got.get(id));
                }
            });
            if (!lines.isEmpty()) {
                differences.append(collection).append(" (").append(got.size()).append(" documents, expected ")
                        .append(wanted.size()).append("), first differences:\n").append(String.join("\n", lines)).append('\n');
            }
        });
        if (!differences.isEmpty()) {
            throw new AssertionError("The read models differ (full dumps in target/dumps/" + name + "-*.txt):\n" + differences);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, String> byId(List<String> documents) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (String json : documents) {
            byId.put(Document.parse(json).get("_id").toString(), json);
        }
        return byId;
    }

    private static void write(String name, Map<String, List<String>> dump) {
        Path file = Path.of("target", "dumps", name + ".txt");
        List<String> lines = new ArrayList<>();
        dump.forEach((collection, documents) -> documents.forEach(json -> lines.add(collection + " " + json)));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
