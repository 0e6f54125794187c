package dev.bazaar.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by the processes of an append figure, read from {@code /proc}: this benchmark's JVM
 * (the clients, and the JDBC engine when it is the contender), the node, and PostgreSQL (postmaster and
 * backends), plus the machine's busy time. CPU per append hardly depends on what else the machine runs,
 * so unlike events/s it compares fairly across runs on a shared machine; and on two cores the CPU an
 * append needs is what bounds the rate.
 */
final class ProcessCpu {

    private static final double TICKS_PER_SECOND = 100;

    /** Seconds of CPU each process had used when the reading was taken, and the machine's busy and total core-seconds. */
    record Reading(double bench, double node, double postgres, double machineBusy, double machineTotal) {

        /** What each used between {@code before} and this reading, in microseconds per unit (a commit, a thousand events). */
        Usage since(Reading before, long units) {
            double perUnit = 1e6 / Math.max(1, units);
            double total = machineTotal - before.machineTotal;
            return new Usage((bench - before.bench) * perUnit, (node - before.node) * perUnit,
                    (postgres - before.postgres) * perUnit,
                    total > 0 ? (machineBusy - before.machineBusy) / total * Runtime.getRuntime().availableProcessors() : 0);
        }
    }

    /** CPU microseconds per unit of work of each process, and how many of the machine's cores were busy. */
    record Usage(double benchMicros, double nodeMicros, double postgresMicros, double busyCores) {
    }

    private final long nodePid;
    private final Path postgresDataDirectory;

    ProcessCpu(long nodePid, Path postgresDataDirectory) {
        this.nodePid = nodePid;
        this.postgresDataDirectory = postgresDataDirectory;
    }

    Reading read() throws IOException {
        long[] machine = machine();
        return new Reading(seconds(ProcessHandle.current().pid(), false), seconds(nodePid, false), postgres(),
                machine[0] / TICKS_PER_SECOND, machine[1] / TICKS_PER_SECOND);
    }

    /** The postmaster (with the backends it has reaped) and its backends still running. */
    private double postgres() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(postgresDataDirectory.resolve("postmaster.pid")).get(0).strip());
        double seconds = seconds(postmaster, true);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String[] fields = stat(Long.parseLong(process.getFileName().toString()));
                if (fields != null && Long.parseLong(fields[1]) == postmaster) {
                    seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                }
            }
        }
        return seconds;
    }

    private static double seconds(long pid, boolean withReapedChildren) {
        String[] fields = stat(pid);
        if (fields == null) {
            return 0;
        }
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withReapedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Busy and total jiffies of all cores, from the first line of {@code /proc/stat}. */
    private static long[] machine() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new long[]{total - idle, total};
    }

    /** The fields of /proc/pid/stat after the command name (index 0 is the state, 1 the parent), or null once gone. */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException gone) {
            // the process exited between listing /proc and reading it
            return null;
        }
    }
}
