package dev.bazaar.query.relational.freshness;

import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Read-your-writes for the read models: a query that asks for at least a version of an aggregate is
 * answered once the projection has committed that version, or fails with {@link ReadModelBehindException}
 * after a bounded wait.
 *
 * <p>Nobody polls: the query registers a waiter and returns a future, so no query thread is held;
 * projections report each version they apply, and once their transaction commits the waiters for that
 * aggregate whose version has been reached are woken and read the committed row again.
 */
@Component
@EnableConfigurationProperties(ReadYourWritesProperties.class)
public class AppliedVersions {

    private final Map<Aggregate, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(2, new ReaderThreads());
    private final ReadYourWritesProperties properties;

    AppliedVersions(ReadYourWritesProperties properties) {
        this.properties = properties;
    }

    /**
     * A projection applied {@code version} of an aggregate; its waiters are woken once the current
     * transaction commits (at once when there is none), never before the row they will read is visible.
     */
    public void applied(String readModel, String aggregateId, long version) {
        Aggregate aggregate = new Aggregate(readModel, aggregateId);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake(aggregate, version);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake(aggregate, version);
            }
        });
    }

    /**
     * Reads a view, at once when {@code minVersion} is null or already applied, otherwise once the read
     * model has applied it. A view that does not exist yet counts as not having reached any version.
     *
     * @param read reads the committed view; called on the caller's thread or on this component's readers
     */
    public <V> CompletableFuture<Optional<V>> read(String readModel, String aggregateId, Long minVersion,
                                                   Supplier<Optional<V>> read, ToLongFunction<V> versionOf) {
        Optional<V> now = read.get();
        if (minVersion == null || reached(now, minVersion, versionOf)) {
            return CompletableFuture.completedFuture(now);
        }
        Aggregate aggregate = new Aggregate(readModel, aggregateId);
        Waiter waiter = new Waiter(minVersion, new CompletableFuture<>());
        waiters.compute(aggregate, (key, waiting) -> {
            Set<Waiter> registered = waiting == null ? ConcurrentHashMap.newKeySet() : waiting;
            registered.add(waiter);
            return registered;
        });
        // The version may have been committed between the first read and registering the waiter.
        Optional<V> afterRegistering = read.get();
        if (reached(afterRegistering, minVersion, versionOf)) {
            forget(aggregate, waiter);
            return CompletableFuture.completedFuture(afterRegistering);
        }
        long waitMillis = properties.maxWait().toMillis();
        CompletableFuture<Optional<V>> answer = new CompletableFuture<>();
        waiter.woken().orTimeout(waitMillis, TimeUnit.MILLISECONDS).whenCompleteAsync((ignored, timeout) -> {
            forget(aggregate, waiter);
            try {
                Optional<V> latest = read.get();
                if (reached(latest, minVersion, versionOf)) {
                    answer.complete(latest);
                } else {
                    String at = latest.map(view -> "it is at version " + versionOf.applyAsLong(view)).orElse("it is not there yet");
                    answer.completeExceptionally(new ReadModelBehindException(readModel + " " + aggregateId, minVersion, at, waitMillis));
                }
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }, readers);
        return answer;
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }

    private void wake(Aggregate aggregate, long version) {
        Set<Waiter> waiting = waiters.get(aggregate);
        if (waiting == null) {
            return;
        }
        waiting.stream().filter(waiter -> waiter.minVersion() <= version).forEach(waiter -> waiter.woken().complete(null));
    }

    private void forget(Aggregate aggregate, Waiter waiter) {
        waiters.computeIfPresent(aggregate, (key, waiting) -> {
            waiting.remove(waiter);
            return waiting.isEmpty() ? null : waiting;
        });
    }

    private static <V> boolean reached(Optional<V> view, long minVersion, ToLongFunction<V> versionOf) {
        return view.map(versionOf::applyAsLong).filter(version -> version >= minVersion).isPresent();
    }

    private record Aggregate(String readModel, String aggregateId) {
    }

    /** Identity matters: two queries waiting for the same version are two waiters. */
    private static final class Waiter {

        private final long minVersion;
        private final CompletableFuture<Void> woken;

        Waiter(long minVersion, CompletableFuture<Void> woken) {
            this.minVersion = minVersion;
            this.woken = woken;
        }

        long minVersion() {
            return minVersion;
        }

        CompletableFuture<Void> woken() {
            return woken;
        }
    }

    private static final class ReaderThreads implements ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "read-your-writes-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
