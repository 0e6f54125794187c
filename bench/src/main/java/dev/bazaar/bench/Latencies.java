package dev.bazaar.bench;

import java.util.Arrays;

/** Nanosecond samples gathered by one thread; merged and ranked once the run is over. */
final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    int size() {
        return size;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.add(part.samples[i]);
            }
        }
        Arrays.sort(all.samples, 0, all.size);
        return all;
    }

    /** The percentile of sorted samples, in milliseconds. */
    double percentileMillis(double percentile) {
        if (size == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(size - 1, Math.ceil(percentile / 100.0 * size) - 1);
        return samples[Math.max(0, index)] / 1_000_000.0;
    }
}
