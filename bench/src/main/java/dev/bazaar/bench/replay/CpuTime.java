package dev.bazaar.bench.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, read from {@code /proc}: a figure that, unlike events/s, hardly depends on
 * what else the machine is running, so runs on a shared machine can be compared by it. On 2 cores a
 * rebuild cannot go faster than the CPU it needs allows.
 */
public final class CpuTime {

    private static final double TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    /** User + system CPU seconds of the process so far. */
    public static double seconds(long pid) {
        String[] fields = stat(pid);
        return fields == null ? 0 : (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds of the PostgreSQL server whose data directory is {@code dataDirectory}: the postmaster,
     * its backends still running, and (through the postmaster's reaped-children counters) those that have
     * exited. 0 when no such server runs.
     */
    public static double postgresSeconds(Path dataDirectory) throws IOException {
        Long postmaster = null;
        String wanted = dataDirectory.toAbsolutePath().toString();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String commandLine = read(process.resolve("cmdline")).replace('\0', ' ');
                if (commandLine.contains("postgres") && commandLine.contains("-D " + wanted + " ")) {
                    postmaster = Long.parseLong(process.getFileName().toString());
                }
            }
        }
        if (postmaster == null) {
            return 0;
        }
        String[] own = stat(postmaster);
        if (own == null) {
            return 0;
        }
        long ticks = Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13]) + Long.parseLong(own[14]);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String[] fields = stat(Long.parseLong(process.getFileName().toString()));
                if (fields != null && Long.parseLong(fields[1]) == postmaster) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** The machine's load average over the last minute, from {@code /proc/loadavg}. */
    public static double loadAverage() {
        return Double.parseDouble(read(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** The fields of /proc/pid/stat after the command name (index 0 is the state), or null if gone. */
    private static String[] stat(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        int afterName = stat.lastIndexOf(')');
        return afterName < 0 ? null : stat.substring(afterName + 2).trim().split(" ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException gone) {
            // the process exited between listing /proc and reading it
            return "";
        }
    }
}
