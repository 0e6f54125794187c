package dev.bazaar.bench;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Tracking reads as an event processor does them: a stream from a token, message by message. */
final class ReadBenchmark {

    record Result(double eventsPerSecond, double seconds) {
    }

    record Delivery(double p50Millis, double p99Millis, int samples) {
    }

    private ReadBenchmark() {
    }

    /** Streams {@code events} events from the start of the store. */
    static Result fromTheStart(EventStore eventStore, long events) throws Exception {
        long start = System.nanoTime();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            for (long read = 0; read < events; read++) {
                stream.nextAvailable();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(events / seconds, seconds);
    }

    /**
     * How long a single appended event takes to reach a reader that has caught up: from the start of
     * the append call to the reader holding the event.
     */
    static Delivery liveDelivery(EventStore eventStore, String runId, int samples) throws Exception {
        ConcurrentHashMap<String, Long> appendStarted = new ConcurrentHashMap<>();
        Latencies latencies = new Latencies();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(eventStore.createHeadToken())) {
            Thread reader = new Thread(() -> {
                try {
                    for (int received = 0; received < samples; received++) {
                        TrackedEventMessage<?> event = stream.nextAvailable();
                        long now = System.nanoTime();
                        String aggregateId = ((DomainEventMessage<?>) event).getAggregateIdentifier();
                        Long started = appendStarted.get(aggregateId);
                        if (started != null) {
                            latencies.add(now - started);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "live-reader");
            reader.start();
            for (int sample = 0; sample < samples; sample++) {
                String aggregateId = runId + "-live-" + sample;
                appendStarted.put(aggregateId, System.nanoTime());
                eventStore.publish(Workload.commit(aggregateId, 1));
                TimeUnit.MILLISECONDS.sleep(5);
            }
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        Latencies ranked = Latencies.merge(List.of(latencies));
        return new Delivery(ranked.percentileMillis(50), ranked.percentileMillis(99), ranked.size());
    }
}
