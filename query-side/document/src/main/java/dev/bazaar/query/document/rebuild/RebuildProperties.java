package dev.bazaar.query.document.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param checkInterval how often a rebuild is checked for having caught up and its progress measured; also how old a
 *                      status may be before it is measured again
 * @param idleInterval  how often the pointers are read again while no read model is rebuilding, so that this instance
 *                      follows a rebuild another one started or switched; well below {@code dropDelay}
 * @param dropDelay     how long a replaced generation is kept for queries that were still reading it
 */
@ConfigurationProperties("bazaar.rebuild")
record RebuildProperties(Duration checkInterval, Duration idleInterval, Duration dropDelay) {

    RebuildProperties {
        checkInterval = checkInterval == null ? Duration.ofMillis(500) : checkInterval;
        idleInterval = idleInterval == null ? Duration.ofSeconds(1) : idleInterval;
        dropDelay = dropDelay == null ? Duration.ofSeconds(5) : dropDelay;
        if (idleInterval.compareTo(dropDelay) >= 0) {
            throw new IllegalArgumentException("bazaar.rebuild.idle-interval (" + idleInterval + ") must be shorter than"
                    + " bazaar.rebuild.drop-delay (" + dropDelay + "): another instance's queries would find their generation dropped");
        }
    }
}
