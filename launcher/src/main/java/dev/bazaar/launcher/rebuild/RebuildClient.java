package dev.bazaar.launcher.rebuild;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code rebuild} and {@code projections} commands: a query service's admin API from the
 * command line.
 *
 * <pre>
 *   rebuild --service URL [--projection NAME] [--user U --password P]
 *   projections --service URL [--user U --password P]
 * </pre>
 *
 * The password defaults to {@code BAZAAR_ADMIN_PASSWORD}, then to the local-runs default.
 */
public final class RebuildClient {

    private static final Duration POLL = Duration.ofMillis(500);

    private RebuildClient() {
    }

    /** Starts a rebuild and draws its progress until every projection it started is live again; the exit code. */
    public static int rebuild(Map<String, String> options) {
        return run(options, api -> {
            String projection = options.get("projection");
            Set<String> started = api.rebuild(projection).stream()
                    .filter(ProjectionStatus::rebuilding).map(ProjectionStatus::name).collect(Collectors.toSet());
            PrintStream out = System.out;
            long begin = System.nanoTime();
            List<ProjectionStatus> watched;
            do {
                sleep();
                watched = api.projections().stream().filter(p -> started.contains(p.name())).toList();
                out.print("\r" + ProgressLine.of(watched) + "\u001b[K");
                out.flush();
            } while (watched.stream().anyMatch(ProjectionStatus::rebuilding));
            out.println();
            double seconds = (System.nanoTime() - begin) / 1e9;
            for (ProjectionStatus done : watched) {
                out.printf("%s: %s, generation %d, %d events, in %s%n", done.name(), done.state(), done.generation(),
                        done.head() + 1, ProgressLine.duration(seconds));
            }
            return watched.stream().allMatch(p -> "LIVE".equals(p.state())) ? 0 : 1;
        });
    }

    /** Prints the projections of a service as a table; the exit code. */
    public static int projections(Map<String, String> options) {
        return run(options, api -> {
            System.out.print(ProjectionTable.of(api.projections()));
            return 0;
        });
    }

    private interface Command {

        int run(AdminApi api);
    }

    private static int run(Map<String, String> options, Command command) {
        String service = options.get("service");
        if (service == null) {
            System.err.println("--service URL is required, e.g. --service http://localhost:8092");
            return 2;
        }
        String user = options.getOrDefault("user", "admin");
        String password = options.getOrDefault("password",
                System.getenv().getOrDefault("BAZAAR_ADMIN_PASSWORD", "bazaar-admin"));
        try {
            return command.run(new AdminApi(URI.create(service), user, password));
        } catch (AdminApi.Refused e) {
            System.err.println();
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApi.Refused("Interrupted");
        }
    }
}
