package dev.bazaar.query.document;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.bazaar.query.document.rebuild.ReadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Splits each processor's segments between the instances of this service that share its MongoDB.
 *
 * <p>Axon's tracking processor claims every segment it has a thread for, so the first instance would hold
 * them all and a second one would idle (Axon Server Enterprise balances segments by instructing processors to
 * release some; the local node does not). So each instance tells the others it is alive, writing
 * {@code {_id: <instance name>, seenAt}} in {@code service_instances} every {@code bazaar.instances.heartbeat}
 * (1 s), and on each heartbeat releases the segments it holds above its share, highest first: the
 * processor's segment count divided by the instances seen within {@code bazaar.tokens.claim-timeout}, rounded
 * up. A released segment is not claimed again by this instance for a claim timeout, so an idle thread of
 * another instance claims it on its next claim round (every 5 s). When an instance dies, its heartbeat ages
 * out within the claim timeout and the others' share grows back; they claim its segments once its claims
 * have timed out too, so a killed instance's segments are taken over within about twice the claim timeout
 * plus the claim interval. An instance that stops cleanly removes its heartbeat, and Axon releases its
 * claims.
 *
 * <p>The instances compare {@code seenAt} with their own clocks: on machines whose clocks differ by more than
 * a fraction of the claim timeout, the split is off (never the processing: claims stay exclusive).
 */
@Component
class SegmentBalance implements DisposableBean {

    static final String COLLECTION = "service_instances";

    private static final Logger log = LoggerFactory.getLogger(SegmentBalance.class);

    private final MongoTemplate mongo;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final String instance;
    private final Duration heartbeat;
    private final Duration claimTimeout;
    private final Map<String, Integer> segmentCounts = new ConcurrentHashMap<>();
    private volatile int liveInstances = 1;
    /** Set once the application has started: before, asking for the processors would build Axon's configuration on the heartbeat thread. */
    private volatile boolean processorsStarted;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "instance-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    SegmentBalance(MongoTemplate mongo, ObjectProvider<EventProcessingConfiguration> processing, InstanceName instance,
                   @Value("${bazaar.instances.heartbeat:1s}") Duration heartbeat,
                   @Value("${bazaar.tokens.claim-timeout:10s}") Duration claimTimeout) {
        this.mongo = mongo;
        this.processing = processing;
        this.instance = instance.value();
        this.heartbeat = heartbeat;
        this.claimTimeout = claimTimeout;
    }

    @Autowired
    void startBeating(List<ReadModel> readModels, @Value("${bazaar.processors.segments}") int segments) {
        readModels.forEach(model -> segmentCounts.put(model.name(), segments));
        beats.scheduleWithFixedDelay(this::beat, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    @EventListener(ApplicationStartedEvent.class)
    void processorsStarted() {
        processorsStarted = true;
    }

    /** This instance's share of a processor's segments. */
    int share(String processor) {
        int segments = segmentCounts.getOrDefault(processor, 1);
        return Math.max(1, (segments + liveInstances - 1) / liveInstances);
    }

    int liveInstances() {
        return liveInstances;
    }

    private void beat() {
        try {
            Instant now = Instant.now();
            mongo.getCollection(COLLECTION).replaceOne(Filters.eq("_id", instance),
                    new Document("_id", instance).append("seenAt", Date.from(now)), new ReplaceOptions().upsert(true));
            long live = mongo.getCollection(COLLECTION).countDocuments(Filters.gte("seenAt", Date.from(now.minus(claimTimeout))));
            int seen = (int) Math.max(1, live);
            if (seen != liveInstances) {
                log.info("{} instance(s) of this service share the processors' segments", seen);
                liveInstances = seen;
            }
            segmentCounts.replaceAll((processor, count) -> {
                long stored = mongo.getCollection(AxonMongoConfiguration.TOKENS_COLLECTION).countDocuments(Filters.eq("processorName", processor));
                return stored > 0 ? (int) stored : count;
            });
            if (processorsStarted) {
                segmentCounts.keySet().forEach(this::releaseAboveShare);
            }
        } catch (RuntimeException e) {
            log.debug("Could not refresh this instance's heartbeat; keeping the last split", e);
        }
    }

    private void releaseAboveShare(String processor) {
        processing.getObject().eventProcessor(processor, TrackingEventProcessor.class).ifPresent(tracking -> {
            List<Integer> held = tracking.processingStatus().keySet().stream().sorted(Comparator.reverseOrder()).toList();
            held.stream().limit(Math.max(0, held.size() - share(processor))).forEach(segment -> {
                log.info("Releasing segment {} of {}: this instance holds more than its share", segment, processor);
                tracking.releaseSegment(segment, claimTimeout.toMillis(), TimeUnit.MILLISECONDS);
            });
        });
    }

    @Override
    public void destroy() {
        beats.shutdownNow();
        try {
            mongo.getCollection(COLLECTION).deleteOne(Filters.eq("_id", instance));
        } catch (RuntimeException e) {
            log.debug("Could not remove this instance's heartbeat; it ages out", e);
        }
    }
}
