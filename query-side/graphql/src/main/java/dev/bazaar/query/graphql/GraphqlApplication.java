package dev.bazaar.query.graphql;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The GraphQL endpoint: it owns no data and answers every field with Axon queries to the read models. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GraphqlApplication {

    public static void main(String[] args) {
        SpringApplication.run(GraphqlApplication.class, args);
    }
}
