package dev.bazaar.bench.replay.relational;

import dev.bazaar.api.customer.CustomerRegisteredUpcaster;
import java.util.Map;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The naive projection the relational rebuild is compared with (bench/replay-relational): customers and
 * orders projected the way a first attempt would, one {@code CrudRepository.save} per event through Spring
 * Data JPA, by a pooled streaming processor with Axon's defaults (a batch, so a transaction, per event),
 * into a database of its own. {@code GET /position} says how far it got.
 *
 * <p>Its settings are defaults given here rather than in an {@code application.yml}: the bench jar holds
 * other benchmarks, which must not pick them up. Command-line arguments override them.
 */
@SpringBootApplication
public class NaiveProjectionApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(NaiveProjectionApplication.class);
        application.setDefaultProperties(Map.of(
                "spring.application.name", "bench-naive-projection",
                "spring.main.banner-mode", "off",
                "spring.jpa.hibernate.ddl-auto", "create",
                "spring.jpa.open-in-view", "false",
                "axon.serializer.general", "jackson",
                "axon.serializer.events", "jackson",
                "axon.serializer.messages", "jackson",
                // Every event reaches the processor, so that its position reaches the head of the store.
                "axon.axonserver.event-block-listing-enabled", "false",
                "axon.eventhandling.processors." + NaiveProjection.PROCESSING_GROUP + ".mode", "pooled",
                // The bench jar also holds the document benchmark's MongoDB client, which this app does not use.
                "spring.autoconfigure.exclude", "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.data.mongo.MongoRepositoriesAutoConfiguration"));
        application.run(args);
    }

    @Bean
    EventUpcaster customerRegisteredUpcaster() {
        return new CustomerRegisteredUpcaster();
    }
}
