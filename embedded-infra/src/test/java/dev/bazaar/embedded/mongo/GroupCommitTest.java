package dev.bazaar.embedded.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {

    @TempDir
    Path dir;

    @Test
    void aCommitWaitsForTheCommandUnderWayAndHoldsItWithEveryCommandThatFinishedBefore() throws Exception {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("data.mv").toString()).autoCommitDisabled().open();
        MVMap<String, Integer> map = store.openMap("map");
        store.commit();
        long before = store.getCurrentVersion();
        GroupCommit commits = new GroupCommit(store, false);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch slowStarted = new CountDownLatch(1);
            CountDownLatch slowMayFinish = new CountDownLatch(1);

            CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> commits.write(() -> {
                map.put("slow, first half", 1);
                slowStarted.countDown();
                awaitQuietly(slowMayFinish);
                return map.put("slow, second half", 2);
            }), threads);
            slowStarted.await(30, TimeUnit.SECONDS);
            AtomicReference<Thread> quickThread = new AtomicReference<>();
            CompletableFuture<Void> quick = CompletableFuture.runAsync(() -> {
                quickThread.set(Thread.currentThread());
                commits.write(() -> map.put("quick", 3));
            }, threads);
            // The quick command has finished and waits to commit until the slow one is done.
            await().atMost(Duration.ofSeconds(30)).until(() -> quickThread.get() != null && quickThread.get().getState() == Thread.State.WAITING);
            assertThat(store.getCurrentVersion()).as("commits while the slow command runs").isEqualTo(before);

            slowMayFinish.countDown();
            CompletableFuture.allOf(slow, quick).get(30, TimeUnit.SECONDS);
            assertThat(store.getCurrentVersion()).as("commits for both commands").isEqualTo(before + 1);
            assertThat(store.hasUnsavedChanges()).as("changes left out of the commit").isFalse();
        } finally {
            threads.shutdownNow();
            commits.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
