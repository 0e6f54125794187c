package dev.bazaar.launcher;

import dev.bazaar.process.JavaProcess;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Where every part of the local system listens. {@link #defaults()} are the documented ports;
 * {@link #freePorts()} lets a test run the whole system beside a running one.
 */
public record SystemLayout(int nodeGrpc, int nodeHttp, int command, int graphql, int relational, int document,
                           int nodePostgres, int commandPostgres, int relationalPostgres, int mongo) {

    public static SystemLayout defaults() {
        return new SystemLayout(8124, 8024, 8080, 8090, 8091, 8092, 5441, 5442, 5443, 27027);
    }

    /** Ten distinct ports, each free when chosen and outside the range the kernel hands out by itself. */
    public static SystemLayout freePorts() {
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < 10) {
            chosen.add(JavaProcess.freePort());
        }
        int[] port = chosen.stream().mapToInt(Integer::intValue).toArray();
        return new SystemLayout(port[0], port[1], port[2], port[3], port[4], port[5], port[6], port[7], port[8], port[9]);
    }

    public String nodeAddress() {
        return "localhost:" + nodeGrpc;
    }

    public String commandUrl() {
        return "http://localhost:" + command;
    }

    public String graphqlUrl() {
        return "http://localhost:" + graphql;
    }

    public String relationalUrl() {
        return "http://localhost:" + relational;
    }

    public String documentUrl() {
        return "http://localhost:" + document;
    }

    public String nodeUrl() {
        return "http://localhost:" + nodeHttp;
    }
}
