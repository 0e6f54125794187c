package dev.bazaar.query.admin;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * A processor's transaction manager that tells the {@link RetrySchedule} whether its transactions start and
 * commit. With a relational token store the processor's coordinator fails already there when the database
 * does not answer (the transaction takes a connection before the token store is asked), so the token store
 * alone would not see it.
 */
final class RetryWatchingTransactionManager implements TransactionManager {

    private final TransactionManager transactions;
    private final RetrySchedule schedule;
    private final String processor;

    RetryWatchingTransactionManager(TransactionManager transactions, RetrySchedule schedule, String processor) {
        this.transactions = transactions;
        this.schedule = schedule;
        this.processor = processor;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction;
        try {
            transaction = transactions.startTransaction();
        } catch (RuntimeException e) {
            schedule.storeFailed(processor, e);
            throw e;
        }
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    transaction.commit();
                } catch (RuntimeException e) {
                    schedule.storeFailed(processor, e);
                    throw e;
                }
                schedule.storeAnswered(processor);
            }

            @Override
            public void rollback() {
                transaction.rollback();
            }
        };
    }
}
