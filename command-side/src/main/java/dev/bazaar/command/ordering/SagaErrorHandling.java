package dev.bazaar.command.ordering;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * A saga handler that fails is retried, never skipped: Axon's default for sagas logs the failure and
 * moves on, which would leave an order whose command was lost waiting forever. Propagating the
 * failure makes the tracking processor release its segment and deliver the event again after a
 * back-off, from the saga state stored with the last token.
 */
@Configuration(proxyBeanMethods = false)
class SagaErrorHandling {

    static final String PROCESSING_GROUP = "OrderSagaProcessor";

    @Autowired
    void retryFailedSagaEvents(EventProcessingConfigurer configurer) {
        configurer.registerListenerInvocationErrorHandler(PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
