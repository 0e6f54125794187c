package dev.bazaar.bench.system;

import io.gatling.javaapi.core.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Every answer Gatling got, by phase and request name: its response time as Gatling measured it
 * (from the moment the open model scheduled the request, so a slow answer does not hide the ones
 * queued behind it) and its HTTP status. Kept here rather than parsed back from Gatling's report so
 * that the tables and the JSON come from one place.
 */
final class Latencies {

    static final String RESPONSE_TIME = "responseTime";
    static final String STATUS = "status";
    /** The classification of a GraphQL answer's first error entry, when it has one. */
    static final String ERROR = "errorClassification";
    static final String NO_ANSWER = "no answer";
    private static final long HIGHEST_MS = 120_000;

    private static final Map<String, Map<String, Outcomes>> BY_PHASE = new ConcurrentHashMap<>();

    private Latencies() {
    }

    /** Called by the simulations right after each request. */
    static Session record(String phase, String request, Session session) {
        Outcomes outcomes = BY_PHASE.computeIfAbsent(phase, p -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(request, r -> new Outcomes());
        if (session.contains(STATUS)) {
            outcomes.statuses.computeIfAbsent(String.valueOf(session.getInt(STATUS)), s -> new LongAdder()).increment();
        } else {
            outcomes.statuses.computeIfAbsent(NO_ANSWER, s -> new LongAdder()).increment();
        }
        if (session.isFailed()) {
            outcomes.failed.increment();
        }
        if (session.contains(ERROR)) {
            outcomes.errors.computeIfAbsent(session.getString(ERROR), e -> new LongAdder()).increment();
        }
        if (session.contains(RESPONSE_TIME)) {
            long millis = Math.min(HIGHEST_MS, session.getLong(RESPONSE_TIME));
            outcomes.millis.recordValue(millis);
            if (!session.isFailed()) {
                outcomes.servedMillis.recordValue(millis);
            }
        }
        return session.remove(STATUS).remove(RESPONSE_TIME).remove(ERROR);
    }

    static Map<String, Outcomes> of(String phase) {
        return BY_PHASE.getOrDefault(phase, Map.of());
    }

    /** The answers to one kind of request in one phase. */
    static final class Outcomes {

        final Histogram millis = new ConcurrentHistogram(HIGHEST_MS, 3);
        /** Only the answers that succeeded: for GraphQL, those without an entry in errors (a shed request is fast, but not served). */
        final Histogram servedMillis = new ConcurrentHistogram(HIGHEST_MS, 3);
        /** GraphQL answers with errors, by the classification of their first entry (OVERLOADED: shed at once). */
        final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();
        final Map<String, LongAdder> statuses = new ConcurrentSkipListMap<>();
        /** Answers Gatling failed: a status outside the expected ones, a GraphQL error, no answer. */
        final LongAdder failed = new LongAdder();

        long count(Predicate<String> status) {
            return statuses.entrySet().stream().filter(e -> status.test(e.getKey())).mapToLong(e -> e.getValue().sum()).sum();
        }
    }
}
