package dev.bazaar.query.document.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a {@code FindProduct} with a {@code minVersion} waits for the catalog to catch up.
 *
 * @param timeout      the longest wait before answering with an error
 * @param pollInterval how often the product is read again while waiting, for versions applied by
 *                     another instance of this service (those of this instance wake the wait at once)
 */
@ConfigurationProperties("bazaar.read-your-writes")
record ReadYourWritesProperties(Duration timeout, Duration pollInterval) {

    ReadYourWritesProperties {
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        pollInterval = pollInterval == null ? Duration.ofMillis(250) : pollInterval;
    }
}
