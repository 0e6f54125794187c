package dev.bazaar.query.document.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RebuildPropertiesTest {

    @Test
    void anIdleIntervalNotBelowTheDropDelayIsRefused() {
        // Another instance reading the pointer that seldom could still query a generation already dropped.
        assertThatThrownBy(() -> new RebuildProperties(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bazaar.rebuild.idle-interval");
    }

    @Test
    void theDefaultsFollowAnotherInstanceWellWithinTheDropDelay() {
        RebuildProperties defaults = new RebuildProperties(null, null, null);

        assertThat(defaults.idleInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.dropDelay()).isEqualTo(Duration.ofSeconds(5));
    }
}
