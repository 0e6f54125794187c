package dev.bazaar.axonserver.grpc;

import java.util.Collection;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.function.Function;

/**
 * Weighted rendezvous (highest random weight) hashing: every candidate scores the key, the best score wins.
 * The same key goes to the same candidate for as long as the candidate set is the same, a candidate that
 * leaves only moves its own keys, and a candidate with twice the weight wins about twice as many keys.
 */
public final class WeightedRendezvous {

    private WeightedRendezvous() {
    }

    public static <T> Optional<T> pick(String key, Collection<T> candidates, Function<T, String> id, ToIntFunction<T> weight) {
        T best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (T candidate : candidates) {
            double score = score(key, id.apply(candidate), Math.max(1, weight.applyAsInt(candidate)));
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    private static double score(String key, String candidateId, int weight) {
        long hash = mix(fnv1a(fnv1a(0xcbf29ce484222325L, key) * 0x100000001b3L, candidateId));
        double uniform = ((hash >>> 11) + 1) * 0x1.0p-53;
        return weight / -Math.log(uniform);
    }

    private static long fnv1a(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
