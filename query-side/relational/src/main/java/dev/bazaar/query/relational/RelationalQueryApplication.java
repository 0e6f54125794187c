package dev.bazaar.query.relational;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The relational query service: customers and orders projected into its own PostgreSQL database. */
@SpringBootApplication
public class RelationalQueryApplication {

    public static void main(String[] args) {
        SpringApplication.run(RelationalQueryApplication.class, args);
    }
}
