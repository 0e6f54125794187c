package dev.bazaar.bench.system;

import dev.bazaar.launcher.LocalSystem;
import dev.bazaar.launcher.SystemLayout;
import io.gatling.app.Gatling$;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole system under load: started exactly as {@code ./bazaar} starts it (every part its own
 * process, fresh data in a temp directory, free ports), a shop seeded through REST, then REST
 * commands at fixed open-model rates and at saturation, freshness of each read model under a
 * moderate background load, GraphQL reads at fixed rates, the memory of every process and the CPU each
 * one spends on every load phase. Prints
 * tables and writes JSON (and Gatling's HTML reports) to {@code bench/results/}.
 */
public final class SystemBench {

    private static final Duration SETTLE = Duration.ofSeconds(5);
    /** Commands per second while warming up: the lowest fixed rate measured, which this machine sustains. */
    private static final int WARM_UP_RATE = 100;

    private final Settings settings;
    private final Report report;
    private final Path gatlingResults;
    private final Cpu cpu;

    private SystemBench(Settings settings, Report report, Cpu cpu) {
        this.settings = settings;
        this.report = report;
        this.gatlingResults = settings.results().resolve("gatling");
        this.cpu = cpu;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Files.createDirectories(settings.results());
        Path home = Files.createTempDirectory("bazaar-bench-");
        Report report = new Report(settings);
        System.out.println("Starting the system (as ./bazaar does) in " + home);
        LocalSystem system = LocalSystem.start(settings.repository(), home, SystemLayout.freePorts(), true);
        // Ctrl-C must not leave the parts running without the JVM that started them.
        Thread stop = new Thread(system::close, "bench-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try (Memory memory = new Memory(system)) {
            new SystemBench(settings, report, new Cpu(system)).run(system, memory);
        } finally {
            system.close();
            Runtime.getRuntime().removeShutdownHook(stop);
            keepLogs(system.logDir(), settings.results().resolve("system-logs"));
            deleteRecursively(home);
        }
        System.out.println(report.tables());
        Path json = report.write(settings.results());
        System.out.println("JSON: " + json + "\nGatling reports: " + settings.results().resolve("gatling"));
        System.exit(0);
    }

    private void run(LocalSystem system, Memory memory) throws Exception {
        Shop shop = new Shop(system.layout().commandUrl(), system.layout().graphqlUrl());
        LoadPlan.shop = shop;
        System.out.printf("Seeding %d customers with %d orders each, %d products, %d reviews per product ...%n",
                settings.customers(), settings.ordersPerCustomer(), settings.products(), settings.reviewsPerProduct());
        shop.seed(settings.customers(), settings.products(), settings.reviewsPerProduct(), settings.ordersPerCustomer());
        shop.awaitSeedingDone(Duration.ofMinutes(5));
        awaitQuiet();
        report.idleMemory(memory.now());

        // One warm-up for both command-driven phases: until the JIT has compiled the command path, a
        // third of command-side's CPU goes to compiling it (see bench/README.md, session 10). At a rate the
        // system sustains: at 200/s the saga's commands timed out, its segments backed off, and the
        // system looked quiet while the saga still had thousands of events to handle in the next phase.
        if (settings.runs("freshness") || settings.runs("commands")) {
            load(memory, LoadPlan.open("commands warm-up", LoadPlan.Workload.COMMANDS, WARM_UP_RATE, settings.warmUp()), false);
        }
        // Freshness first: after the overload of the command phases the read models and the saga may
        // still be catching up, and the probes would measure that backlog instead.
        if (settings.runs("freshness")) {
            freshness(shop, memory);
        }
        if (settings.runs("commands")) {
            commands(memory);
        }
        if (settings.runs("graphql")) {
            for (LoadPlan.Workload query : settings.graphqlQueries()) {
                int first = settings.graphqlRates().get(0);
                load(memory, LoadPlan.open("graphql warm-up " + query, query, Math.max(1, first / 2), settings.warmUp()), false);
                for (int rate : settings.graphqlRates()) {
                    LoadPlan plan = LoadPlan.open("graphql " + query + " @" + rate + "/s", query, rate, settings.duration());
                    report.graphql(plan, load(memory, plan, true));
                }
            }
        }
    }

    private void commands(Memory memory) {
        for (int rate : settings.commandRates()) {
            LoadPlan plan = LoadPlan.open("commands @" + rate + "/s", LoadPlan.Workload.COMMANDS, rate, settings.duration());
            report.commands(plan, load(memory, plan, true));
        }
        LoadPlan saturation = LoadPlan.closed("commands at saturation (" + settings.saturationClients() + " clients)",
                LoadPlan.Workload.COMMANDS, settings.saturationClients(), settings.duration());
        report.commands(saturation, load(memory, saturation, true));
    }

    /** Background commands in a Gatling run of their own while the probes go round the read models. */
    private void freshness(Shop shop, Memory memory) throws Exception {
        LoadPlan background = LoadPlan.open("freshness background @" + settings.freshnessRate() + "/s",
                LoadPlan.Workload.COMMANDS, settings.freshnessRate(), settings.duration().plus(SETTLE));
        System.out.println("Freshness under " + background.phase() + " ...");
        awaitQuiet();
        memory.startPhase(background.phase());
        Thread load = new Thread(() -> gatling(background, false), "freshness-background");
        load.start();
        Freshness freshness = new Freshness(shop);
        pause(SETTLE);
        long end = System.nanoTime() + settings.duration().toNanos();
        int probes = 0;
        while (System.nanoTime() < end) {
            freshness.probeEach();
            probes++;
            pause(Duration.ofMillis(20));
        }
        load.join();
        report.freshness(background, probes, freshness, memory.endPhase());
    }

    private Measured load(Memory memory, LoadPlan plan, boolean keepReport) {
        System.out.printf("%s: %s %d for %d s ...%n", plan.phase(),
                plan.injection() == LoadPlan.Injection.OPEN ? "open model, users/s" : "closed model, clients",
                plan.amount(), plan.duration().toSeconds());
        awaitQuiet();
        memory.startPhase(plan.phase());
        Map<String, Long> cpuBefore = cpu.usedMillis();
        gatling(plan, keepReport);
        Map<String, Long> cpuSpent = Cpu.between(cpuBefore, cpu.usedMillis());
        Map<String, Long> peaks = memory.endPhase();
        return new Measured(peaks, cpuSpent);
    }

    /**
     * Waits until the system has finished what earlier phases left it (the saga deciding seeded orders,
     * projections catching up, checkpoints), so that a phase measures its own load only: until the parts
     * together use under {@code bench.quiet.cores} of CPU for three seconds in a row, at most
     * {@code bench.quiet.timeout} seconds. Without it, a GraphQL phase after the overload of 1,000 commands/s
     * shared the cores with the saga's backlog.
     */
    private void awaitQuiet() {
        long started = System.nanoTime();
        long deadline = started + settings.quietTimeout().toNanos();
        int quietSeconds = 0;
        Map<String, Long> before = cpu.usedMillis();
        while (quietSeconds < 3 && System.nanoTime() < deadline) {
            pause(Duration.ofSeconds(1));
            Map<String, Long> now = cpu.usedMillis();
            long systemMillis = Cpu.between(before, now).entrySet().stream()
                    .filter(part -> !part.getKey().equals(Cpu.BENCH)).mapToLong(Map.Entry::getValue).sum();
            quietSeconds = systemMillis < settings.quietCores() * 1000 ? quietSeconds + 1 : 0;
            before = now;
        }
        System.out.printf("  %s after %.0f s%n", quietSeconds >= 3 ? "quiet" : "still busy, going on",
                (System.nanoTime() - started) / 1e9);
    }

    /** What a load phase cost: the peak RSS of every part (KiB) and the CPU each part used meanwhile (ms). */
    record Measured(Map<String, Long> peakKib, Map<String, Long> cpuMillis) {
    }

    private void gatling(LoadPlan plan, boolean keepReport) {
        LoadPlan.current = plan;
        String simulation = plan.workload() == LoadPlan.Workload.COMMANDS
                ? CommandMixSimulation.class.getName() : GraphqlQuerySimulation.class.getName();
        Stream<String> args = Stream.of("-s", simulation, "-rf", gatlingResults.toString(), "-rd", plan.phase());
        int status = Gatling$.MODULE$.fromArgs((keepReport ? args : Stream.concat(args, Stream.of("-nr"))).toArray(String[]::new));
        if (status != 0) {
            System.out.println("  Gatling ended with status " + status + " for " + plan.phase());
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The parts' logs of the last run, for a look at what went wrong or slow; the data is not kept. */
    private static void keepLogs(Path logs, Path kept) throws IOException {
        deleteRecursively(kept);
        Files.createDirectories(kept);
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()));
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
