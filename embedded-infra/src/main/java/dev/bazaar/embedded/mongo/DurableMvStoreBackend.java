package dev.bazaar.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's backend over one MVStore file (H2's storage engine, as its own H2 backend uses),
 * with documents stored as BSON ({@link MvStoreDatabase}) and every acknowledged write written to the
 * file before it is acknowledged, so that what a SIGKILL leaves behind is a prefix of the writes in the
 * order they were acknowledged, as a real MongoDB's journal guarantees.
 *
 * <p>Left to MVStore's background commit, about once a second, writing is not a consistent cut: it takes
 * each map (a collection, an index) as it is at the moment it reaches it, while other threads keep
 * writing. A write acknowledged after another can then be in the file while the earlier one is not: a
 * processor's tracking token stored after a batch of documents survived a SIGKILL that lost the
 * documents, and those events were never projected again. Committing after each command (every command
 * of the driver arrives as such a message) makes a write durable before the client can issue the next
 * one that depends on it. Commands that only read are not followed by a commit, so that they do not
 * queue behind another thread's commit.
 */
final class DurableMvStoreBackend extends AbstractMongoBackend {

    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections", "listindexes",
            "listdatabases", "ping", "hello", "ismaster", "buildinfo", "killcursors", "endsessions", "dbstats", "collstats",
            "serverstatus", "getlasterror");

    /** MVStore's background thread commits at this interval too; it also compacts the file. */
    private static final int BACKGROUND_COMMIT_MILLIS = 1_000;

    private final MVStore store;

    private DurableMvStoreBackend(MVStore store) {
        this.store = store;
        store.getMapNames().stream().map(MapNames::databaseOfDocuments).flatMap(Optional::stream).distinct()
                .forEach(this::resolveDatabase);
    }

    /** Opens (or creates) the data file, first moving a file of mongo-java-server's H2 backend to BSON. */
    static DurableMvStoreBackend open(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        try {
            H2FormatMigration.migrate(store);
            store.setAutoCommitDelay(BACKGROUND_COMMIT_MILLIS);
            return new DurableMvStoreBackend(store);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new MvStoreDatabase(databaseName, store, getCursorRegistry());
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document response = super.handleMessage(message);
        String command = message.getDocument().keySet().iterator().next();
        if (!READS.contains(command.toLowerCase(Locale.ROOT))) {
            store.commit();
        }
        return response;
    }

    @Override
    public void close() {
        super.close();
        store.close();
    }
}
