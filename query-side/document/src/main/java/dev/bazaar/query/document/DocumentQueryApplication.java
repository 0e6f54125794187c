package dev.bazaar.query.document;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The document query service: the catalog and reviews read models in MongoDB, answering over Axon. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DocumentQueryApplication {

    public static void main(String[] args) {
        SpringApplication.run(DocumentQueryApplication.class, args);
    }
}
