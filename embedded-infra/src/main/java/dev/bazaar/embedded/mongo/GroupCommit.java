package dev.bazaar.embedded.mongo;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * Commits of the data file that are consistent cuts, shared by the write commands that finished before
 * them.
 *
 * <p>mongo-java-server locks each collection on its own, so while one connection's command is answered
 * another's may be half done: an index entry written, its document not yet. A commit then would put that
 * half in the file, where a SIGKILL leaves it. Here a write command runs holding the shared side of a
 * read-write lock and a commit holds the exclusive side: it waits for the commands under way to finish
 * and starts no new one until it has taken the maps, so the file only ever holds whole commands.
 *
 * <p>A finished command is answered once a commit that began after it finished has written it. The
 * first command to find no commit under way runs one, for every command finished by then; the others
 * wait for it. Concurrent writers so share one commit instead of paying one each, and a lone writer
 * commits on its own thread, as before, with no hand-over to another.
 *
 * <p>MVStore writes each commit as a new chunk and overwrites the space of a chunk that died a few
 * commits after it died, whether or not the commit that killed it is on the disk yet: after a power loss
 * the file as last synced could then point into overwritten space. Each sync therefore pins the store's
 * version (MVStore's version usage, with which its transactions keep what they read), which holds back
 * every chunk that dies from then on until the next sync has made the commit that killed it durable.
 */
final class GroupCommit {

    private final MVStore store;
    private final boolean syncEachCommit;

    private final ReentrantReadWriteLock commands = new ReentrantReadWriteLock();
    /** Write commands finished so far: a command takes its number while it still holds the shared lock. */
    private final AtomicLong finished = new AtomicLong();
    private final AtomicBoolean unsynced = new AtomicBoolean();
    /** The version the file was last synced at: chunks that died since must not be overwritten yet. Guarded by this. */
    private MVStore.TxCounter synced;

    private final ReentrantLock state = new ReentrantLock();
    private final Condition commitDone = state.newCondition();
    /** Every command numbered up to this one is in the file. Guarded by {@link #state}. */
    private long committedThrough;
    /** Whether a command is running a commit for the others. Guarded by {@link #state}. */
    private boolean committing;

    /**
     * @param syncEachCommit whether a commit is also synced to the disk before the commands it holds are
     *                       answered; otherwise {@link #syncCommitted()} does it later
     */
    GroupCommit(MVStore store, boolean syncEachCommit) {
        this.store = store;
        this.syncEachCommit = syncEachCommit;
        this.synced = store.registerVersionUsage();
    }

    /** Runs a write command and answers once a commit holds it, whether it succeeded or failed half-way. */
    <T> T write(Supplier<T> command) {
        commands.readLock().lock();
        try {
            return command.get();
        } finally {
            long number = finished.incrementAndGet();
            commands.readLock().unlock();
            awaitCommitOf(number);
        }
    }

    /** Commits what has changed (a compaction's rewritten pages, say) as a consistent cut, like any commit. */
    void commit() {
        publish(commitWholeCommands(), false);
    }

    /** Syncs the file to the disk when something was committed since the last sync. */
    void syncCommitted() {
        if (unsynced.getAndSet(false)) {
            sync();
        }
    }

    /**
     * Closes the file once the commands under way have finished: MVStore commits what is left and syncs.
     * Synchronized as {@link #sync()} is, taking this monitor before the lock as it does.
     */
    synchronized void close() {
        commands.writeLock().lock();
        try {
            store.deregisterVersionUsage(synced);
            store.close();
        } finally {
            commands.writeLock().unlock();
        }
    }

    private void awaitCommitOf(long command) {
        while (true) {
            state.lock();
            try {
                while (committing && committedThrough < command) {
                    commitDone.awaitUninterruptibly();
                }
                if (committedThrough >= command) {
                    return;
                }
                committing = true;
            } finally {
                state.unlock();
            }
            lead();
        }
    }

    private void lead() {
        long through = 0;
        try {
            through = commitWholeCommands();
        } finally {
            publish(through, true);
        }
    }

    /** Commits with no write command under way; answers the number of the last command the commit holds. */
    private long commitWholeCommands() {
        long through;
        commands.writeLock().lock();
        try {
            through = finished.get();
            store.commit();
        } finally {
            commands.writeLock().unlock();
        }
        if (syncEachCommit) {
            sync();
        } else {
            unsynced.set(true);
        }
        return through;
    }

    /** Syncs every commit written so far to the disk, then lets MVStore reuse the chunks those commits killed. */
    private synchronized void sync() {
        MVStore.TxCounter syncing;
        commands.readLock().lock();
        try {
            // With no commit under way, every version before this one is written in full.
            syncing = store.registerVersionUsage();
        } finally {
            commands.readLock().unlock();
        }
        try {
            store.sync();
        } catch (RuntimeException e) {
            store.deregisterVersionUsage(syncing);
            unsynced.set(true);
            throw e;
        }
        store.deregisterVersionUsage(synced);
        synced = syncing;
    }

    private void publish(long through, boolean leading) {
        state.lock();
        try {
            if (leading) {
                committing = false;
            }
            committedThrough = Math.max(committedThrough, through);
            commitDone.signalAll();
        } finally {
            state.unlock();
        }
    }
}
