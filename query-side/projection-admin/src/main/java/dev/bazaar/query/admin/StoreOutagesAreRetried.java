package dev.bazaar.query.admin;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Which failures park an event: a fault of the projection (its handler throws on this event) parks it
 * in the dead-letter queue; the read model's database being out of reach does not. A handler that reads
 * the store while the store is down fails for every event alike, and parking them would leave a healthy
 * projection with a pile of letters to retry by hand once the store is back (or, if the store came back
 * between the read and the enqueue, letters for events that were never wrong). Such a failure is
 * thrown on instead: Axon's dead-lettering invoker calls the policy inside its {@code catch}, so the
 * exception fails the batch, the processor shows the error and retries from its token with its back-off
 * ({@link RetrySchedule}).
 *
 * <p>"Out of reach" is what Spring's data-access translation says it is, for JDBC and MongoDB alike
 * ({@link DataAccessResourceFailureException}, {@link TransientDataAccessException},
 * {@link RecoverableDataAccessException}), and the JDBC and MongoDB drivers' own exceptions for it
 * where nothing translated them. The admin API uses the same test to answer 503 instead of 500.
 */
public final class StoreOutagesAreRetried implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (isStoreOutage(cause)) {
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause.getMessage(), cause);
        }
        return Decisions.enqueue(cause);
    }

    static boolean isStoreOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || isMongoDriverOutage(cause)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The MongoDB driver's own exceptions for a server out of reach, untranslated: Axon's MongoDB
     * dead-letter queue and token store use the driver directly. Matched by name because this module
     * serves both services and does not depend on the MongoDB driver.
     */
    private static boolean isMongoDriverOutage(Throwable failure) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("com.mongodb.MongoSocketException") || type.getName().equals("com.mongodb.MongoTimeoutException")) {
                return true;
            }
        }
        return false;
    }
}
