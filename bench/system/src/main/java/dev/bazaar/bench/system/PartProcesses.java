package dev.bazaar.bench.system;

import dev.bazaar.launcher.LocalSystem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every process of each part: its JVM and that JVM's descendants, and for a PostgreSQL part also the
 * server, which {@code pg_ctl} detaches from the part's JVM (so it is no descendant), found as the
 * launcher finds it: by the pid in {@code postmaster.pid} of the data directory the part was started
 * with (its JVM's last argument), with the server's backends.
 *
 * <p>All parts come from one pass over {@code /proc}. {@link ProcessHandle#descendants()} makes a pass
 * of its own for every call, about 1.5 ms of kernel time each with this system's hundred processes; the
 * RSS sampler made twelve of them twice a second, and took 0.14 of the machine's 2 cores from the system it
 * measured (per-thread CPU of the benchmark's JVM at 100 commands/s, 2026-12-07).
 */
final class PartProcesses {

    private PartProcesses() {
    }

    /** The pids of every part named, from one reading of the process table. */
    static Map<String, List<Long>> of(LocalSystem system, List<String> parts) {
        Map<Long, List<Long>> children = childrenByParent();
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        for (String part : parts) {
            long pid = system.part(part).pid();
            Set<Long> all = new LinkedHashSet<>(withDescendants(pid, children));
            postmaster(pid).ifPresent(server -> all.addAll(withDescendants(server, children)));
            pids.put(part, new ArrayList<>(all));
        }
        return pids;
    }

    private static List<Long> withDescendants(long root, Map<Long, List<Long>> children) {
        List<Long> found = new ArrayList<>();
        Deque<Long> next = new ArrayDeque<>(List.of(root));
        while (!next.isEmpty()) {
            long pid = next.pop();
            found.add(pid);
            next.addAll(children.getOrDefault(pid, List.of()));
        }
        return found;
    }

    /** Every live process by its parent, from field 4 of /proc/PID/stat (after the command name, which may hold spaces). */
    private static Map<Long, List<Long>> childrenByParent() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    long parent = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3)[1]);
                    children.computeIfAbsent(parent, p -> new ArrayList<>()).add(Long.parseLong(process.getFileName().toString()));
                } catch (IOException | RuntimeException gone) {
                    // ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc", e);
        }
        return children;
    }

    private static Optional<Long> postmaster(long partPid) {
        try {
            String[] args = Files.readString(Path.of("/proc", Long.toString(partPid), "cmdline")).split("\0");
            if (!List.of(args).contains("postgres")) {
                return Optional.empty();
            }
            Path pidFile = Path.of(args[args.length - 1]).resolve("postmaster.pid");
            return Files.readAllLines(pidFile).stream().findFirst().map(String::strip).filter(line -> line.matches("\\d+"))
                    .map(Long::parseLong);
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}
