package dev.bazaar.bench.system;

import dev.bazaar.launcher.LocalSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time used by every part, from /proc/PID/stat (user + system time) of its processes
 * ({@link PartProcesses}), and by this JVM, which runs Gatling. The difference between two readings is what each
 * part spent on a phase; divided by the answers of that phase, its CPU per request.
 */
final class Cpu {

    static final String BENCH = "bench (Gatling)";
    private static final long MILLIS_PER_TICK = 1000 / clockTicksPerSecond();

    private final LocalSystem system;

    Cpu(LocalSystem system) {
        this.system = system;
    }

    static List<String> parts() {
        List<String> parts = new ArrayList<>(Memory.PARTS);
        parts.add(BENCH);
        return parts;
    }

    /** CPU used so far by every part, in ms. */
    Map<String, Long> usedMillis() {
        Map<String, Long> used = new LinkedHashMap<>();
        PartProcesses.of(system, Memory.PARTS).forEach((part, pids) -> used.put(part, pids.stream().mapToLong(Cpu::millis).sum()));
        used.put(BENCH, millis(ProcessHandle.current().pid()));
        return used;
    }

    /** What each part used between two readings, in ms. */
    static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> spent = new LinkedHashMap<>();
        after.forEach((part, millis) -> spent.put(part, Math.max(0, millis - before.getOrDefault(part, 0L))));
        return spent;
    }

    /** utime + stime, fields 14 and 15 of /proc/PID/stat (counted after the command name, which may hold spaces). */
    private static long millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            return Long.parseLong(new String(getconf.getInputStream().readAllBytes()).trim());
        } catch (IOException | RuntimeException e) {
            return 100;
        }
    }
}
