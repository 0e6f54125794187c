package dev.bazaar.query.admin;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

/**
 * A token store that tells the {@link RetrySchedule} whether each processor's calls answer. A claim held by
 * another instance ({@link UnableToClaimTokenException}) is an answer, not a failure: only a store that
 * does not answer (or answers an error) makes the processor back off.
 */
final class RetryWatchingTokenStore implements TokenStore {

    private final TokenStore store;
    private final RetrySchedule schedule;

    RetryWatchingTokenStore(TokenStore store, RetrySchedule schedule) {
        this.store = store;
        this.schedule = schedule;
    }

    @Override
    public void initializeTokenSegments(String processor, int segments) {
        run(processor, () -> store.initializeTokenSegments(processor, segments));
    }

    @Override
    public void initializeTokenSegments(String processor, int segments, TrackingToken initialToken) {
        run(processor, () -> store.initializeTokenSegments(processor, segments, initialToken));
    }

    @Override
    public void storeToken(TrackingToken token, String processor, int segment) {
        run(processor, () -> store.storeToken(token, processor, segment));
    }

    @Override
    public TrackingToken fetchToken(String processor, int segment) {
        return call(processor, () -> store.fetchToken(processor, segment));
    }

    @Override
    public TrackingToken fetchToken(String processor, Segment segment) {
        return call(processor, () -> store.fetchToken(processor, segment));
    }

    @Override
    public void extendClaim(String processor, int segment) {
        run(processor, () -> store.extendClaim(processor, segment));
    }

    @Override
    public void releaseClaim(String processor, int segment) {
        run(processor, () -> store.releaseClaim(processor, segment));
    }

    @Override
    public void initializeSegment(TrackingToken token, String processor, int segment) {
        run(processor, () -> store.initializeSegment(token, processor, segment));
    }

    @Override
    public void deleteToken(String processor, int segment) {
        run(processor, () -> store.deleteToken(processor, segment));
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return store.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processor) {
        return call(processor, () -> store.fetchSegments(processor));
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processor) {
        return call(processor, () -> store.fetchAvailableSegments(processor));
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return store.retrieveStorageIdentifier();
    }

    private void run(String processor, Runnable call) {
        call(processor, () -> {
            call.run();
            return null;
        });
    }

    private <T> T call(String processor, Supplier<T> call) {
        try {
            T answer = call.get();
            schedule.storeAnswered(processor);
            return answer;
        } catch (UnableToClaimTokenException claimedElsewhere) {
            schedule.storeAnswered(processor);
            throw claimedElsewhere;
        } catch (RuntimeException e) {
            schedule.storeFailed(processor, e);
            throw e;
        }
    }
}
