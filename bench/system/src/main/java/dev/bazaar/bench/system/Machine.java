package dev.bazaar.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on, and how busy it was when the run started. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return String.format("%d cores %s, %d GB, Java %s, load average at start %s",
                Runtime.getRuntime().availableProcessors(), firstValue("/proc/cpuinfo", "model name"),
                Math.round(Long.parseLong(firstValue("/proc/meminfo", "MemTotal").replaceAll("[^0-9]", "")) / 1024.0 / 1024.0),
                System.getProperty("java.version"), loadAverage());
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() {
        String[] fields = read("/proc/loadavg").split(" ");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "?";
    }

    private static String firstValue(String file, String key) {
        for (String line : read(file).split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "?";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
