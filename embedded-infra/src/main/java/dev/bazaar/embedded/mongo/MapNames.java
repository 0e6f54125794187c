package dev.bazaar.embedded.mongo;

import java.util.Optional;

/**
 * The names of the MVStore maps a collection lives in. They start with {@code bson/}, which no map of
 * mongo-java-server's H2 backend can (a database name cannot contain a slash), so a file tells by its
 * map names which maps are in the BSON format and which still await {@link H2FormatMigration}.
 */
final class MapNames {

    private static final String PREFIX = "bson/";
    private static final String DOCUMENTS = PREFIX + "documents/";
    private static final String COUNTS = PREFIX + "counts/";
    private static final String INDEXES = PREFIX + "index/";

    private static final String H2_DOCUMENTS = "databases.";
    private static final String H2_COUNTS = "meta.";
    private static final String H2_INDEX = "._index_";

    private MapNames() {
    }

    static String documents(String namespace) {
        return DOCUMENTS + namespace;
    }

    static String counts(String namespace) {
        return COUNTS + namespace;
    }

    static String index(String namespace, String indexName) {
        return INDEXES + namespace + "/" + indexName;
    }

    static boolean isBson(String mapName) {
        return mapName.startsWith(PREFIX);
    }

    /** The database a map of documents belongs to, or empty for any other map. */
    static Optional<String> databaseOfDocuments(String mapName) {
        if (!mapName.startsWith(DOCUMENTS)) {
            return Optional.empty();
        }
        String namespace = mapName.substring(DOCUMENTS.length());
        return Optional.of(namespace.substring(0, namespace.indexOf('.')));
    }

    /** Whether a map holds part of {@code database}: its documents, counts or indexes. */
    static boolean belongsTo(String mapName, String database) {
        return mapName.startsWith(DOCUMENTS + database + ".") || mapName.startsWith(COUNTS + database + ".")
                || mapName.startsWith(INDEXES + database + ".");
    }

    /** What mongo-java-server's H2 backend keeps in a map it named so. */
    enum H2Map { DOCUMENTS, COUNTS, INDEX }

    static H2Map kindOfH2Map(String mapName) {
        if (mapName.contains(H2_INDEX)) {
            return H2Map.INDEX;
        }
        if (mapName.startsWith(H2_DOCUMENTS)) {
            return H2Map.DOCUMENTS;
        }
        if (mapName.startsWith(H2_COUNTS)) {
            return H2Map.COUNTS;
        }
        throw new IllegalStateException("Map '" + mapName + "' is not one of mongo-java-server's H2 backend");
    }

    /** The name in this format of a map mongo-java-server's H2 backend named {@code mapName}. */
    static String fromH2(String mapName) {
        return switch (kindOfH2Map(mapName)) {
            case INDEX -> {
                int index = mapName.indexOf(H2_INDEX);
                yield index(mapName.substring(0, index), mapName.substring(index + H2_INDEX.length()));
            }
            case DOCUMENTS -> documents(mapName.substring(H2_DOCUMENTS.length()));
            case COUNTS -> counts(mapName.substring(H2_COUNTS.length()));
        };
    }
}
