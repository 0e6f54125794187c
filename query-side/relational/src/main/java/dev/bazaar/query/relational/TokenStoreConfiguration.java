package dev.bazaar.query.relational;

import javax.sql.DataSource;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The processors' tokens live in this service's own database, beside the read model they describe,
 * and are written in the same transaction as the rows a batch of events changed: Spring's JPA
 * transaction manager shares its connection with {@link SpringDataSourceConnectionProvider}.
 *
 * <p>Axon's JDBC token store rather than the JPA one the starter would pick: the JPA entity maps the
 * token as a {@code @Lob}, which Hibernate stores as a PostgreSQL large object ({@code oid}), not as
 * plain {@code bytea}.
 */
@Configuration(proxyBeanMethods = false)
class TokenStoreConfiguration {

    @Bean
    TokenStore tokenStore(DataSource dataSource, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .serializer(serializer)
                .build();
    }
}
