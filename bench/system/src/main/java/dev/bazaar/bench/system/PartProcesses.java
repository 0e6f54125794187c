package dev.bazaar.bench.system;

import dev.bazaar.launcher.LocalSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every process of a part: its JVM and that JVM's descendants, and for a PostgreSQL part also the
 * server, which {@code pg_ctl} detaches from the part's JVM (so it is no descendant), found as the
 * launcher finds it: by the pid in {@code postmaster.pid} of the data directory the part was started
 * with (its JVM's last argument), with the server's backends.
 */
final class PartProcesses {

    private PartProcesses() {
    }

    static List<Long> of(LocalSystem system, String part) {
        long pid = system.part(part).pid();
        Stream<ProcessHandle> jvm = ProcessHandle.of(pid).stream().flatMap(handle -> Stream.concat(Stream.of(handle), handle.descendants()));
        Stream<ProcessHandle> server = postmaster(pid).stream().flatMap(handle -> Stream.concat(Stream.of(handle), handle.descendants()));
        return Stream.concat(jvm, server).map(ProcessHandle::pid).distinct().toList();
    }

    private static Optional<ProcessHandle> postmaster(long partPid) {
        try {
            String[] args = Files.readString(Path.of("/proc", Long.toString(partPid), "cmdline")).split("\0");
            if (!List.of(args).contains("postgres")) {
                return Optional.empty();
            }
            Path pidFile = Path.of(args[args.length - 1]).resolve("postmaster.pid");
            return Files.readAllLines(pidFile).stream().findFirst().map(String::strip).filter(line -> line.matches("\\d+"))
                    .flatMap(line -> ProcessHandle.of(Long.parseLong(line)));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }
}
