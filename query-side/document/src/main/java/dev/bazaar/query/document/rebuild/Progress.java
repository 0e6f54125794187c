package dev.bazaar.query.document.rebuild;

import java.util.ArrayDeque;
import java.util.Deque;

/** The rate at which a processor's position moves, over the last few seconds of samples. */
final class Progress {

    private static final long WINDOW_NANOS = 5_000_000_000L;

    private record Sample(long nanos, long position) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    synchronized void sample(long nanos, long position) {
        if (!samples.isEmpty() && position < samples.peekLast().position()) {
            // The position went back: a replay started from the tail.
            samples.clear();
        }
        samples.addLast(new Sample(nanos, position));
        while (samples.size() > 2 && nanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
            samples.removeFirst();
        }
    }

    synchronized double eventsPerSecond() {
        if (samples.size() < 2) {
            return 0.0;
        }
        Sample first = samples.peekFirst();
        Sample last = samples.peekLast();
        double seconds = (last.nanos() - first.nanos()) / 1e9;
        return seconds <= 0 ? 0.0 : (last.position() - first.position()) / seconds;
    }
}
