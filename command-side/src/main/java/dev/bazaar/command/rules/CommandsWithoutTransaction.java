package dev.bazaar.command.rules;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * The command bus that runs this service's command handlers (the local segment behind Axon Server's),
 * as Axon's auto-configuration builds it but without a database transaction around each command.
 *
 * <p>Aggregates live in Axon Server: a command reads and appends events there and never touches this
 * service's database, which holds only the saga and token stores. Axon's default still opened a JDBC
 * transaction per command, taking a connection from the pool that the saga's segment workers hold
 * while they await their commands; under the system benchmark's 500 commands/s, command threads waited
 * 24 ms on average for a connection they did not use (JFR, bench/README.md).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class CommandsWithoutTransaction {

    @Bean
    @Qualifier("localSegment")
    SimpleCommandBus commandBus(Configuration axon, DuplicateCommandHandlerResolver duplicateResolver) {
        SimpleCommandBus bus = SimpleCommandBus.builder()
                .duplicateCommandHandlerResolver(duplicateResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }
}
