package dev.bazaar.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One of the system's deployables running as its own operating-system process, the way it runs in
 * production: started from its jar, its output in a log file, used once it says it is ready.
 * Tests use it to kill a part with SIGKILL and start it again, which no in-JVM start can imitate.
 */
public final class JavaProcess implements AutoCloseable {

    private static final int LOWEST_CHOSEN_PORT = 20_000;
    private static final int BELOW_EPHEMERAL_PORTS = 32_768;

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Readiness readiness;
    private volatile Process process;

    private JavaProcess(String name, List<String> command, Map<String, String> environment, Path logFile, Readiness readiness) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.logFile = logFile;
        this.readiness = readiness;
    }

    /**
     * Starts {@code java [jvmOptions] -jar jar [args]} and waits until it is ready.
     *
     * @param environment added to this process's environment
     * @param logFile     where the process's standard output and error go (appended)
     */
    public static JavaProcess start(String name, Path jar, List<String> jvmOptions, List<String> args,
                                    Map<String, String> environment, Path logFile, Readiness readiness,
                                    Duration startTimeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        JavaProcess started = new JavaProcess(name, List.copyOf(command), Map.copyOf(environment), logFile, readiness);
        started.launch(startTimeout);
        return started;
    }

    /**
     * A port that was free a moment ago, for a process started at once. It is drawn below the
     * kernel's ephemeral range (Linux: 32768 and up), where ports for outgoing connections and for
     * binds to port 0 come from: so no other process's connection can take it before the process
     * binds it, as one under load once did with a port handed out by a bind to port 0.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST_CHOSEN_PORT, BELOW_EPHEMERAL_PORTS);
            if (isFree(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free port between " + LOWEST_CHOSEN_PORT + " and " + BELOW_EPHEMERAL_PORTS);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Ends the process at once, as a crash or {@code kill -9} would: no shutdown hook runs. */
    public void kill() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
            waitFor(running, Duration.ofSeconds(30));
        }
    }

    /** Starts the same command again, e.g. after {@link #kill()}, on the same data. */
    public void restart(Duration startTimeout) {
        if (isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch(startTimeout);
    }

    /** Stops the process the way Ctrl-C would (SIGTERM), and kills it if it does not stop in time. */
    @Override
    public void close() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!waitFor(running, Duration.ofSeconds(20))) {
                running.destroyForcibly();
                waitFor(running, Duration.ofSeconds(10));
            }
        }
    }

    private void launch(Duration startTimeout) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        awaitHealthy(startTimeout);
    }

    private void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting\n" + lastLogLines(40));
            }
            if (readiness.isReady()) {
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not healthy within " + timeout + "\n" + lastLogLines(40));
    }

    /** The end of the process's log, for failure messages. */
    public String lastLogLines(int count) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
