package dev.bazaar.query.document;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long a MongoDB call waits for a server before it fails: {@code bazaar.mongo.server-selection-timeout}
 * (5 s) instead of the driver's 30 s. While MongoDB is down, a query then fails within the GraphQL query
 * timeout, and a processor's batch or claim fails (and Axon backs off) within seconds instead of holding its
 * thread half a minute per attempt.
 */
@Configuration(proxyBeanMethods = false)
class MongoClientTimeouts {

    @Bean
    MongoClientSettingsBuilderCustomizer serverSelectionTimeout(@Value("${bazaar.mongo.server-selection-timeout:5s}") Duration timeout) {
        return settings -> settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }
}
