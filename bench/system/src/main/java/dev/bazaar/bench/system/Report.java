package dev.bazaar.bench.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The figures of a run: markdown tables for bench/README.md on stdout, everything as JSON in a file. */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Instant started = Instant.now();
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Map<String, Object>> commands = new ArrayList<>();
    private final List<Map<String, Object>> graphql = new ArrayList<>();
    private final Map<String, Object> freshness = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> memory = new LinkedHashMap<>();

    Report(Settings settings) {
        root.put("started", started.toString());
        root.put("machine", Machine.describe());
        root.put("settings", settings.asMap());
        root.put("commands", commands);
        root.put("freshness", freshness);
        root.put("graphql", graphql);
        root.put("memoryMiB", memory);
    }

    void idleMemory(Map<String, Long> kib) {
        memory.put("idle (seeded)", kib);
    }

    void commands(LoadPlan plan, Map<String, Long> peakKib) {
        commands.add(phase(plan));
        memory.put(plan.phase(), peakKib);
    }

    void graphql(LoadPlan plan, Map<String, Long> peakKib) {
        graphql.add(phase(plan));
        memory.put(plan.phase(), peakKib);
    }

    void freshness(LoadPlan background, int probes, Freshness probed, Map<String, Long> peakKib) {
        freshness.put("background", phase(background));
        freshness.put("probes", probes);
        Map<String, Object> models = new LinkedHashMap<>();
        probed.micros().forEach((model, micros) -> {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("count", micros.getTotalCount());
            figures.put("p50Ms", micros.getValueAtPercentile(50) / 1000.0);
            figures.put("p99Ms", micros.getValueAtPercentile(99) / 1000.0);
            figures.put("maxMs", micros.getMaxValue() / 1000.0);
            figures.put("timedOut", probed.timedOut().get(model));
            models.put(model, figures);
        });
        freshness.put("models", models);
        memory.put(background.phase(), peakKib);
    }

    /** A phase's answers: all requests together, then by request name. */
    private static Map<String, Object> phase(LoadPlan plan) {
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("phase", plan.phase());
        phase.put("injection", plan.injection().name().toLowerCase());
        phase.put(plan.injection() == LoadPlan.Injection.OPEN ? "targetPerSecond" : "clients", plan.amount());
        phase.put("durationSeconds", plan.duration().toSeconds());
        Latencies.Outcomes total = new Latencies.Outcomes();
        Map<String, Object> byRequest = new LinkedHashMap<>();
        Latencies.of(plan.phase()).forEach((name, outcomes) -> {
            total.millis.add(outcomes.millis);
            outcomes.statuses.forEach((status, n) -> total.statuses.computeIfAbsent(status, s -> new LongAdder()).add(n.sum()));
            total.failed.add(outcomes.failed.sum());
            byRequest.put(name, figures(outcomes, plan));
        });
        phase.putAll(figures(total, plan));
        phase.put("byRequest", byRequest);
        return phase;
    }

    private static Map<String, Object> figures(Latencies.Outcomes outcomes, LoadPlan plan) {
        Map<String, Object> figures = new LinkedHashMap<>();
        long answered = outcomes.millis.getTotalCount();
        figures.put("requests", outcomes.count(s -> true));
        // Answers over the injection time: for a closed model the throughput; for an open model the
        // offered rate while the system keeps up, answers arriving after the end included.
        figures.put("completedPerSecond", Math.round(answered / (double) plan.duration().toSeconds()));
        figures.put("p50Ms", outcomes.millis.getValueAtPercentile(50));
        figures.put("p95Ms", outcomes.millis.getValueAtPercentile(95));
        figures.put("p99Ms", outcomes.millis.getValueAtPercentile(99));
        figures.put("maxMs", outcomes.millis.getMaxValue());
        Map<String, Long> statuses = new LinkedHashMap<>();
        outcomes.statuses.forEach((status, n) -> statuses.put(status, n.sum()));
        figures.put("statuses", statuses);
        figures.put("5xx", outcomes.count(s -> s.startsWith("5")));
        figures.put("failed", outcomes.failed.sum());
        return figures;
    }

    String tables() {
        StringBuilder out = new StringBuilder();
        out.append("\n## Bazaar system benchmark, ").append(DateTimeFormatter.ISO_LOCAL_DATE.format(started.atZone(ZoneOffset.UTC)))
                .append(" (").append(root.get("machine")).append(", at end ").append(Machine.loadAverage()).append(")\n\n");
        if (!commands.isEmpty()) {
            out.append("REST commands (mix: 10% registrations, 15% product changes, 55% orders, 20% reviews), latency in ms:\n\n");
            out.append("| load | completed/s | p50 | p95 | p99 | max | 409 | 5xx | no answer in 30 s, other failures |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            commands.forEach(phase -> out.append(row(phase)));
        }
        if (!graphql.isEmpty()) {
            out.append("\nGraphQL at a fixed rate, latency in ms:\n\n");
            out.append("| query | completed/s | p50 | p95 | p99 | max | 409 | 5xx | no answer in 30 s, GraphQL errors |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            graphql.forEach(phase -> out.append(row(phase)));
        }
        if (!freshness.isEmpty()) {
            out.append("\nFreshness: command's 2xx answer to the change visible through GraphQL, ms (")
                    .append(freshness.get("probes")).append(" probes of each, under ")
                    .append(((Map<?, ?>) freshness.get("background")).get("phase")).append("):\n\n");
            out.append("| read model: change | p50 | p99 | max | timed out (10 s) |\n| --- | ---: | ---: | ---: | ---: |\n");
            ((Map<?, ?>) freshness.get("models")).forEach((model, f) -> {
                Map<?, ?> figures = (Map<?, ?>) f;
                out.append(String.format("| %s | %.1f | %.1f | %.1f | %s |%n", model, figures.get("p50Ms"), figures.get("p99Ms"),
                        figures.get("maxMs"), figures.get("timedOut")));
            });
        }
        out.append("\nMemory: RSS per part in MiB (a database part includes its server processes), idle and peak in each phase:\n\n");
        List<String> phases = new ArrayList<>(memory.keySet());
        out.append("| part | ").append(String.join(" | ", phases)).append(" |\n| --- |")
                .append(" ---: |".repeat(phases.size())).append('\n');
        for (String part : Memory.PARTS) {
            out.append("| ").append(part);
            for (String phase : phases) {
                out.append(" | ").append(memory.get(phase).getOrDefault(part, 0L) / 1024);
            }
            out.append(" |\n");
        }
        out.append("| total");
        for (String phase : phases) {
            out.append(" | ").append(memory.get(phase).values().stream().mapToLong(Long::longValue).sum() / 1024);
        }
        out.append(" |\n");
        return out.toString();
    }

    private static String row(Map<String, Object> phase) {
        Map<?, ?> statuses = (Map<?, ?>) phase.get("statuses");
        long conflicts = statuses.containsKey("409") ? ((Number) statuses.get("409")).longValue() : 0;
        long fivexx = ((Number) phase.get("5xx")).longValue();
        long failed = ((Number) phase.get("failed")).longValue();
        return String.format("| %s | %s | %s | %s | %s | %s | %d | %d | %d |%n", phase.get("phase"), phase.get("completedPerSecond"),
                phase.get("p50Ms"), phase.get("p95Ms"), phase.get("p99Ms"), phase.get("maxMs"), conflicts, fivexx, failed - fivexx);
    }

    Path write(Path dir) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>(root);
        out.put("finished", Instant.now().toString());
        out.put("loadAverageAtEnd", Machine.loadAverage());
        Map<String, Map<String, Long>> mib = new LinkedHashMap<>();
        memory.forEach((phase, kib) -> {
            Map<String, Long> parts = new LinkedHashMap<>();
            kib.forEach((part, k) -> parts.put(part, k / 1024));
            mib.put(phase, parts);
        });
        out.put("memoryMiB", mib);
        Path file = dir.resolve("system-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(started.atZone(ZoneOffset.UTC)) + ".json");
        JSON.writeValue(file.toFile(), out);
        return file;
    }
}
