package dev.bazaar.query.relational.rebuild;

import dev.bazaar.query.admin.PacedCheck;
import dev.bazaar.query.admin.RetrySchedule;
import dev.bazaar.query.relational.Projections;
import dev.bazaar.query.relational.generation.AlreadyBuildingException;
import dev.bazaar.query.relational.generation.Generations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the read models and reports on them. A read model and its processor share a name
 * ({@code customers}, {@code orders}).
 *
 * <p>A rebuild stops the processor, then in one transaction creates the next generation, points
 * {@code building} at it and resets the processor's tokens to the tail; then starts the processor again,
 * which now writes into the new generation while queries keep reading the live one (which stays as it
 * was when the rebuild began). Every half second while a read model is rebuilding, a watcher compares the
 * processor's position with the head of the event store; once every segment has reached it, the pointer
 * switches to the new generation and the old one is dropped. While none is rebuilding, the watcher only
 * refreshes the metrics and the rates, every two seconds: at every half second it was a steady cost of the
 * idle system (a head token from the node and two selects per read model each time); a rebuild request
 * brings the next watch forward ({@link PacedCheck}). The generation being built and the tokens are in the
 * database, so a rebuild killed half-way simply goes on when the service starts again.
 */
@Component
class Rebuilds {

    static final List<String> PROJECTIONS = Projections.NAMES;

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    private static final Duration WATCH = Duration.ofMillis(500);
    private static final Duration IDLE_WATCH = Duration.ofSeconds(2);

    private final EventProcessingConfiguration processing;
    private final Generations generations;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final JdbcTemplate jdbc;
    private final RetrySchedule retries;
    private final Map<String, Counter> applied = new ConcurrentHashMap<>();
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();
    private final Map<String, ProjectionStatus> lastSeen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rebuild-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private final PacedCheck watches = new PacedCheck(watcher, this::watchOnce, WATCH, IDLE_WATCH);

    Rebuilds(EventProcessingConfiguration processing, Generations generations, EventStore eventStore,
             TokenStore tokenStore, JdbcTemplate jdbc, RetrySchedule retries, MeterRegistry meters) {
        this.processing = processing;
        this.generations = generations;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.jdbc = jdbc;
        this.retries = retries;
        for (String name : PROJECTIONS) {
            applied.put(name, Counter.builder("bazaar.projection.events").tag("projection", name)
                    .description("events applied to the read model").register(meters));
            rates.put(name, new Rate());
            gauge(meters, "bazaar.projection.position", name, status -> status.position());
            gauge(meters, "bazaar.projection.head", name, status -> status.head());
            gauge(meters, "bazaar.projection.lag", name, status -> status.lag());
            gauge(meters, "bazaar.projection.generation", name, status -> status.generation());
            gauge(meters, "bazaar.projection.rebuilding", name, status -> status.state() == ProjectionStatus.State.REBUILDING ? 1 : 0);
        }
    }

    /** Counts every event a projection's handlers applied: the source of {@code eventsPerSecond}. */
    @Autowired
    void countAppliedEvents(EventProcessingConfigurer configurer) {
        for (String name : PROJECTIONS) {
            configurer.registerHandlerInterceptor(name, configuration -> (unitOfWork, chain) -> {
                Object result = chain.proceed();
                applied.get(name).increment();
                return result;
            });
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void watch() {
        PROJECTIONS.forEach(generations::dropUnused);
        watches.start(WATCH);
    }

    @PreDestroy
    void stop() {
        watcher.shutdownNow();
    }

    List<ProjectionStatus> statuses() {
        long head = head();
        return PROJECTIONS.stream().map(name -> status(name, head)).toList();
    }

    /** Starts rebuilding one read model; the answer is its status right after the start. */
    synchronized ProjectionStatus rebuild(String name) {
        StreamingEventProcessor processor = processor(name);
        if (generations.pointer(name).rebuilding()) {
            throw new AlreadyBuildingException(name, generations.pointer(name).targetGeneration());
        }
        stopAndWait(processor);
        try {
            int generation = generations.beginBuilding(name, processor::resetTokens);
            log.info("Rebuilding {} into generation {}", name, generation);
        } finally {
            processor.start();
        }
        watches.soon();
        return status(name, head());
    }

    /** Starts rebuilding every read model not already being rebuilt. */
    synchronized List<ProjectionStatus> rebuildAll() {
        List<ProjectionStatus> started = new ArrayList<>();
        for (String name : PROJECTIONS) {
            started.add(generations.pointer(name).rebuilding() ? status(name, head()) : rebuild(name));
        }
        return started;
    }

    /** Switches the read models whose rebuild has caught up; answers whether one is (still) rebuilding. */
    private synchronized boolean watchOnce() {
        boolean rebuilding = false;
        try {
            long head = head();
            for (String name : PROJECTIONS) {
                rates.get(name).sample(applied.get(name).count());
                ProjectionStatus status = status(name, head);
                lastSeen.put(name, status);
                if (status.state() == ProjectionStatus.State.REBUILDING) {
                    rebuilding = true;
                    if (caughtUp(name, status, head)) {
                        generations.switchToBuilt(name);
                        log.info("{} rebuilt: generation {} is live", name, status.generation());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Watching the projections failed; trying again shortly", e);
        }
        return rebuilding;
    }

    /** Every segment of the processor is claimed here and has processed the event at the head (or beyond). */
    private boolean caughtUp(String name, ProjectionStatus status, long head) {
        return !status.segments().isEmpty()
                && status.segments().size() == tokenStore.fetchSegments(name).length
                && status.segments().stream().allMatch(segment -> segment.position() >= head);
    }

    private ProjectionStatus status(String name, long head) {
        StreamingEventProcessor processor = processor(name);
        Generations.Pointer pointer;
        Map<Integer, String> owners = new ConcurrentHashMap<>();
        try {
            pointer = generations.pointer(name);
            jdbc.query("SELECT segment, owner FROM tokenentry WHERE processorname = ? AND owner IS NOT NULL",
                    row -> {
                        owners.put(row.getInt("segment"), row.getString("owner"));
                    }, name);
        } catch (DataAccessException unreachable) {
            return withoutDatabase(name, head, unreachable);
        }
        List<ProjectionStatus.SegmentStatus> segments = processor.processingStatus().values().stream()
                .sorted(Comparator.comparingInt(tracker -> tracker.getSegment().getSegmentId()))
                .map(tracker -> new ProjectionStatus.SegmentStatus(tracker.getSegment().getSegmentId(),
                        owners.get(tracker.getSegment().getSegmentId()), positionOf(tracker)))
                .toList();
        long position = segments.stream().mapToLong(ProjectionStatus.SegmentStatus::position).min().orElse(-1);
        long lag = Math.max(0, head - position);
        String error = processor.processingStatus().values().stream().filter(EventTrackerStatus::isErrorState)
                .map(tracker -> String.valueOf(tracker.getError())).findFirst().orElse(null);
        ProjectionStatus.State state = error != null ? ProjectionStatus.State.ERROR
                : pointer.rebuilding() ? ProjectionStatus.State.REBUILDING : ProjectionStatus.State.LIVE;
        double perSecond = rates.get(name).perSecond();
        Double secondsLeft = lag == 0 ? Double.valueOf(0) : perSecond > 0 ? Double.valueOf(lag / perSecond) : null;
        return new ProjectionStatus(name, state, pointer.targetGeneration(), position, head, lag, perSecond, secondsLeft,
                segments, error, state == ProjectionStatus.State.ERROR ? nextRetryAt(name) : null);
    }

    /**
     * The status while this service's database does not answer: in error, with the generation last seen.
     * The processor keeps retrying by itself (it releases its segments and claims them again once the
     * database answers), and resumes from the tokens stored there.
     */
    private ProjectionStatus withoutDatabase(String name, long head, DataAccessException unreachable) {
        ProjectionStatus last = lastSeen.get(name);
        long position = processor(name).processingStatus().values().stream().mapToLong(Rebuilds::positionOf).min()
                .orElse(last == null ? -1 : last.position());
        String error = "the read model's database does not answer (" + unreachable.getMostSpecificCause().getMessage()
                + "); the processor retries by itself and resumes from its stored position";
        return new ProjectionStatus(name, ProjectionStatus.State.ERROR, last == null ? 0 : last.generation(), position, head,
                Math.max(0, head - position), 0, null, List.of(), error, nextRetryAt(name));
    }

    private Instant nextRetryAt(String name) {
        return retries.pending(name).map(RetrySchedule.Retry::nextRetryAt).orElse(null);
    }

    private StreamingEventProcessor processor(String name) {
        if (!PROJECTIONS.contains(name)) {
            throw new UnknownProjectionException(name);
        }
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProjectionException(name));
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private static long positionOf(EventTrackerStatus tracker) {
        return tracker.getCurrentPosition().orElse(-1);
    }

    private static void stopAndWait(StreamingEventProcessor processor) {
        try {
            processor.shutdownAsync().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + processor.getName(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not stop " + processor.getName() + " to rebuild it", e);
        }
    }

    private void gauge(MeterRegistry meters, String metric, String name,
                       ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(metric, lastSeen, seen -> seen.containsKey(name) ? value.applyAsDouble(seen.get(name)) : Double.NaN)
                .tag("projection", name).register(meters);
    }

    /** Events per second over the watcher's samples, smoothed so that one slow batch does not swing it. */
    private static final class Rate {

        private double lastCount = Double.NaN;
        private long lastNanos;
        private volatile double perSecond;

        synchronized void sample(double count) {
            long now = System.nanoTime();
            if (!Double.isNaN(lastCount) && now > lastNanos) {
                double current = (count - lastCount) * 1e9 / (now - lastNanos);
                perSecond = perSecond == 0 ? current : 0.5 * perSecond + 0.5 * current;
            }
            lastCount = count;
            lastNanos = now;
        }

        double perSecond() {
            return perSecond;
        }
    }
}
