package dev.bazaar.query.admin;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A check that runs again and again on a scheduler: after the {@code busy} pause when it answers that
 * there is work in progress (a read model rebuilding), after the {@code idle} pause when not, so that an
 * idle service pays little for watching. {@link #soon} brings the next run forward to the busy pace, for
 * when work has just begun. Both query services watch their rebuilds with one.
 *
 * <p>The check runs outside this object's lock, so it may take its caller's lock while the caller, holding
 * that lock, calls {@link #soon}. A {@link #soon} that arrives while a run is in progress is remembered, and
 * that run's successor comes at the busy pace whatever the run answered.
 */
public final class PacedCheck {

    private static final Logger log = LoggerFactory.getLogger(PacedCheck.class);

    private final ScheduledExecutorService scheduler;
    private final BooleanSupplier check;
    private final Duration busy;
    private final Duration idle;
    private final AtomicBoolean hurried = new AtomicBoolean();
    /** The next run; guarded by this. */
    private ScheduledFuture<?> next;

    /**
     * @param check runs the check and answers whether work is in progress; a check that throws counts as busy
     */
    public PacedCheck(ScheduledExecutorService scheduler, BooleanSupplier check, Duration busy, Duration idle) {
        this.scheduler = scheduler;
        this.check = check;
        this.busy = busy;
        this.idle = idle;
    }

    /** Schedules the first run; the runs end when the scheduler is shut down. */
    public void start(Duration firstDelay) {
        schedule(firstDelay);
    }

    /** Has the next run come at the busy pace: now, unless it is due sooner anyway. */
    public void soon() {
        hurried.set(true);
        synchronized (this) {
            // A run still pending is not in progress (each run schedules the next): moving it forward suffices.
            if (next != null && next.getDelay(TimeUnit.MILLISECONDS) > busy.toMillis() && next.cancel(false)) {
                hurried.set(false);
                schedule(busy);
            }
        }
    }

    private void runAndScheduleNext() {
        boolean working = true;
        try {
            working = check.getAsBoolean();
        } catch (RuntimeException e) {
            log.warn("A scheduled check failed; it runs again in {}", busy, e);
        } finally {
            schedule(working | hurried.getAndSet(false) ? busy : idle);
        }
    }

    private synchronized void schedule(Duration delay) {
        try {
            next = scheduler.schedule(this::runAndScheduleNext, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            log.debug("Scheduled checks end: the scheduler is shut down");
        }
    }
}
