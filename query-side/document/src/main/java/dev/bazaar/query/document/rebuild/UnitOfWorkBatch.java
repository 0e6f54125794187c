package dev.bazaar.query.document.rebuild;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Collects the changes of one batch of events in memory and writes them at once, at the end of the
 * batch, before the processor stores its token.
 *
 * <p>A pooled processor hands a work package's batch of events to the handlers in one
 * {@link BatchingUnitOfWork}. The batch is kept as a resource of that unit of work, created on the
 * first event (it may read every event of the batch up front, to load what they touch in one query)
 * and written on the last one. That is inside the handler, not in a prepare-commit callback, because
 * the processor registers storing its token as the first prepare-commit callback: a write after it
 * could be lost with the token already moved past its events. Outside a processor (no unit of work),
 * each event is a batch of its own.
 */
public final class UnitOfWorkBatch {

    /** A batch's changes, written by {@link #flush}. */
    public interface Changes {

        void flush();
    }

    private UnitOfWorkBatch() {
    }

    public static <C extends Changes> void apply(String key, Function<List<? extends EventMessage<?>>, C> start,
                                                 Consumer<C> change) {
        if (!CurrentUnitOfWork.isStarted()) {
            C alone = start.apply(List.of());
            change.accept(alone);
            alone.flush();
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        C batch = unitOfWork.getOrComputeResource(key, k -> start.apply(eventsOf(unitOfWork)));
        change.accept(batch);
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage()) {
            unitOfWork.resources().remove(key);
            batch.flush();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<? extends EventMessage<?>> eventsOf(UnitOfWork<?> unitOfWork) {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
            return (List<? extends EventMessage<?>>) batching.getMessages();
        }
        return List.of((EventMessage<?>) unitOfWork.getMessage());
    }
}
