package dev.bazaar.bench.replay.document;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The naive projection the document rebuild is compared with (bench/replay-document): products and
 * reviews projected the way a first attempt would, one {@code MongoRepository.save} per document an event
 * changes, by a pooled streaming processor with Axon's defaults (a batch of one event), into a MongoDB of
 * its own (the embedded MongoDB-protocol server with an H2 file, as the document service runs it).
 * {@code GET /position} says how far it got.
 *
 * <p>Its settings are defaults given here rather than in an {@code application.yml}: the bench jar holds
 * other benchmarks, which must not pick them up. Command-line arguments override them.
 */
@SpringBootApplication
public class NaiveDocumentProjectionApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(NaiveDocumentProjectionApplication.class);
        application.setDefaultProperties(Map.of(
                "spring.application.name", "bench-naive-document-projection",
                "spring.main.banner-mode", "off",
                // No relational database here: the bench jar carries JPA and embedded PostgreSQL for the relational benchmark.
                "spring.autoconfigure.exclude", "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
                "bazaar.embedded-postgres.enabled", "false",
                "bazaar.embedded-mongo.enabled", "true",
                "spring.data.mongodb.database", "naive",
                "axon.serializer.general", "jackson",
                "axon.serializer.events", "jackson",
                "axon.serializer.messages", "jackson",
                "axon.eventhandling.processors." + NaiveDocumentProjection.PROCESSING_GROUP + ".mode", "pooled"));
        application.run(args);
    }
}
