package dev.bazaar.query.relational.freshness;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxWait how long a query that asks for a version the read model has not applied yet waits for it
 */
@ConfigurationProperties("bazaar.read-your-writes")
public record ReadYourWritesProperties(@DefaultValue("5s") Duration maxWait) {
}
