package dev.bazaar.query.document;

import dev.bazaar.query.admin.DeadLetters;
import dev.bazaar.query.document.rebuild.ReadModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * Axon's side of this service's MongoDB, through Axon's Mongo extension (wired by hand: there is no
 * Spring Boot starter for it in 4.12): the processors' tracking tokens ({@code tracking_tokens}) and the
 * read models' dead letters ({@code dead_letters}, one collection, letters keyed by processing group; see
 * {@link DeadLetterQueues}), listed and retried through projection-admin's {@link DeadLetters}.
 */
@Configuration(proxyBeanMethods = false)
class AxonMongoConfiguration {

    static final String TOKENS_COLLECTION = "tracking_tokens";
    static final String DEAD_LETTERS_COLLECTION = "dead_letters";

    @Bean
    MongoTemplate axonMongoTemplate(MongoDatabaseFactory databases) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(databases.getMongoDatabase())
                .trackingTokensCollectionName(TOKENS_COLLECTION)
                .deadLetterCollectionName(DEAD_LETTERS_COLLECTION)
                .build();
    }

    /**
     * The token store, claiming segments as {@link InstanceName} (the owner the admin API shows). A claim
     * not extended for {@code bazaar.tokens.claim-timeout} (Axon's default, 10 s) is taken over by another
     * instance: that bounds how long the segments of a killed instance stay unprocessed.
     */
    @Bean
    TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, InstanceName instance,
                          @Value("${bazaar.tokens.claim-timeout:10s}") Duration claimTimeout) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .nodeId(instance.value())
                .claimTimeout(claimTimeout)
                .build();
    }

    @Bean
    DeadLetters deadLetters(EventProcessingConfiguration processing, MeterRegistry meters, List<ReadModel> readModels) {
        return new DeadLetters(processing, meters, names(readModels),
                letter -> ((MongoDeadLetter<?>) letter).sequenceIdentifier());
    }

    static List<String> names(List<ReadModel> readModels) {
        return readModels.stream().map(ReadModel::name).sorted().toList();
    }
}
