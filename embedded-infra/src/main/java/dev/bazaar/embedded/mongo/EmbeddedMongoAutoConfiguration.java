package dev.bazaar.embedded.mongo;

import com.mongodb.ConnectionString;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The service's MongoDB when none is configured: with {@code bazaar.embedded-mongo.enabled=true} and
 * neither {@code spring.data.mongodb.uri} nor {@code spring.data.mongodb.host} set, an
 * {@link EmbeddedMongoServer} is started and Spring Boot's Mongo client is pointed at it through
 * {@link MongoConnectionDetails}. The database is still {@code spring.data.mongodb.database}.
 *
 * <p>Services without the Mongo driver and mongo-java-server on their classpath (they are optional
 * dependencies of this module) never see this configuration.
 */
@AutoConfiguration(before = MongoAutoConfiguration.class)
@ConditionalOnClass(name = {"com.mongodb.client.MongoClient", "de.bwaldvogel.mongo.MongoServer"})
@ConditionalOnProperty(name = "bazaar.embedded-mongo.enabled", havingValue = "true")
@Conditional(EmbeddedMongoAutoConfiguration.NoConfiguredServer.class)
@EnableConfigurationProperties({EmbeddedMongoProperties.class, MongoProperties.class})
public class EmbeddedMongoAutoConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMongoServer embeddedMongoServer(EmbeddedMongoProperties properties) {
        return EmbeddedMongoServer.start(properties.dataFile(), properties.port(), properties.syncInterval());
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongoServer server, MongoProperties properties) {
        ConnectionString connectionString = new ConnectionString(server.connectionString(properties.getMongoClientDatabase()));
        return () -> connectionString;
    }

    static class NoConfiguredServer extends NoneNestedConditions {

        NoConfiguredServer() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = "spring.data.mongodb.uri")
        static class UriConfigured {
        }

        @ConditionalOnProperty(name = "spring.data.mongodb.host")
        static class HostConfigured {
        }
    }
}
