package dev.bazaar.system;

import dev.bazaar.launcher.LocalSystem;
import dev.bazaar.launcher.SystemLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One whole system, on free ports and fresh data, for every system test class in this JVM: starting
 * it is the slowest part of the run. It stops when the JVM exits; every part's log is then kept in
 * {@code target/system-logs}, for whoever reads a failure. Classes run in {@code @Order}: the ones
 * that kill parts after the ones that only use the system.
 */
final class SharedSystem {

    private static LocalSystem system;

    private SharedSystem() {
    }

    static synchronized LocalSystem get() {
        if (system == null) {
            Path home = createHome();
            try {
                system = LocalSystem.start(Path.of(System.getProperty("bazaar.repository", "..")), home, SystemLayout.freePorts(), true);
            } catch (RuntimeException e) {
                deleteRecursively(home);
                throw e;
            }
            LocalSystem started = system;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started, home), "system-tests-stop"));
        }
        return system;
    }

    private static void stop(LocalSystem started, Path home) {
        started.close();
        try {
            Path kept = Path.of("target", "system-logs");
            Files.createDirectories(kept);
            try (Stream<Path> logs = Files.list(started.logDir())) {
                for (Path log : logs.toList()) {
                    Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            System.err.println("Could not keep the logs of " + home + ": " + e);
        }
        deleteRecursively(home);
    }

    private static void deleteRecursively(Path home) {
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Could not delete " + home + ": " + e);
        }
    }

    private static Path createHome() {
        try {
            return Files.createTempDirectory("bazaar-system-tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
