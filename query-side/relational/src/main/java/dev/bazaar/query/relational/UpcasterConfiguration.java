package dev.bazaar.query.relational;

import dev.bazaar.api.customer.CustomerRegisteredUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The upcasters of the events this service reads: Axon's Spring Boot auto-configuration puts every
 * {@link EventUpcaster} bean into the upcaster chain, in {@link Order} (see docs/upcasting.md).
 */
@Configuration(proxyBeanMethods = false)
class UpcasterConfiguration {

    @Bean
    @Order(0)
    EventUpcaster customerRegisteredUpcaster() {
        return new CustomerRegisteredUpcaster();
    }
}
