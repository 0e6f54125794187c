package dev.bazaar.query.document.rebuild;

import dev.bazaar.query.admin.PacedCheck;
import dev.bazaar.query.admin.RetrySchedule;
import dev.bazaar.query.document.InstanceName;
import dev.bazaar.query.document.rebuild.Generations.Pointer;
import dev.bazaar.query.document.rebuild.ProjectionStatus.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds read models by replaying the event store into a new generation, and watches them.
 *
 * <p>A rebuild of generation N: the read model's processor stops; generation N+1's collections are
 * created empty with their indexes; the pointer records N+1 as being built (from now on the
 * projection writes N+1, and N stays as it was); the processor's tokens are reset to the tail and the
 * pointer records that; the processor starts again and replays everything into N+1. Queries read N
 * all along. Every tick, a read model being built is switched to N+1 once every segment of its
 * processor has finished the replay and caught up with the stream (one write of the pointer); N is
 * dropped a little later, once queries that were reading it have answered. Events appended during the
 * rebuild are processed after the replayed ones, into N+1.
 *
 * <p>Ticks come every {@code check-interval} while a read model is rebuilding, and every
 * {@code idle-interval} otherwise, when a tick only reads the pointers again (to follow another instance's
 * rebuild). A status is measured when asked for, at most once per {@code check-interval}: measuring every
 * read model on every tick (a read of the token store and a head token from the node each) was a tenth of a
 * core of the idle system, service, MongoDB-protocol server and node together.
 *
 * <p>Killed at any point, the rebuild ends the same way after a restart: the pointer and the tokens
 * are in MongoDB; a pointer whose tokens were not yet reset has them reset again at start (writes the
 * processor made meanwhile into N+1 are redone by the replay and are idempotent); collections of
 * generations that are neither live nor being built are dropped at start.
 */
@Component
public class ProjectionRebuilds implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final Pattern GENERATION = Pattern.compile("(.+)_g(\\d+)");
    private static final String TOKENS_COLLECTION = "tracking_tokens";
    /** Checks (one per {@code bazaar.rebuild.check-interval}) a caught-up segment's position must hold still to count as replayed. */
    private static final int STEADY_CHECKS = 4;
    /** How far behind the head a settled segment may be: the events of types it does not handle, at most a batch. */
    private static final long SETTLED_LAG = 1_024;

    private final MongoTemplate mongo;
    private final Generations generations;
    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Map<String, ReadModel> readModels;
    private final RebuildProperties properties;
    private final RetrySchedule retries;
    private final String instance;
    private final Map<String, Progress> progress = new ConcurrentHashMap<>();
    private final Map<String, Measured> lastStatus = new ConcurrentHashMap<>();
    private final Map<String, Steady> steadyChecks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuilds");
        thread.setDaemon(true);
        return thread;
    });
    private final PacedCheck checks;

    ProjectionRebuilds(MongoTemplate mongo, Generations generations, EventProcessingConfiguration processing, EventStore eventStore,
                       List<ReadModel> readModels, RebuildProperties properties, RetrySchedule retries, InstanceName instance) {
        this.mongo = mongo;
        this.generations = generations;
        this.processing = processing;
        this.eventStore = eventStore;
        this.readModels = readModels.stream().collect(Collectors.toMap(ReadModel::name, Function.identity(), (a, b) -> a,
                TreeMap::new));
        this.properties = properties;
        this.retries = retries;
        this.instance = instance.value();
        this.checks = new PacedCheck(ticks, this::tick, properties.checkInterval(), properties.idleInterval());
    }

    /** Before any processor or query runs: each read model's pointer, the indexes of its generations, no leftovers. */
    @Override
    public void afterPropertiesSet() {
        for (ReadModel model : readModels.values()) {
            generations.refresh(model.name());
            Pointer pointer = generations.pointer(model.name());
            dropGenerationsOtherThan(model, pointer);
            createIndexes(model, pointer.live());
            if (pointer.rebuilding()) {
                createIndexes(model, pointer.building());
            }
        }
    }

    /** Once the processors run: a rebuild killed before its tokens were reset is started again; then the ticks begin. */
    @EventListener(ApplicationStartedEvent.class)
    void resumeAndWatch() {
        for (ReadModel model : readModels.values()) {
            Pointer pointer = generations.pointer(model.name());
            if (pointer.rebuilding() && !pointer.replayStarted()) {
                log.info("Resuming the rebuild of {} into generation {}: resetting its tokens", model.name(), pointer.building());
                try {
                    replayFromTail(model.name());
                } catch (RuntimeException e) {
                    // The pointer still says the replay has not started, so the rebuild never switches before the next
                    // start, which resets the tokens again; queries go on reading the live generation meanwhile.
                    log.error("Could not reset {}'s tokens to resume its rebuild; it resumes at the next start", model.name(), e);
                    startAgain(model.name());
                }
            } else if (pointer.rebuilding()) {
                log.info("Resuming the rebuild of {} into generation {} from its stored tokens", model.name(), pointer.building());
            }
        }
        checks.start(Duration.ZERO);
    }

    List<String> readModelNames() {
        return List.copyOf(readModels.keySet());
    }

    List<ProjectionStatus> statuses() {
        return readModels.keySet().stream().map(this::status).toList();
    }

    /** The read model's status, measured now unless it was within the last {@code check-interval}. */
    ProjectionStatus status(String name) {
        known(name);
        Measured last = lastStatus.get(name);
        return last != null && System.nanoTime() - last.nanos() < properties.checkInterval().toNanos()
                ? last.status() : remeasure(name);
    }

    /** A status and when it was measured (System.nanoTime). */
    private record Measured(ProjectionStatus status, long nanos) {
    }

    /** Starts rebuilding one read model; answers its status once the replay has started. */
    synchronized ProjectionStatus rebuild(String name) {
        known(name);
        generations.refresh(name);
        Pointer pointer = generations.pointer(name);
        if (pointer.rebuilding()) {
            throw new AlreadyRebuildingException(name, pointer.building());
        }
        StreamingEventProcessor processor = processor(name);
        long next = pointer.live() + 1;
        boolean begun = false;
        try {
            processor.shutDown();
            steadyChecks.remove(name);
            ReadModel model = readModels.get(name);
            drop(model, next);
            createIndexes(model, next);
            generations.beginBuilding(name, next);
            begun = true;
            log.info("Rebuilding {}: generation {} is being built beside {}", name, next, pointer.live());
            replayFromTail(name);
        } catch (RuntimeException e) {
            if (begun) {
                generations.abandonBuilding(name);
            }
            startAgain(name);
            throw e;
        }
        checks.soon();
        return remeasure(name);
    }

    /** Starts rebuilding every read model that is not rebuilding already. */
    synchronized List<ProjectionStatus> rebuildAll() {
        for (String name : readModels.keySet()) {
            generations.refresh(name);
            if (!generations.pointer(name).rebuilding()) {
                rebuild(name);
            }
        }
        return statuses();
    }

    private void replayFromTail(String name) {
        StreamingEventProcessor processor = processor(name);
        processor.shutDown();
        // The event store may answer no tail token (the node does, for "before the first event"); Axon's
        // Mongo token store cannot store a null token, so the tail is then spelled out as "before index 0".
        TrackingToken tail = eventStore.createTailToken();
        processor.resetTokens(tail != null ? tail : new GlobalSequenceTrackingToken(-1));
        generations.replayStarted(name);
        processor.start();
    }

    /**
     * Starts a processor that a failed rebuild left stopped. A tracking processor refuses to start while a thread
     * of its last run is still ending (its shutdown waits 5 s for a worker, interrupts it, waits 5 s more, and
     * then gives up waiting; its claiming thread gets 1 s), so it is tried again every second until it starts.
     */
    private void startAgain(String name) {
        try {
            processor(name).start();
        } catch (RuntimeException stillEnding) {
            log.warn("Could not start {}'s processor again yet; trying again in 1 s", name, stillEnding);
            ticks.schedule(() -> startAgain(name), 1, TimeUnit.SECONDS);
        }
    }

    /** Reads the pointers again; switches the read models whose rebuild has caught up and measures those rebuilding. */
    private synchronized boolean tick() {
        boolean rebuilding = false;
        for (String name : readModels.keySet()) {
            try {
                generations.refresh(name);
                Pointer pointer = generations.pointer(name);
                if (!pointer.rebuilding()) {
                    continue;
                }
                rebuilding = true;
                if (pointer.replayStarted() && caughtUp(name, processor(name))) {
                    generations.switchTo(name, pointer.building());
                    steadyChecks.remove(name);
                    log.info("Rebuilt {}: queries now read generation {}; generation {} is dropped in {}", name,
                            pointer.building(), pointer.live(), properties.dropDelay());
                    ReadModel model = readModels.get(name);
                    long old = pointer.live();
                    ticks.schedule(() -> drop(model, old), properties.dropDelay().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (RuntimeException e) {
                log.warn("Could not check the rebuild of {}", name, e);
            }
            try {
                remeasure(name);
            } catch (RuntimeException e) {
                log.warn("Could not measure {}", name, e);
            }
        }
        return rebuilding;
    }

    /**
     * Every segment claimed, each having replayed all that was stored when the rebuild began and read
     * all the stream had. A segment counts as replayed once its position reaches the position at reset
     * (Axon keeps calling it replaying until it sees an event after that position, which may be never), or
     * once it has read all the stream had, is within a batch of the head, and its position stayed where it
     * was for {@link #STEADY_CHECKS} checks: the stream leaves out the events no handler of the processor
     * takes (Axon Server's payload type filter), so a processor that handles only some types (reviews) never
     * sees the head when the newest events are of other types, and its position stops at the last event it
     * handles. (A segment that has handled nothing yet is not taken as settled: right after the reset the
     * stream may not have answered yet. Taken as settled a moment early, the new generation lacks at most
     * the batch being written, as a live read model does.) A segment whose position has reached the head
     * has caught up whatever Axon's flag says: a pooled processor (these read models had one until session 8)
     * sets that flag only when its coordinator next finds the stream empty, which after the last batch of a
     * replay is up to its claim extension interval (5 s) later, and the catalog's rebuilds spent that long
     * finished but not switched.
     */
    private boolean caughtUp(String name, StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (!processor.isRunning() || segments.isEmpty()) {
            steadyChecks.remove(name);
            return false;
        }
        Map<Integer, Long> positions = new HashMap<>();
        segments.forEach((segment, status) -> positions.put(segment, status.getCurrentPosition().orElse(-1)));
        Steady steady = steadyChecks.merge(name, new Steady(positions, 0),
                (before, now) -> before.positions().equals(now.positions()) ? new Steady(now.positions(), before.checks() + 1) : now);
        long head = positionOf(eventStore.createHeadToken());
        boolean settled = steady.checks() >= STEADY_CHECKS;
        double covered = segments.values().stream().mapToDouble(s -> 1.0 / (s.getSegment().getMask() + 1)).sum();
        return covered > 0.999 && segments.values().stream().allMatch(s -> (s.isCaughtUp() || s.getCurrentPosition().orElse(-1) >= head)
                && !s.isErrorState()
                && (!s.isReplaying() || s.getCurrentPosition().orElse(-1) >= s.getResetPosition().orElse(Long.MAX_VALUE)
                        || settled && s.getCurrentPosition().orElse(-1) >= Math.max(0, head - SETTLED_LAG)));
    }

    /** Positions of a processor's segments, and for how many checks in a row they have not moved. */
    private record Steady(Map<Integer, Long> positions, int checks) {
    }

    private ProjectionStatus remeasure(String name) {
        ProjectionStatus status = measure(name);
        lastStatus.put(name, new Measured(status, System.nanoTime()));
        return status;
    }

    private ProjectionStatus measure(String name) {
        Pointer pointer = generations.pointer(name);
        StreamingEventProcessor processor = processor(name);
        List<ProjectionStatus.Segment> segments = new ArrayList<>();
        Map<Integer, String> owners = owners(name);
        String error = null;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            int segment = status.getSegment().getSegmentId();
            segments.add(new ProjectionStatus.Segment(segment, owners.getOrDefault(segment, instance),
                    status.getCurrentPosition().orElse(-1), status.isReplaying(), status.isCaughtUp()));
            if (status.isErrorState() && error == null) {
                error = String.valueOf(status.getError());
            }
        }
        segments.sort(Comparator.comparingInt(ProjectionStatus.Segment::segment));
        long position = segments.stream().mapToLong(ProjectionStatus.Segment::position).min().orElse(-1);
        long head = positionOf(eventStore.createHeadToken());
        Progress rate = progress.computeIfAbsent(name, n -> new Progress());
        rate.sample(System.nanoTime(), position);
        double eventsPerSecond = Math.max(0.0, rate.eventsPerSecond());
        long lag = Math.max(0, head - position);
        Double secondsLeft = lag == 0 ? Double.valueOf(0.0) : eventsPerSecond > 0 ? Double.valueOf(lag / eventsPerSecond) : null;
        Optional<RetrySchedule.Retry> retry = retries.pending(name);
        if (error == null && retry.isPresent()) {
            error = retry.get().error();
        }
        State state = pointer.rebuilding() ? State.REBUILDING : error != null ? State.ERROR : State.LIVE;
        return new ProjectionStatus(name, state, pointer.live(), pointer.building(), position, head, lag, eventsPerSecond,
                secondsLeft, List.copyOf(segments), error, retry.map(RetrySchedule.Retry::nextRetryAt).orElse(null));
    }

    /** Who holds each claimed segment of the processor; none known while MongoDB does not answer. */
    private Map<Integer, String> owners(String name) {
        Map<Integer, String> owners = new HashMap<>();
        try {
            for (Document token : mongo.getCollection(TOKENS_COLLECTION).find(new Document("processorName", name))) {
                if (token.getString("owner") != null) {
                    owners.put(((Number) token.get("segment")).intValue(), token.getString("owner"));
                }
            }
        } catch (RuntimeException unreachable) {
            log.debug("Could not read the owners of {}'s segments", name, unreachable);
        }
        return owners;
    }

    private static long positionOf(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        OptionalLong position = token.position();
        return position.orElse(-1);
    }

    private void createIndexes(ReadModel model, long generation) {
        model.createIndexes(mongo, base -> Generations.nameOf(base, generation));
    }

    /** Drops a generation's collections; only those that exist, as dropping one that does not is logged as an error by the embedded server. */
    private void drop(ReadModel model, long generation) {
        model.collections().stream().map(base -> Generations.nameOf(base, generation)).filter(mongo::collectionExists)
                .forEach(mongo::dropCollection);
    }

    private void dropGenerationsOtherThan(ReadModel model, Pointer pointer) {
        for (String collection : mongo.getCollectionNames()) {
            Matcher name = GENERATION.matcher(collection);
            if (name.matches() && model.collections().contains(name.group(1))) {
                long generation = Long.parseLong(name.group(2));
                if (generation != pointer.live() && (pointer.building() == null || generation != pointer.building())) {
                    mongo.dropCollection(collection);
                }
            }
        }
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor named " + name));
    }

    private void known(String name) {
        if (!readModels.containsKey(name)) {
            throw new UnknownProjectionException(name);
        }
    }

    @Override
    public void destroy() {
        ticks.shutdownNow();
    }
}
