package dev.bazaar.axonserver.eventstore;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** An event-sourced aggregate as small as can be: it counts. */
class Counter {

    record CounterStarted(String counterId) {
    }

    record CounterIncremented(String counterId, int value) {
    }

    @AggregateIdentifier
    private String counterId;
    private int value;

    Counter() {
    }

    Counter(String counterId) {
        apply(new CounterStarted(counterId));
    }

    void increment() {
        apply(new CounterIncremented(counterId, value + 1));
    }

    int value() {
        return value;
    }

    @EventSourcingHandler
    void on(CounterStarted started) {
        counterId = started.counterId();
    }

    @EventSourcingHandler
    void on(CounterIncremented incremented) {
        value = incremented.value();
    }
}
