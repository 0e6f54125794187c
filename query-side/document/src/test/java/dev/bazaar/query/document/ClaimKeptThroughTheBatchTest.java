package dev.bazaar.query.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch that lasts longer than the claim timeout keeps its segment: against Axon's MongoDB token store on the
 * embedded MongoDB-protocol server, with a claim timeout of 1 s and a batch of 2.1 s, a second instance cannot
 * claim the segment in the middle of the batch; without the interceptor it can.
 */
class ClaimKeptThroughTheBatchTest {

    private static final String PROCESSOR = "catalog";
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(1);

    private TokenStore first;
    private TokenStore second;

    @BeforeEach
    void oneSegmentClaimedByTheFirstInstance() {
        var database = DefaultMongoTemplate.builder().mongoDatabase(MongoTestDatabases.fresh().getDb()).build();
        first = store(database, "first");
        second = store(database, "second");
        first.initializeTokenSegments(PROCESSOR, 1);
        first.fetchToken(PROCESSOR, 0);
    }

    @Test
    void anotherInstanceCannotClaimTheSegmentInTheMiddleOfALongBatch() throws Exception {
        List<String> claimsBySecond = handleSlowBatch(List.of(new ClaimKeptThroughTheBatch(first, PROCESSOR, CLAIM_TIMEOUT)));

        assertThat(claimsBySecond).containsOnly("refused");
        assertThatThrownBy(() -> second.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void withoutItTheClaimExpiresInTheMiddleOfTheBatch() throws Exception {
        assertThat(handleSlowBatch(List.of())).contains("claimed");
    }

    /** Seven events of 300 ms each; after the fourth and the last, the second instance tries to claim the segment. */
    private List<String> handleSlowBatch(List<ClaimKeptThroughTheBatch> interceptors) throws Exception {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            events.add(GenericEventMessage.asEventMessage("event " + i));
        }
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(events);
        batch.resources().put("Processor[" + PROCESSOR + "]/SegmentId", 0);
        List<String> claimsBySecond = new ArrayList<>();
        MessageHandler<EventMessage<?>> slowHandler = event -> {
            Thread.sleep(300);
            if (event == events.get(3) || event == events.get(6)) {
                try {
                    second.fetchToken(PROCESSOR, 0);
                    claimsBySecond.add("claimed");
                } catch (UnableToClaimTokenException refused) {
                    claimsBySecond.add("refused");
                }
            }
            return null;
        };
        batch.executeWithResult(() -> new DefaultInterceptorChain<>(batch, interceptors, slowHandler).proceed());
        return claimsBySecond;
    }

    private static TokenStore store(org.axonframework.extensions.mongo.MongoTemplate database, String node) {
        return MongoTokenStore.builder()
                .mongoTemplate(database)
                .serializer(JacksonSerializer.defaultSerializer())
                .nodeId(node)
                .claimTimeout(CLAIM_TIMEOUT)
                .build();
    }
}
