package dev.bazaar.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the system's deployables running as its own operating-system process, the way it runs in
 * production: started from its jar, its output in a log file, healthy once its Actuator says UP.
 * Tests use it to kill a part with SIGKILL and start it again, which no in-JVM start can imitate.
 */
public final class JavaProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final URI health;
    private volatile Process process;

    private JavaProcess(String name, List<String> command, Map<String, String> environment, Path logFile, URI health) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.logFile = logFile;
        this.health = health;
    }

    /**
     * Starts {@code jar} with the given program arguments and waits until {@code healthUrl} answers UP.
     *
     * @param healthUrl e.g. {@code http://localhost:8024/actuator/health}
     */
    public static JavaProcess start(String name, Path jar, List<String> args, Map<String, String> environment,
                                    Path logFile, URI healthUrl, Duration startTimeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        JavaProcess started = new JavaProcess(name, List.copyOf(command), Map.copyOf(environment), logFile, healthUrl);
        started.launch(startTimeout);
        return started;
    }

    /** A port that was free a moment ago; good enough for a test that starts its process at once. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            if (isHealthy()) {
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not healthy within " + timeout + "\n" + lastLogLines(40));
    }

    private boolean isHealthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + name, e);
        }
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
