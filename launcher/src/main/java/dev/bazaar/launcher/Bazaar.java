package dev.bazaar.launcher;

import dev.bazaar.launcher.rebuild.RebuildClient;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's entry point.
 *
 * <pre>
 *   run [--fresh] [--demo] [--home DIR]       start the whole system (default); --demo loads a demo shop
 *   postgres --port P --data-dir DIR          one embedded PostgreSQL server, until stopped
 *   mongo --port P [--data-file FILE]         the embedded MongoDB-protocol server, until stopped
 *   rebuild --service URL [--projection NAME] [--user U --password P]   rebuild read models, with progress
 *   projections --service URL [--user U --password P]                   the read models of a query service
 * </pre>
 */
public final class Bazaar {

    private Bazaar() {
    }

    public static void main(String[] args) throws Exception {
        List<String> words = Arrays.asList(args);
        boolean named = !words.isEmpty() && !words.get(0).startsWith("--");
        String command = named ? words.get(0) : "run";
        Options options = Options.parse(named ? words.subList(1, words.size()) : words);
        switch (command) {
            case "run" -> LocalSystem.run(options);
            case "postgres" -> DatabaseServers.postgres(options.requiredInt("port"), Path.of(options.required("data-dir")));
            case "mongo" -> DatabaseServers.mongo(options.requiredInt("port"), options.value("data-file").map(Path::of).orElse(null));
            case "rebuild" -> System.exit(RebuildClient.rebuild(options.values()));
            case "projections" -> System.exit(RebuildClient.projections(options.values()));
            default -> {
                System.err.println("Unknown command '" + command + "': use run, postgres, mongo, rebuild or projections");
                System.exit(2);
            }
        }
    }
}
