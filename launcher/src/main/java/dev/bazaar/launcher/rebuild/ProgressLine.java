package dev.bazaar.launcher.rebuild;

import java.util.List;
import java.util.Locale;

/**
 * One terminal line for one or more rebuilding projections: a bar, the percentage, the rate and the
 * time left. Redrawn in place with a carriage return.
 */
final class ProgressLine {

    private static final int WIDTH = 30;

    private ProgressLine() {
    }

    static String of(List<ProjectionStatus> rebuilding) {
        StringBuilder line = new StringBuilder();
        for (ProjectionStatus status : rebuilding) {
            if (!line.isEmpty()) {
                line.append("  ");
            }
            double done = status.rebuilding() ? status.done() : 1.0;
            int filled = (int) Math.round(done * WIDTH);
            line.append(status.name()).append(" [").append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%5.1f%%", done * 100));
            if (status.rebuilding()) {
                line.append(String.format(Locale.ROOT, " %,.0f ev/s %s left", status.eventsPerSecond(), duration(status.secondsLeft())));
            } else {
                line.append(" ").append(status.state());
            }
        }
        return line.toString();
    }

    /** {@code m:ss}, or {@code ?} when not known yet. */
    static String duration(Double seconds) {
        if (seconds == null || seconds.isNaN() || seconds.isInfinite()) {
            return "?";
        }
        long whole = Math.round(Math.ceil(seconds));
        return String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }
}
