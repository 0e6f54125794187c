package dev.bazaar.axonserver.queries;

import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryReference;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A query sent to its handlers and not finished yet. It finishes when every handler has said it is complete,
 * when the caller has the number of results it asked for, when its timeout passes, or when the caller goes
 * away; handlers that are still working then get a cancel.
 */
final class PendingQuery {

    /** Where the answers go: the caller's Query stream, or a subscription query's initial result. */
    interface Answers {
        void response(QueryResponse response);

        void finished(long delivered);
    }

    private final String id;
    private final Answers answers;
    private final long wanted;
    private final Set<QueryHandlerStream> working;
    private final Runnable forget;
    private long delivered;
    private boolean finished;

    /**
     * @param wanted the number of results the caller asked for; 0 or less means all of them
     * @param forget run once when the query finishes, to drop it from the node's bookkeeping
     */
    PendingQuery(String id, Answers answers, long wanted, List<QueryHandlerStream> handlers, Runnable forget) {
        this.id = id;
        this.answers = answers;
        this.wanted = wanted;
        this.working = new HashSet<>(handlers);
        this.forget = forget;
    }

    synchronized void response(QueryResponse response) {
        if (finished) {
            return;
        }
        answers.response(response);
        delivered++;
        if (wanted > 0 && delivered >= wanted) {
            finish();
        }
    }

    synchronized void completedBy(QueryHandlerStream handler) {
        if (working.remove(handler) && working.isEmpty()) {
            finish();
        }
    }

    synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        forget.run();
        QueryProviderInbound cancel = QueryProviderInbound.newBuilder()
                .setQueryCancel(QueryReference.newBuilder().setRequestId(id))
                .build();
        working.forEach(handler -> handler.send(cancel));
        working.clear();
        answers.finished(delivered);
    }
}
