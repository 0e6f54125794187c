package dev.bazaar.query.document.catalog;

import dev.bazaar.api.catalog.ProductId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for the catalog: a future that completes with the product once the catalog has
 * applied at least a given version of it, or fails after a bounded wait.
 *
 * <p>The wait does not hold a query thread. The projection calls {@link #applied} after each write,
 * which wakes the waits on that product at once; a slow poll covers versions applied by another
 * instance of the service. Either way the answer is read back from the collection, so what the caller
 * gets is what any later query sees.
 */
@Component
class ProductVersionGate implements DisposableBean {

    private final ProductStore products;
    private final Duration timeout;
    private final Duration pollInterval;
    private final Map<String, Set<Wait>> waits = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "catalog-read-your-writes");
        thread.setDaemon(true);
        return thread;
    });

    ProductVersionGate(ProductStore products, ReadYourWritesProperties properties) {
        this.products = products;
        this.timeout = properties.timeout();
        this.pollInterval = properties.pollInterval();
    }

    CompletableFuture<ProductDocument> whenApplied(ProductId productId, long minVersion) {
        Optional<ProductDocument> current = reached(productId.value(), minVersion);
        if (current.isPresent()) {
            return CompletableFuture.completedFuture(current.get());
        }
        Wait wait = new Wait(productId.value(), minVersion, new CompletableFuture<>());
        waits.computeIfAbsent(wait.productId, id -> ConcurrentHashMap.newKeySet()).add(wait);
        ScheduledFuture<?> poll = scheduler.scheduleWithFixedDelay(() -> check(wait), 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> expiry = scheduler.schedule(() -> expire(wait), timeout.toMillis(), TimeUnit.MILLISECONDS);
        return wait.result.whenComplete((product, failure) -> {
            poll.cancel(false);
            expiry.cancel(false);
            waits.computeIfPresent(wait.productId, (id, set) -> {
                set.remove(wait);
                return set.isEmpty() ? null : set;
            });
        });
    }

    /** Called by the projection once {@code version} of the product is written. */
    void applied(ProductId productId, long version) {
        Set<Wait> waiting = waits.get(productId.value());
        if (waiting != null) {
            waiting.stream().filter(w -> w.minVersion <= version).forEach(w -> scheduler.execute(() -> check(w)));
        }
    }

    private void check(Wait wait) {
        if (!wait.result.isDone()) {
            reached(wait.productId, wait.minVersion).ifPresent(wait.result::complete);
        }
    }

    private void expire(Wait wait) {
        check(wait);
        if (!wait.result.isDone()) {
            String where = products.find(wait.productId).map(p -> "is at version " + p.version() + " in the catalog")
                    .orElse("is not in the catalog");
            wait.result.completeExceptionally(new ReadModelBehindException("Product " + wait.productId + " " + where
                    + ", not yet at version " + wait.minVersion + ", after waiting " + timeout.toMillis() + " ms"));
        }
    }

    private Optional<ProductDocument> reached(String productId, long minVersion) {
        return products.find(productId).filter(p -> p.version() >= minVersion);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

    private record Wait(String productId, long minVersion, CompletableFuture<ProductDocument> result) {
    }
}
