package dev.bazaar.command.ordering;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * A saga handler that fails is retried, never skipped: Axon's default for sagas logs the failure and
 * moves on, which would leave an order whose command was lost waiting forever. Propagating the
 * failure makes the processor release its segment and deliver the event again after a back-off, from
 * the saga state stored with the last token.
 *
 * <p>Two handlers are set, because a saga's failure reaches one of two places: a failure inside the
 * handler goes to the listener-invocation error handler; a command that fails when the saga settles it
 * (in the unit of work's prepare-commit, see {@link OrderSaga}) rolls the batch back and goes to the
 * processor's error handler. Axon's default for the latter propagates too, but a default set for every
 * processor elsewhere would then silently skip the batch and its commands: so it is set here, for this
 * processor.
 */
@Configuration(proxyBeanMethods = false)
class SagaErrorHandling {

    static final String PROCESSING_GROUP = "OrderSagaProcessor";

    @Autowired
    void retryFailedSagaEvents(EventProcessingConfigurer configurer) {
        configurer.registerListenerInvocationErrorHandler(PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
        configurer.registerErrorHandler(PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
