package dev.bazaar.command.ordering;

import java.util.Objects;
import java.util.regex.Pattern;
import javax.annotation.Nonnull;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.AssociationValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A saga manager that hands each event only to the segment its sagas live in, instead of to every
 * segment of the processor.
 *
 * <p>Axon's {@link AnnotatedSagaManager} accepts every saga event in every segment: each segment looks
 * the event's association up in the saga store and then drops the sagas that belong to other segments
 * (by their identifier). With the order saga's 8 segments that was 8 association queries per saga
 * event, 7 of them for nothing: the largest share of the saga workers' time in a profile of the
 * running system (bench/README.md, session 6).
 *
 * <p>Axon already creates a saga only in the segment that matches its initial association value, and
 * picks a random identifier that matches the same segment. That is true for the segment count at its
 * creation only: after a segment is split, a random identifier and the association value may fall on
 * different halves. So this manager gives new sagas identifiers that carry the hash of their initial
 * association value ({@code <8 hex digits>.<random uuid>}) and places such a saga by that hash: a saga
 * then matches exactly the segments its association value matches, whatever the segment count, and
 * an event needs handling only in the segments that match one of its association values. This holds
 * for sagas that are found by the value they were started with, never associated with another: the
 * order saga (every handler associates by {@code orderId}, and it never calls {@code associateWith}).
 *
 * <p>A saga created before (a random identifier) may live in any segment. While any such saga may
 * exist, {@link #everySegment(boolean)} keeps the manager handing every event to every segment, as
 * Axon does; identifiers are in the new form either way. One found otherwise is logged as an error:
 * an instance of an older version is running beside this one.
 */
class SegmentLocalSagaManager<T> extends AnnotatedSagaManager<T> {

    private static final Pattern LOCAL_IDENTIFIER = Pattern.compile("[0-9a-f]{8}\\..+");

    private static final Logger log = LoggerFactory.getLogger(SegmentLocalSagaManager.class);

    /** The event being handled on this thread, for the identifier of a saga it starts. */
    private final ThreadLocal<EventMessage<?>> handling = new ThreadLocal<>();
    private volatile boolean everySegment;

    SegmentLocalSagaManager(Builder<T> builder) {
        super(builder);
    }

    /** Whether each event goes to every segment, as with Axon's manager: while sagas with random identifiers may exist. */
    void everySegment(boolean everySegment) {
        this.everySegment = everySegment;
    }

    /** Whether a saga identifier is in this manager's form, which places the saga by its association value. */
    static boolean isSegmentLocal(String sagaIdentifier) {
        return LOCAL_IDENTIFIER.matcher(sagaIdentifier).matches();
    }

    @Override
    public boolean canHandle(@Nonnull EventMessage<?> eventMessage, @Nonnull Segment segment) {
        if (!super.canHandle(eventMessage, segment)) {
            return false;
        }
        return everySegment || extractAssociationValues(eventMessage).stream().anyMatch(segment::matches);
    }

    @Override
    public void handle(@Nonnull EventMessage<?> event, @Nonnull Segment segment) throws Exception {
        EventMessage<?> outer = handling.get();
        handling.set(event);
        try {
            super.handle(event, segment);
        } finally {
            handling.set(outer);
        }
    }

    /** Called by Axon only once the segment matches the saga's initial association value, so the identifier matches it too. */
    @Override
    protected String createSagaIdentifier(Segment segment) {
        EventMessage<?> event = Objects.requireNonNull(handling.get(), "a saga is started only while its event is handled");
        AssociationValue initial = getSagaCreationPolicy(event).getInitialAssociationValue();
        return "%08x.%s".formatted(Objects.hashCode(initial), IdentifierFactory.getInstance().generateIdentifier());
    }

    @Override
    protected boolean matchesSegment(Segment segment, String sagaIdentifier) {
        if (isSegmentLocal(sagaIdentifier)) {
            return segment.matches(Integer.parseUnsignedInt(sagaIdentifier.substring(0, 8), 16));
        }
        if (!everySegment) {
            // Only found after the start-up check: an instance of an older version created it, and its events
            // may be going to another segment. Not a query more: this is a saga the event's lookup found.
            log.error("Saga {} has a random identifier, so its events may reach a segment that does not hold it: stop every "
                    + "instance of an older version and restart this one, which then hands every event to every segment", sagaIdentifier);
        }
        return segment.matches(sagaIdentifier);
    }
}
