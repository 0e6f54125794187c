package dev.bazaar.command;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The command service: customers, products, orders and reviews as event-sourced aggregates, and the order saga. */
@SpringBootApplication
@OpenAPIDefinition(info = @Info(title = "Bazaar command API", version = "1",
        description = "Commands for customers, products, orders and reviews. Reads are on the GraphQL endpoint."))
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }
}
