package dev.bazaar.query.document;

import java.time.Duration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Extends a tracking processor's claim on its segment while it handles a long batch.
 *
 * <p>Stored after its batch's writes ({@link ReadModelProcessors}), a tracking processor's token is claimed afresh
 * when the batch starts and stored when it ends, and nothing extends the claim in between; the pooled processor's
 * coordinator did that for busy segments. A batch of thousands of events may take seconds; one that outlasts the
 * claim timeout lets another instance, whose idle thread looks for expired claims, take the segment and project
 * the same events, and the slower instance's writes would then replace the newer ones. So every event of a batch
 * checks the time, and a third of the claim timeout after the last extension the claim is extended again.
 *
 * <p>The segment is the one Axon's tracking processor names in the unit of work's resources
 * ({@code Processor[<name>]/SegmentId}, Axon 4.13).
 */
final class ClaimKeptThroughTheBatch implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String EXTENDED_AT = ClaimKeptThroughTheBatch.class.getName() + ".extendedAt";

    private final TokenStore tokens;
    private final String processor;
    private final String segmentKey;
    private final long everyNanos;

    ClaimKeptThroughTheBatch(TokenStore tokens, String processor, Duration claimTimeout) {
        this.tokens = tokens;
        this.processor = processor;
        this.segmentKey = "Processor[" + processor + "]/SegmentId";
        this.everyNanos = claimTimeout.toNanos() / 3;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.getResource(segmentKey) != null) {
            long now = System.nanoTime();
            long extendedAt = batch.getOrComputeResource(EXTENDED_AT, key -> now);
            if (now - extendedAt >= everyNanos) {
                tokens.extendClaim(processor, batch.<Integer>getResource(segmentKey));
                batch.resources().put(EXTENDED_AT, now);
            }
        }
        return chain.proceed();
    }
}
