package dev.bazaar.bench.system;

import dev.bazaar.launcher.LocalSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory of every part, from /proc/PID/status VmRSS, summed over the part's processes
 * ({@link PartProcesses}): a PostgreSQL part is a small JVM plus the server and its backends, which
 * {@code pg_ctl} detached from it (before, only the JVM was counted). Sampled twice a second; each
 * phase keeps the peak of every part.
 */
final class Memory implements AutoCloseable {

    static final List<String> PARTS = List.of("axonserver", "command-side", "query-relational", "query-document",
            "query-graphql", "postgres-axonserver", "postgres-command", "postgres-relational", "mongo");

    private final LocalSystem system;
    private final Map<String, Map<String, Long>> peaksByPhase = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String phase;

    Memory(LocalSystem system) {
        this.system = system;
        sampler.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    /** RSS of every part now, in KiB. */
    Map<String, Long> now() {
        Map<String, Long> rss = new LinkedHashMap<>();
        PartProcesses.of(system, PARTS).forEach((part, pids) -> rss.put(part, pids.stream().mapToLong(Memory::rssKib).sum()));
        return rss;
    }

    void startPhase(String name) {
        phase = name;
    }

    /** The peak RSS of every part during the phase, in KiB. */
    Map<String, Long> endPhase() {
        String ended = phase;
        phase = null;
        return ended == null ? Map.of() : peaksByPhase.getOrDefault(ended, Map.of());
    }

    private void sample() {
        String current = phase;
        if (current == null) {
            return;
        }
        Map<String, Long> peaks = peaksByPhase.computeIfAbsent(current, p -> new ConcurrentHashMap<>());
        now().forEach((part, kib) -> peaks.merge(part, kib, Math::max));
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
