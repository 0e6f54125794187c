package dev.bazaar.command.rules;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How commands are handled in this service: failure details, the aggregate cache, snapshots, and the saga store's dialect. */
@Configuration(proxyBeanMethods = false)
class CommandHandlingConfiguration {

    @Autowired
    void registerFailureDetails(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new FailureDetails());
    }

    /** Products collect a stock event per order line, so loading them replays from a recent snapshot. */
    @Bean
    SnapshotTriggerDefinition productSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${bazaar.snapshots.product-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /** Named by {@code @Aggregate(cache = "aggregateCache")} on the aggregates that take most commands. */
    @Bean
    Cache aggregateCache(EventStore eventStore, @Value("${bazaar.aggregate-cache.strongly-held:10000}") long stronglyHeld) {
        return new CheckedAggregateCache(eventStore, stronglyHeld);
    }

    /** The saga tables hold the serialized saga as {@code bytea}, as created by the Flyway migration. */
    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }
}
