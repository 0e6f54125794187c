package dev.bazaar.query.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;

/**
 * When a processor that failed tries again. Axon does not expose it, so it is derived from the failures
 * this service sees and the back-off Axon's {@code PooledStreamingEventProcessor} applies to them (read
 * from its {@code Coordinator}, 4.13):
 * <ul>
 * <li>a batch that fails (a handler, or storing the token with the batch) aborts its segment's work
 * package; the segment is released and not claimed again for 1 s, doubled on each consecutive failure of
 * that segment up to 60 s ({@code releasesDeadlines}). Seen here through the processor's error handler
 * ({@link #watch}), which records the failure and then propagates it as Axon's default does;</li>
 * <li>a failure of the coordinator itself (fetching, claiming or extending tokens: the token store does not
 * answer) releases every claim and schedules the next coordination after 1 s, doubled on each consecutive
 * failure up to 60 s ({@code errorWaitBackOff}, 500 ms doubled before its first use). Seen here through
 * the token store, which {@link DeadLetterAdminAutoConfiguration} wraps in a
 * {@link RetryWatchingTokenStore}, and through the processor's transaction manager
 * ({@link RetryWatchingTransactionManager}), where a relational store fails first.</li>
 * </ul>
 * Axon's {@code TrackingEventProcessor} (4.13; the document service's read models) keeps the same two
 * schedules: a segment thread whose batch fails releases its token and sleeps 1 s, doubled up to 60 s
 * ({@code processingLoop}), and the thread that claims segments waits the same after fetching them fails.
 * Both schedules are 1, 2, 4 ... 60 s after the failure, so the next retry is the last failure's instant
 * plus {@code min(2^(n-1), 60)} s for the n-th consecutive failure. A failure seen before the retry the last
 * one announced belongs to the same attempt (aborting an attempt fails a few calls at once) and does not
 * count again. A batch that commits resets the batch count, a token-store call or a transaction that
 * answers resets the coordinator's, as Axon resets its own; a retry followed by no failure for the longest
 * back-off (60 s) is taken to have succeeded. The estimate is as good as the clock of this process and the
 * order in which Axon's threads report; it is for people watching the admin API, not for scheduling.
 */
public final class RetrySchedule {

    /** A processor's pending retry: the last failure, what it was, and when Axon tries again. */
    public record Retry(Instant failedAt, String error, Instant nextRetryAt, int consecutiveFailures) {
    }

    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofSeconds(60);

    private final Clock clock;
    private final Map<String, Backoff> batches = new ConcurrentHashMap<>();
    private final Map<String, Backoff> coordinators = new ConcurrentHashMap<>();

    public RetrySchedule(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the processor's failed batches (then propagates them, Axon's default) and its committed ones,
     * and whether its transactions start and commit.
     */
    public void watch(EventProcessingConfigurer configurer, String processor) {
        configurer.registerTransactionManager(processor, configuration -> new RetryWatchingTransactionManager(
                configuration.getComponent(TransactionManager.class, NoTransactionManager::instance), this, processor));
        configurer.registerErrorHandler(processor, configuration -> context -> {
            batchFailed(processor, context.error());
            PropagatingErrorHandler.instance().handleError(context);
        });
        configurer.registerHandlerInterceptor(processor, configuration -> (unitOfWork, chain) -> {
            Backoff backoff = batches.get(processor);
            if (backoff != null && backoff.failing() && unitOfWork.isRoot()) {
                unitOfWork.afterCommit(committed -> backoff.succeeded());
            }
            return chain.proceed();
        });
    }

    /** The processor's retry, while its last batch or its last token-store call failed. */
    public Optional<Retry> pending(String processor) {
        Instant now = clock.instant();
        Optional<Retry> batch = backoff(batches, processor).pending(now);
        Optional<Retry> coordinator = backoff(coordinators, processor).pending(now);
        if (batch.isEmpty()) {
            return coordinator;
        }
        if (coordinator.isEmpty()) {
            return batch;
        }
        return Optional.of(batch.get().nextRetryAt().isAfter(coordinator.get().nextRetryAt()) ? batch.get() : coordinator.get());
    }

    void batchFailed(String processor, Throwable error) {
        backoff(batches, processor).failed(clock.instant(), error);
    }

    void storeFailed(String processor, Throwable error) {
        backoff(coordinators, processor).failed(clock.instant(), error);
    }

    void storeAnswered(String processor) {
        Backoff backoff = coordinators.get(processor);
        if (backoff != null && backoff.failing()) {
            backoff.succeeded();
        }
    }

    private static Backoff backoff(Map<String, Backoff> backoffs, String processor) {
        return backoffs.computeIfAbsent(processor, name -> new Backoff());
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String outer = error.getClass().getName() + ": " + error.getMessage();
        return cause == error ? outer : outer + " (caused by " + cause.getClass().getName() + ": " + cause.getMessage() + ")";
    }

    /** Consecutive failures of one kind and the retry the last one announced. */
    private static final class Backoff {

        private volatile int failures;
        private Instant failedAt;
        private Instant nextRetryAt;
        private String error;

        boolean failing() {
            return failures > 0;
        }

        synchronized void failed(Instant at, Throwable cause) {
            error = describe(cause);
            if (failures > 0 && at.isBefore(nextRetryAt)) {
                return;
            }
            failures++;
            failedAt = at;
            Duration delay = failures > 7 ? LONGEST : FIRST.multipliedBy(1L << (failures - 1));
            nextRetryAt = at.plus(delay.compareTo(LONGEST) > 0 ? LONGEST : delay);
        }

        synchronized void succeeded() {
            failures = 0;
            failedAt = null;
            nextRetryAt = null;
            error = null;
        }

        /**
         * The retry, unless nothing has failed since the longest back-off after it: then it succeeded where no
         * success is reported (say, the segment went to another instance, or nothing was left to commit).
         */
        synchronized Optional<Retry> pending(Instant now) {
            return failures == 0 || now.isAfter(nextRetryAt.plus(LONGEST)) ? Optional.empty()
                    : Optional.of(new Retry(failedAt, error, nextRetryAt, failures));
        }
    }
}
