package dev.bazaar.query.relational;

import dev.bazaar.embedded.postgres.PostgresDataSourceAutoConfiguration;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read models alone: their projections, query handlers and storage against a fresh embedded
 * PostgreSQL migrated by Flyway, without Axon Server. Tests deliver events with {@link EventDelivery},
 * one committed transaction per delivery as a processor would, so nothing runs in a test transaction.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JdbcTest(properties = {"bazaar.embedded-postgres.data-dir=", "bazaar.read-your-writes.max-wait=1s"},
        includeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = ReadModelComponents.class))
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ImportAutoConfiguration(PostgresDataSourceAutoConfiguration.class)
@Import(ReadModelTest.Infrastructure.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
public @interface ReadModelTest {

    @TestConfiguration(proxyBeanMethods = false)
    class Infrastructure {

        @Bean
        QueryUpdateEmitter queryUpdateEmitter() {
            return SimpleQueryUpdateEmitter.builder().build();
        }

        @Bean
        EventDelivery eventDelivery(PlatformTransactionManager transactions) {
            return new EventDelivery(transactions);
        }
    }
}
