package dev.bazaar.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's backend over one MVStore file (H2's storage engine, as its own H2 backend uses),
 * with documents stored as BSON ({@link MvStoreDatabase}), where every write command is in the file
 * before it is answered and every commit holds whole commands only ({@link GroupCommit}), and the file
 * is synced to the disk at an interval or before each answer ({@link FileMaintenance}).
 *
 * <p>MVStore's own background writer is off: it committed about once a second, taking each map (a
 * collection, an index) as it was when it reached it while other threads kept writing, which once let
 * a projection's tracking token survive a SIGKILL that lost the documents written before it. MVStore's
 * commit from a writing thread when its unsaved changes pass a size is off too, for the same reason.
 * Commands that only read are not followed by a commit, so that they never wait for one. Every command
 * of the MongoDB driver arrives as an OP_MSG message ({@link #handleMessage}); the legacy OP_QUERY only
 * carries the connection's handshake.
 */
final class DurableMvStoreBackend extends AbstractMongoBackend {

    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections", "listindexes",
            "listdatabases", "ping", "hello", "ismaster", "buildinfo", "killcursors", "endsessions", "dbstats", "collstats",
            "serverstatus", "getlasterror");

    /**
     * How long MVStore keeps a dead chunk's space before reusing it, counted from the chunk's creation.
     * Its default, 45 s, is meant to cover a file system that flushes late and readers of old versions;
     * here the sync pins and the commands' pins cover both ({@link GroupCommit}, {@link #handleMessage}),
     * and at 45 s the file held 45 s of commits: 0.9 GB after 20 s of a single writer's upserts.
     */
    private static final int RETENTION_MILLIS = 1_000;

    private final MVStore store;
    private final GroupCommit commits;
    private final FileMaintenance maintenance;

    private DurableMvStoreBackend(MVStore store, Duration syncInterval) {
        this.store = store;
        this.commits = new GroupCommit(store, syncInterval.isZero());
        store.getMapNames().stream().map(MapNames::databaseOfDocuments).flatMap(Optional::stream).distinct()
                .forEach(this::resolveDatabase);
        this.maintenance = new FileMaintenance(store, commits, syncInterval);
    }

    /**
     * Opens (or creates) the data file, first moving a file of mongo-java-server's H2 backend to BSON.
     *
     * @param syncInterval how often the file is synced to the disk; zero to sync each commit before answering
     */
    static DurableMvStoreBackend open(Path file, Duration syncInterval) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().autoCommitBufferSize(0).open();
        try {
            store.setRetentionTime(RETENTION_MILLIS);
            H2FormatMigration.migrate(store);
            return new DurableMvStoreBackend(store, syncInterval);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new MvStoreDatabase(databaseName, store, getCursorRegistry());
    }

    /**
     * Runs a command with the store's version pinned (MVStore's version usage, as its transactions use it),
     * so that no chunk the command may still read from is overwritten meanwhile, however long it takes.
     */
    @Override
    public Document handleMessage(MongoMessage message) {
        MVStore.TxCounter reading = store.registerVersionUsage();
        try {
            String command = message.getDocument().keySet().iterator().next();
            if (READS.contains(command.toLowerCase(Locale.ROOT))) {
                return super.handleMessage(message);
            }
            return commits.write(() -> super.handleMessage(message));
        } finally {
            store.deregisterVersionUsage(reading);
        }
    }

    @Override
    public void close() {
        maintenance.close();
        super.close();
        commits.close();
    }
}
