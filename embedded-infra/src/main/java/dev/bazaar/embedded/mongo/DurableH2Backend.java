package dev.bazaar.embedded.mongo;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.util.Locale;
import java.util.Set;

/**
 * mongo-java-server's H2 backend with every acknowledged write written to the file before it is
 * acknowledged, so that what a SIGKILL leaves behind is a prefix of the writes in the order they were
 * acknowledged, as a real MongoDB's journal guarantees.
 *
 * <p>The stock backend leaves writing to H2's auto-commit, about once a second, and that commit is not
 * a consistent cut: it takes each map (a collection, an index) as it is at the moment it reaches it,
 * while other threads keep writing. A write acknowledged after another can then be in the file while
 * the earlier one is not: a processor's tracking token stored after a batch of documents survived a
 * SIGKILL that lost the documents, and those events were never projected again. Committing after each
 * command (every command of the driver arrives as such a message) makes a write durable before the
 * client can issue the next one that depends on it. Commands that only read are not followed by a
 * commit, so that they do not queue behind another thread's commit.
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections", "listindexes",
            "listdatabases", "ping", "hello", "ismaster", "buildinfo", "killcursors", "endsessions", "dbstats", "collstats",
            "serverstatus", "getlasterror");

    DurableH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        Document response = super.handleMessage(message);
        String command = message.getDocument().keySet().iterator().next();
        if (!READS.contains(command.toLowerCase(Locale.ROOT))) {
            commit();
        }
        return response;
    }
}
