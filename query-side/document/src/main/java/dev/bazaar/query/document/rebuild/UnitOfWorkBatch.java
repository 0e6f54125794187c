package dev.bazaar.query.document.rebuild;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Collects the changes of one batch of events in memory and writes them at once, at the end of the
 * batch, before the processor stores its token.
 *
 * <p>A streaming processor (tracking or pooled) hands a batch of events to the handlers in one
 * {@link BatchingUnitOfWork}. The batch is kept as a resource of that unit of work, created on the
 * first event (it may read every event of the batch up front, to load what they touch in one query)
 * and written after the last one by {@link #writtenAfterTheLastEvent()}, a handler interceptor of the
 * processor. That is inside the handling of the last event, not in a prepare-commit callback, because
 * the processor registers storing its token as the first prepare-commit callback: a write after it
 * could be lost with the token already moved past its events. It is in an interceptor rather than in a
 * handler because with dead letters a handler may never see the last event: the dead-lettering invoker
 * parks an event whose handler throws (or whose aggregate is parked already) and goes on, and the
 * interceptor around the invoker still runs. A batch that fails outside a handler (the write itself)
 * fails the unit of work, which rolls back, and the processor retries it. Outside a batch (no unit of
 * work, or a plain one, as when a dead letter is retried) each event is a batch of its own, written at
 * once.
 */
public final class UnitOfWorkBatch {

    /** A batch's changes, written by {@link #flush}. */
    public interface Changes {

        void flush();
    }

    private static final String PENDING = UnitOfWorkBatch.class.getName() + ".pending";

    private UnitOfWorkBatch() {
    }

    public static <C extends Changes> void apply(String key, Function<List<? extends EventMessage<?>>, C> start,
                                                 Consumer<C> change) {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batching) {
            Map<String, Changes> pending = batching.getOrComputeResource(PENDING, k -> new LinkedHashMap<String, Changes>());
            @SuppressWarnings("unchecked")
            C batch = (C) pending.computeIfAbsent(key, k -> start.apply(eventsOf(batching)));
            change.accept(batch);
            return;
        }
        C alone = start.apply(CurrentUnitOfWork.isStarted() ? List.of((EventMessage<?>) CurrentUnitOfWork.get().getMessage())
                : List.of());
        change.accept(alone);
        alone.flush();
    }

    /** Writes the batches of a unit of work once its last event has been handled (or parked). */
    public static MessageHandlerInterceptor<EventMessage<?>> writtenAfterTheLastEvent() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork instanceof BatchingUnitOfWork<?> batching && batching.isLastMessage()) {
                Map<String, Changes> batches = batching.getResource(PENDING);
                if (batches != null) {
                    batching.resources().remove(PENDING);
                    batches.values().forEach(Changes::flush);
                }
            }
            return result;
        };
    }

    @SuppressWarnings("unchecked")
    private static List<? extends EventMessage<?>> eventsOf(BatchingUnitOfWork<?> batching) {
        return (List<? extends EventMessage<?>>) batching.getMessages();
    }
}
