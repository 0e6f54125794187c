package dev.bazaar.query.document.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param checkInterval how often rebuilds are checked for having caught up, and progress is measured
 * @param dropDelay     how long a replaced generation is kept for queries that were still reading it
 */
@ConfigurationProperties("bazaar.rebuild")
record RebuildProperties(Duration checkInterval, Duration dropDelay) {

    RebuildProperties {
        checkInterval = checkInterval == null ? Duration.ofMillis(500) : checkInterval;
        dropDelay = dropDelay == null ? Duration.ofSeconds(5) : dropDelay;
    }
}
