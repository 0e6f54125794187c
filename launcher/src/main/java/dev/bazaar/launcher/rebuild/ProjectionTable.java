package dev.bazaar.launcher.rebuild;

import java.util.List;
import java.util.Locale;

/** The projections of a service as a text table. */
final class ProjectionTable {

    private static final String FORMAT = "%-12s %-11s %10s %12s %12s %10s %12s %9s%n";

    private ProjectionTable() {
    }

    static String of(List<ProjectionStatus> projections) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, FORMAT,
                "PROJECTION", "STATE", "GENERATION", "POSITION", "HEAD", "LAG", "EVENTS/S", "LEFT"));
        for (ProjectionStatus p : projections) {
            table.append(String.format(Locale.ROOT, FORMAT, p.name(), p.state(), p.generation(), p.position(), p.head(), p.lag(),
                    String.format(Locale.ROOT, "%,.0f", p.eventsPerSecond()), ProgressLine.duration(p.secondsLeft())));
            if (p.error() != null) {
                table.append("  error: ").append(p.error()).append(System.lineSeparator());
            }
        }
        return table.toString();
    }
}
