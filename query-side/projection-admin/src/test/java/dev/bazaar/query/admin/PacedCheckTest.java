package dev.bazaar.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pace of a {@link PacedCheck}, with an idle pause far longer than any wait here. */
class PacedCheckTest {

    private static final Duration BUSY = Duration.ofMillis(20);
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void runsAtTheBusyPaceWhileWorkIsInProgressAndThenWaitsTheIdlePause() throws InterruptedException {
        PacedCheck check = new PacedCheck(scheduler, () -> runs.incrementAndGet() < 5, BUSY, IDLE);
        check.start(Duration.ZERO);

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 5);
        Thread.sleep(BUSY.multipliedBy(15).toMillis());
        assertThat(runs.get()).isEqualTo(5);
    }

    @Test
    void soonBringsAnIdlePauseForward() throws InterruptedException {
        PacedCheck check = new PacedCheck(scheduler, () -> runs.incrementAndGet() < 0, BUSY, IDLE);
        check.start(Duration.ZERO);
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);

        check.soon();

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
        Thread.sleep(BUSY.multipliedBy(15).toMillis());
        assertThat(runs.get()).as("after the run brought forward, the idle pace again").isEqualTo(2);
    }

    /** A rebuild that begins while a check is running, which found nothing to do, is still watched at the busy pace. */
    @Test
    void soonDuringARunHasTheNextRunComeAtTheBusyPace() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PacedCheck check = new PacedCheck(scheduler, () -> {
            if (runs.incrementAndGet() == 1) {
                running.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return false;
        }, BUSY, IDLE);
        check.start(Duration.ZERO);
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        check.soon();
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
    }

    @Test
    void aCheckThatFailsRunsAgainAtTheBusyPace() {
        PacedCheck check = new PacedCheck(scheduler, () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("the store does not answer");
        }, BUSY, IDLE);
        check.start(Duration.ZERO);

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
    }
}
