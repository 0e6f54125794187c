package dev.bazaar.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Clients appending commits of a fixed size, each waiting for its commit's acknowledgement before the next. */
final class AppendBenchmark {

    record Result(double eventsPerSecond, long commits, double p50Millis, double p99Millis, long eventsAppended,
                  ProcessCpu.Usage cpu) {
    }

    private AppendBenchmark() {
    }

    /** Measures the figure; {@code cpu} is read as the measured period starts and ends. */
    static Result run(EventStore eventStore, String runId, int clients, int eventsPerCommit, Duration warmup, Duration measured,
                      ProcessCpu cpu) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureUntil = measureFrom + measured.toNanos();
        AtomicLong appended = new AtomicLong();
        List<Future<Latencies>> clientsLatencies = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            String prefix = runId + "-" + eventsPerCommit + "-" + client + "-";
            clientsLatencies.add(threads.submit(() -> {
                Latencies latencies = new Latencies();
                for (long commit = 0; ; commit++) {
                    long before = System.nanoTime();
                    if (before >= measureUntil) {
                        return latencies;
                    }
                    eventStore.publish(Workload.commit(prefix + commit, eventsPerCommit));
                    long after = System.nanoTime();
                    appended.addAndGet(eventsPerCommit);
                    if (before >= measureFrom && after <= measureUntil) {
                        latencies.add(after - before);
                    }
                }
            }));
        }
        sleepUntil(measureFrom);
        ProcessCpu.Reading cpuBefore = cpu.read();
        sleepUntil(measureUntil);
        ProcessCpu.Reading cpuAfter = cpu.read();
        List<Latencies> all = new ArrayList<>();
        for (Future<Latencies> client : clientsLatencies) {
            all.add(client.get());
        }
        threads.shutdown();
        Latencies merged = Latencies.merge(all);
        double seconds = measured.toNanos() / 1e9;
        return new Result(merged.size() * (double) eventsPerCommit / seconds, merged.size(),
                merged.percentileMillis(50), merged.percentileMillis(99), appended.get(), cpuAfter.since(cpuBefore, merged.size()));
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    /** Appends until the store holds {@code target} events, in large commits; answers how many it added. */
    static long fill(EventStore eventStore, String runId, int clients, long missing) throws Exception {
        AtomicLong remaining = new AtomicLong(missing);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            String prefix = runId + "-fill-" + client + "-";
            done.add(threads.submit(() -> {
                for (long commit = 0; ; commit++) {
                    long size = Math.min(100, remaining.getAndAdd(-100));
                    if (size <= 0) {
                        return null;
                    }
                    eventStore.publish(Workload.commit(prefix + commit, (int) size));
                }
            }));
        }
        for (Future<?> client : done) {
            client.get();
        }
        threads.shutdown();
        return missing;
    }
}
