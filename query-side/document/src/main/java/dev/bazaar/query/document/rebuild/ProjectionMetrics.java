package dev.bazaar.query.document.rebuild;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** The rebuild contract's gauges, per read model ({@code projection} tag), read from the last measured status. */
@Component
class ProjectionMetrics implements InitializingBean {

    private final ProjectionRebuilds rebuilds;
    private final MeterRegistry registry;

    ProjectionMetrics(ProjectionRebuilds rebuilds, MeterRegistry registry) {
        this.rebuilds = rebuilds;
        this.registry = registry;
    }

    @Override
    public void afterPropertiesSet() {
        for (String name : rebuilds.readModelNames()) {
            gauge("bazaar.projection.position", name, "Lowest global index processed over the segments", ProjectionStatus::position);
            gauge("bazaar.projection.head", name, "Global index of the event store's last event", ProjectionStatus::head);
            gauge("bazaar.projection.lag", name, "Events between the position and the head", ProjectionStatus::lag);
            gauge("bazaar.projection.rebuilding", name, "1 while a rebuild runs", s -> s.state() == ProjectionStatus.State.REBUILDING ? 1 : 0);
            gauge("bazaar.projection.generation", name, "The generation queries read", ProjectionStatus::generation);
        }
    }

    private void gauge(String metric, String name, String description, ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(metric, () -> value.applyAsDouble(rebuilds.status(name)))
                .description(description).tag("projection", name).register(registry);
    }
}
