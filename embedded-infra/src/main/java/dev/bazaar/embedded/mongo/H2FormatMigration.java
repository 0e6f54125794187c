package dev.bazaar.embedded.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a data file written by mongo-java-server's H2 backend (Java-serialised documents, the format
 * of this server before BSON) into the BSON format, once, when the server opens it: each map is copied
 * into its {@link MapNames BSON-format name} and then removed, and both happen before a commit. A copy
 * interrupted by a crash leaves the old map in place, so the next start copies it again from the start.
 */
final class H2FormatMigration {

    private static final Logger log = LoggerFactory.getLogger(H2FormatMigration.class);

    private H2FormatMigration() {
    }

    static void migrate(MVStore store) {
        List<String> h2Maps = store.getMapNames().stream().filter(mapName -> !MapNames.isBson(mapName)).sorted().toList();
        if (h2Maps.isEmpty()) {
            return;
        }
        log.info("Moving {} maps of {} from mongo-java-server's H2 format to BSON", h2Maps.size(), store.getFileStore().getFileName());
        for (String h2Map : h2Maps) {
            String bsonMap = MapNames.fromH2(h2Map);
            store.removeMap(bsonMap);
            switch (MapNames.kindOfH2Map(h2Map)) {
                case DOCUMENTS -> copyDocuments(store.openMap(h2Map), MvStoreDatabase.documentsMap(store, bsonMap));
                case INDEX -> copy(store.openMap(h2Map), MvStoreDatabase.indexMap(store, bsonMap));
                case COUNTS -> copy(store.<String, Object>openMap(h2Map), store.openMap(bsonMap));
            }
            store.removeMap(h2Map);
        }
        store.commit();
        log.info("The data file is now in the BSON format");
    }

    private static void copyDocuments(MVMap<Object, Document> from, MVMap<Object, StoredDocument> to) {
        for (Map.Entry<Object, Document> entry : from.entrySet()) {
            to.put(entry.getKey(), StoredDocument.of(entry.getValue()));
        }
    }

    private static <K, V> void copy(MVMap<K, V> from, MVMap<K, V> to) {
        for (Map.Entry<K, V> entry : from.entrySet()) {
            to.put(entry.getKey(), entry.getValue());
        }
    }
}
