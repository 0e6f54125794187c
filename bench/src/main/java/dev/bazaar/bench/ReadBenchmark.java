package dev.bazaar.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Tracking reads as an event processor does them: a stream from a token, message by message. */
final class ReadBenchmark {

    record Result(double eventsPerSecond, double seconds, ProcessCpu.Usage cpuPerThousandEvents) {
    }

    record Delivery(double p50Millis, double p99Millis, int samples) {
    }

    private ReadBenchmark() {
    }

    /** Streams {@code events} events from the start of the store; CPU is given per 1,000 events. */
    static Result fromTheStart(EventStore eventStore, long events, ProcessCpu cpu) throws Exception {
        ProcessCpu.Reading cpuBefore = cpu.read();
        long start = System.nanoTime();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            for (long read = 0; read < events; read++) {
                stream.nextAvailable();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(events / seconds, seconds, cpu.read().since(cpuBefore, events / 1000));
    }

    /**
     * How long a single appended event takes to reach a reader that has caught up, from the start of the
     * append call to the reader holding the event, on each store. The stores take turns, one append
     * each every 5 ms, so that whatever slows PostgreSQL down for a moment (a checkpoint, another
     * process writing to the disk) falls on all of them alike.
     */
    static Map<String, Delivery> liveDelivery(Map<String, EventStore> stores, String runId, int samples) throws Exception {
        Map<String, LiveReader> readers = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, EventStore> store : stores.entrySet()) {
                readers.put(store.getKey(), new LiveReader(store.getValue(), samples));
            }
            for (int sample = 0; sample < samples; sample++) {
                for (Map.Entry<String, LiveReader> reader : readers.entrySet()) {
                    reader.getValue().append(runId + "-live-" + reader.getKey() + "-" + sample);
                    TimeUnit.MILLISECONDS.sleep(5);
                }
            }
            Map<String, Delivery> deliveries = new LinkedHashMap<>();
            for (Map.Entry<String, LiveReader> reader : readers.entrySet()) {
                deliveries.put(reader.getKey(), reader.getValue().delivery());
            }
            return deliveries;
        } finally {
            readers.values().forEach(LiveReader::close);
        }
    }

    /** A tracking stream from the head of one store, and the appends whose arrival it times. */
    private static final class LiveReader {

        private final EventStore eventStore;
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final Map<String, Long> appendStarted = new ConcurrentHashMap<>();
        private final Latencies latencies = new Latencies();
        private final Thread thread;

        LiveReader(EventStore eventStore, int samples) {
            this.eventStore = eventStore;
            this.stream = eventStore.openStream(eventStore.createHeadToken());
            this.thread = new Thread(() -> receive(samples), "live-reader");
            thread.start();
        }

        void append(String aggregateId) {
            appendStarted.put(aggregateId, System.nanoTime());
            eventStore.publish(Workload.commit(aggregateId, 1));
        }

        Delivery delivery() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            Latencies ranked = Latencies.merge(List.of(latencies));
            return new Delivery(ranked.percentileMillis(50), ranked.percentileMillis(99), ranked.size());
        }

        void close() {
            stream.close();
        }

        private void receive(int samples) {
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
        }
    }
}
