package dev.bazaar.query.relational.batch;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Collects what the event handlers of one Axon batch decide and writes it all at once, just before the
 * batch's transaction commits (with the processor's token). A pooled processor hands a whole batch of
 * events to the handlers inside one unit of work, so the batch is a resource of that unit of work.
 */
public final class BatchOfUnitOfWork {

    private BatchOfUnitOfWork() {
    }

    /**
     * The batch of the current unit of work under {@code key}; the first call creates it and arranges for
     * {@code write} to run when the unit of work prepares to commit.
     *
     * @throws IllegalStateException outside a unit of work
     */
    public static <B> B current(String key, Supplier<B> create, Consumer<B> write) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(key, ignored -> {
            B batch = create.get();
            unitOfWork.onPrepareCommit(committing -> write.accept(batch));
            return batch;
        });
    }
}
