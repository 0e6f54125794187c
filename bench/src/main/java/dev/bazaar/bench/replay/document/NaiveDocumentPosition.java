package dev.bazaar.bench.replay.document;

import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** How far the naive processor got: the lowest global index its segments processed, -1 before any. */
@RestController
class NaiveDocumentPosition {

    private final EventProcessingConfiguration processing;

    NaiveDocumentPosition(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @GetMapping("/position")
    Map<String, Long> position() {
        long position = processing.eventProcessor(NaiveDocumentProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .mapToLong(status -> status.getCurrentPosition().orElse(-1L))
                        .min().orElse(-1L))
                .orElse(-1L);
        return Map.of("position", position);
    }
}
