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

    void commands(LoadPlan plan, SystemBench.Measured measured) {
        commands.add(phase(plan, measured));
        memory.put(plan.phase(), measured.peakKib());
    }

    void graphql(LoadPlan plan, SystemBench.Measured measured) {
        graphql.add(phase(plan, measured));
        memory.put(plan.phase(), measured.peakKib());
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

    /** A phase's answers (all requests together, then by request name) and the CPU every part spent on it. */
    private static Map<String, Object> phase(LoadPlan plan, SystemBench.Measured measured) {
        Map<String, Object> phase = phase(plan);
        phase.put("cpuMillis", measured.cpuMillis());
        return phase;
    }

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
            total.servedMillis.add(outcomes.servedMillis);
            outcomes.errors.forEach((classification, n) -> total.errors.computeIfAbsent(classification, c -> new LongAdder()).add(n.sum()));
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
        long served = outcomes.servedMillis.getTotalCount();
        figures.put("served", served);
        figures.put("servedPerSecond", Math.round(served / (double) plan.duration().toSeconds()));
        figures.put("servedP50Ms", outcomes.servedMillis.getValueAtPercentile(50));
        figures.put("servedP95Ms", outcomes.servedMillis.getValueAtPercentile(95));
        figures.put("servedP99Ms", outcomes.servedMillis.getValueAtPercentile(99));
        figures.put("servedMaxMs", outcomes.servedMillis.getMaxValue());
        Map<String, Long> errors = new LinkedHashMap<>();
        outcomes.errors.forEach((classification, n) -> errors.put(classification, n.sum()));
        figures.put("errors", errors);
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
            out.append("\nCPU per served command during its phase, ms, by part (from /proc; work a phase leaves behind, such as")
                    .append(" the order saga's backlog, counts in the phase it is done in):\n\n");
            out.append(cpuHeader());
            commands.forEach(phase -> out.append(cpuRow(phase, Cpu.parts())));
        }
        if (!graphql.isEmpty()) {
            out.append("\nGraphQL at fixed rates, latency in ms of the answers served (no entry in errors); requests shed at once")
                    .append(" (OVERLOADED) and other errors counted apart, then every answer together:\n\n");
            out.append("| query | served/s | p50 | p95 | p99 | max | shed (OVERLOADED) | other errors | no answer in 30 s | every answer p50 / p99 |\n")
                    .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
            graphql.forEach(phase -> out.append(graphqlRow(phase)));
            out.append("\nCPU per served GraphQL request, ms, by part (from /proc; the parts' own threads, whatever they did meanwhile):\n\n");
            out.append(cpuHeader());
            graphql.forEach(phase -> out.append(cpuRow(phase, Cpu.parts())));
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

    private static String graphqlRow(Map<String, Object> phase) {
        Map<?, ?> errors = (Map<?, ?>) phase.get("errors");
        long shed = errors.containsKey("OVERLOADED") ? ((Number) errors.get("OVERLOADED")).longValue() : 0;
        long otherErrors = errors.values().stream().mapToLong(n -> ((Number) n).longValue()).sum() - shed;
        Map<?, ?> statuses = (Map<?, ?>) phase.get("statuses");
        long noAnswer = statuses.containsKey(Latencies.NO_ANSWER) ? ((Number) statuses.get(Latencies.NO_ANSWER)).longValue() : 0;
        return String.format("| %s | %s | %s | %s | %s | %s | %d | %d | %d | %s / %s |%n", phase.get("phase"), phase.get("servedPerSecond"),
                phase.get("servedP50Ms"), phase.get("servedP95Ms"), phase.get("servedP99Ms"), phase.get("servedMaxMs"), shed, otherErrors,
                noAnswer, phase.get("p50Ms"), phase.get("p99Ms"));
    }

    private static String cpuHeader() {
        List<String> parts = Cpu.parts();
        return "| phase | " + String.join(" | ", parts) + " | total | cores used |\n| --- |" + " ---: |".repeat(parts.size() + 2) + "\n";
    }

    private static String cpuRow(Map<String, Object> phase, List<String> parts) {
        Map<?, ?> cpu = (Map<?, ?>) phase.get("cpuMillis");
        long served = Math.max(1, ((Number) phase.get("served")).longValue());
        StringBuilder row = new StringBuilder("| ").append(phase.get("phase"));
        long total = 0;
        for (String part : parts) {
            long millis = cpu.containsKey(part) ? ((Number) cpu.get(part)).longValue() : 0;
            total += millis;
            row.append(String.format(" | %.2f", millis / (double) served));
        }
        double seconds = ((Number) phase.get("durationSeconds")).doubleValue();
        return row.append(String.format(" | %.2f | %.2f |%n", total / (double) served, total / 1000.0 / seconds)).toString();
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
