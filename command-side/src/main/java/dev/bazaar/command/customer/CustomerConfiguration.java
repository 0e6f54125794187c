package dev.bazaar.command.customer;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The helpers that command handlers receive as parameters; both read and write the one event store. */
@Configuration(proxyBeanMethods = false)
class CustomerConfiguration {

    @Bean
    EmailRegistry emailRegistry(EventStore eventStore) {
        return new EmailRegistry(eventStore);
    }

    @Bean
    ActiveCustomers activeCustomers(EventStore eventStore) {
        return new ActiveCustomers(eventStore);
    }
}
