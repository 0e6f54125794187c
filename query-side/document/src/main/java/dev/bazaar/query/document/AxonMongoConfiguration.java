package dev.bazaar.query.document;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * Axon's side of this service's MongoDB: the processors' tracking tokens live in the service's own
 * database (there is no Spring Boot starter for Axon's Mongo extension in 4.12), and a projection
 * that fails on an event is retried rather than skipped, because a skipped event would leave the
 * read model wrong for good.
 */
@Configuration(proxyBeanMethods = false)
class AxonMongoConfiguration {

    static final String TOKENS_COLLECTION = "tracking_tokens";

    @Bean
    TokenStore tokenStore(MongoDatabaseFactory databases, Serializer serializer) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(databases.getMongoDatabase())
                        .trackingTokensCollectionName(TOKENS_COLLECTION)
                        .build())
                .serializer(serializer)
                .build();
    }

    @Bean
    ConfigurerModule projectionsRetryFailedEvents() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
