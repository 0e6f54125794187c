package dev.bazaar.embedded.mongo;

import java.nio.file.Path;

/**
 * The server process that {@link EmbeddedMongoServerCrashTest} kills: an embedded server on the data file
 * given, which prints its port and then serves until it is killed.
 */
final class ServesUntilKilled {

    private ServesUntilKilled() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(Path.of(args[0]), 0);
        System.out.println("port " + server.port());
        Thread.currentThread().join();
    }
}
