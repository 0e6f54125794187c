package dev.bazaar.query.document.rebuild;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The {@code bazaar.projection.events} counter: events a projection has written, per read model. */
@Component
public class AppliedEvents {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public AppliedEvents(MeterRegistry registry) {
        this.registry = registry;
    }

    public void applied(String readModel, int events) {
        counters.computeIfAbsent(readModel, name -> Counter.builder("bazaar.projection.events")
                .description("Events applied to the read model").tag("projection", name).register(registry))
                .increment(events);
    }
}
