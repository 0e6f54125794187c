package dev.bazaar.axonserver;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The single-node Axon Server-compatible node: gRPC for Axon clients, HTTP for health and status. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AxonServerNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(AxonServerNodeApplication.class, args);
    }
}
