package dev.bazaar.bench;

import dev.bazaar.bench.replay.CpuTime;
import java.io.IOException;
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
        return new Reading(CpuTime.seconds(ProcessHandle.current().pid()), CpuTime.seconds(nodePid),
                CpuTime.postgresSeconds(postgresDataDirectory),
                machine[0] / TICKS_PER_SECOND, machine[1] / TICKS_PER_SECOND);
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
}
