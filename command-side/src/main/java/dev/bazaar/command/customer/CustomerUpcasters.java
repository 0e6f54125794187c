package dev.bazaar.command.customer;

import dev.bazaar.api.customer.CustomerRegisteredUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The customer aggregate is loaded from its stored events, some of them at old revisions: Axon's Spring
 * Boot auto-configuration puts every {@link EventUpcaster} bean into the upcaster chain, in {@link Order}.
 */
@Configuration(proxyBeanMethods = false)
class CustomerUpcasters {

    @Bean
    @Order(0)
    EventUpcaster customerRegisteredUpcaster() {
        return new CustomerRegisteredUpcaster();
    }
}
