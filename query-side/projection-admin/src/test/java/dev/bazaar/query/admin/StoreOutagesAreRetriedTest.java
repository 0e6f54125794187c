package dev.bazaar.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import java.sql.SQLTransientConnectionException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;

class StoreOutagesAreRetriedTest {

    private final StoreOutagesAreRetried policy = new StoreOutagesAreRetried();
    private final GenericDeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("product-1", GenericEventMessage.asEventMessage("PriceChanged"));

    @Test
    void aFaultOfTheHandlerParksTheEvent() {
        IllegalStateException fault = new IllegalStateException("no such price");

        EnqueueDecision<EventMessage<?>> decision = policy.decide(letter, fault);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).contains(fault);
    }

    @Test
    void aConstraintTheDataBreaksIsAFaultOfTheEventNotAnOutage() {
        assertThat(policy.decide(letter, new DataIntegrityViolationException("duplicate key")).shouldEnqueue()).isTrue();
    }

    @Test
    void theStoreOutOfReachFailsTheBatchInsteadOfParking() {
        DataAccessResourceFailureException outage = new DataAccessResourceFailureException("Timed out while waiting for a server");

        assertThatThrownBy(() -> policy.decide(letter, new IllegalStateException("handler", outage))).hasRootCause(outage);
    }

    @Test
    void theMongoDriversOwnOutageExceptionsAreOutages() {
        assertThat(StoreOutagesAreRetried.isStoreOutage(new MongoTimeoutException("Timed out while waiting for a server"))).isTrue();
        assertThat(StoreOutagesAreRetried.isStoreOutage(new MongoSocketReadException("closed", new ServerAddress()))).isTrue();
        assertThat(StoreOutagesAreRetried.isStoreOutage(new MongoWriteException(
                new WriteError(11000, "duplicate key", new BsonDocument()), new ServerAddress(), java.util.Set.of()))).isFalse();
    }

    @Test
    void aTimeoutOrAnUntranslatedTransientDriverFailureIsAnOutageToo() {
        assertThatThrownBy(() -> policy.decide(letter, new QueryTimeoutException("slow"))).isInstanceOf(QueryTimeoutException.class);
        assertThatThrownBy(() -> policy.decide(letter, new SQLTransientConnectionException("pool exhausted")))
                .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(SQLTransientConnectionException.class);
    }
}
