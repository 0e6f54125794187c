package dev.bazaar.embedded.mongo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data file's upkeep on a thread of its own, in place of MVStore's background writer, which
 * committed (and compacted, committing again) whenever it liked, outside {@link GroupCommit}'s lock:
 * <ul>
 * <li>it syncs the file to the disk at a fixed interval when something was committed since, as
 *     MongoDB flushes its journal every 100 ms;</li>
 * <li>every second, once less than half of the chunks' space is live data, it rewrites the live pages
 *     of the sparsest chunks older than MVStore's retention time, and commits them through
 *     {@link GroupCommit}. Every commit writes a new chunk and leaves older ones partly dead; a dead
 *     chunk's space is reused, but a chunk with one live page left keeps its space for good. Without
 *     the rewriting the file would grow for as long as documents change.</li>
 * </ul>
 */
final class FileMaintenance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileMaintenance.class);

    private static final long REWRITE_EVERY_MILLIS = 1_000;
    /** The share of the chunks' space, in percent, that is live data below which chunks are rewritten. */
    private static final int TARGET_FILL_RATE = 50;
    /** At most this much live data is rewritten at a time, so that writers wait for the commit only briefly. */
    private static final int REWRITE_BYTES = 1024 * 1024;

    private final MVStore store;
    private final GroupCommit commits;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread daemon = new Thread(task, "embedded-mongo-file-maintenance");
        daemon.setDaemon(true);
        return daemon;
    });

    /** @param syncInterval how often to sync the file; zero when {@link GroupCommit} syncs each commit itself */
    FileMaintenance(MVStore store, GroupCommit commits, Duration syncInterval) {
        this.store = store;
        this.commits = commits;
        if (!syncInterval.isZero()) {
            long millis = Math.max(1, syncInterval.toMillis());
            thread.scheduleWithFixedDelay(this::sync, millis, millis, TimeUnit.MILLISECONDS);
        }
        thread.scheduleWithFixedDelay(this::rewriteSparseChunks, REWRITE_EVERY_MILLIS, REWRITE_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sync() {
        try {
            commits.syncCommitted();
        } catch (RuntimeException e) {
            log.error("Cannot sync the data file {} to the disk; trying again", store.getFileStore().getFileName(), e);
        }
    }

    private void rewriteSparseChunks() {
        try {
            if (store.compact(TARGET_FILL_RATE, REWRITE_BYTES)) {
                commits.commit();
            }
        } catch (RuntimeException e) {
            log.warn("Cannot rewrite the sparse chunks of the data file {}; trying again", store.getFileStore().getFileName(), e);
        }
    }

    /** Stops the thread, waiting for a sync or a rewrite under way. */
    @Override
    public void close() {
        // Not shutdownNow: an interrupt in the middle of a sync closes MVStore's file channel for good.
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("The data file's maintenance has not stopped within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
