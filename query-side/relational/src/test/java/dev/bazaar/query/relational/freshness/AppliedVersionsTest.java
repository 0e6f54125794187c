package dev.bazaar.query.relational.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.query.relational.ReadModelTest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Waiters are woken by the commit of the version they wait for, not by the end of their bounded wait:
 * the wait here is a minute, far longer than any answer below is given.
 */
@ReadModelTest
class AppliedVersionsTest {

    private final AppliedVersions versions = new AppliedVersions(new ReadYourWritesProperties(Duration.ofMinutes(1)));
    private final AtomicLong committed = new AtomicLong(0);

    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void stop() {
        versions.stop();
    }

    @Test
    void aWaiterIsWokenOnceTheTransactionThatAppliedItsVersionCommits() throws Exception {
        CompletableFuture<Optional<Long>> answer = waitFor(1);
        assertThat(answer).isNotDone();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            apply(1);
            assertThat(answer).as("not before the commit makes the row visible").isNotDone();
        });

        assertThat(answer.get(30, TimeUnit.SECONDS)).contains(1L);
    }

    @Test
    void aRolledBackVersionWakesNobody() {
        CompletableFuture<Optional<Long>> answer = waitFor(1);

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            apply(1);
            status.setRollbackOnly();
        });

        assertThat(answer).isNotDone();
    }

    @Test
    void anEarlierVersionDoesNotWakeAWaiterForALaterOne() throws Exception {
        CompletableFuture<Optional<Long>> answer = waitFor(2);

        new TransactionTemplate(transactions).executeWithoutResult(status -> apply(1));
        assertThat(answer).isNotDone();
        new TransactionTemplate(transactions).executeWithoutResult(status -> apply(2));

        assertThat(answer.get(30, TimeUnit.SECONDS)).contains(2L);
    }

    @Test
    void aVersionAlreadyAppliedIsAnsweredAtOnce() {
        committed.set(3);

        assertThat(waitFor(2)).isCompletedWithValue(Optional.of(3L));
    }

    private CompletableFuture<Optional<Long>> waitFor(long minVersion) {
        return versions.read("things", "thing-1", minVersion, () -> Optional.of(committed.get()), Long::longValue);
    }

    /** What a projection does: change the row (here a number) and report the version, in one transaction. */
    private void apply(long version) {
        committed.set(version);
        versions.applied("things", "thing-1", version);
    }
}
