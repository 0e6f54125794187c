package dev.bazaar.bench.replay.relational;

import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** How far the naive processor got: the lowest global index its segments processed, -1 before any. */
@RestController
class NaivePosition {

    private final EventProcessingConfiguration processing;

    NaivePosition(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @GetMapping("/position")
    Map<String, Long> position() {
        long position = processing.eventProcessor(NaiveProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .mapToLong(status -> positionOf(status))
                        .min().orElse(-1L))
                .orElse(-1L);
        return Map.of("position", position);
    }

    private static long positionOf(EventTrackerStatus status) {
        return status.getCurrentPosition().orElse(-1L);
    }
}
