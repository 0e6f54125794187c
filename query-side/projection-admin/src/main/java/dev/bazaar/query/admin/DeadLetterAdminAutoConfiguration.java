package dev.bazaar.query.admin;

import java.time.Clock;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What a query service gets by depending on this module: the {@link RetrySchedule}, fed by every
 * {@link TokenStore} bean (wrapped in a {@link RetryWatchingTokenStore}); and, once the service declares
 * its {@link DeadLetters}, the dead-letter endpoints.
 */
@AutoConfiguration
@Import(DeadLetterAdminAutoConfiguration.DeadLetterEndpoints.class)
public class DeadLetterAdminAutoConfiguration {

    @Bean
    static RetrySchedule retrySchedule() {
        return new RetrySchedule(Clock.systemUTC());
    }

    @Bean
    static BeanPostProcessor tokenStoresReportToTheRetrySchedule(ObjectProvider<RetrySchedule> schedule) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof TokenStore store && !(bean instanceof RetryWatchingTokenStore)
                        ? new RetryWatchingTokenStore(store, schedule.getObject()) : bean;
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DeadLetters.class)
    @Import(DeadLetterController.class)
    static class DeadLetterEndpoints {
    }
}
