package dev.bazaar.query.document.rebuild;

import dev.bazaar.api.catalog.PriceChanged;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductDetailsChanged;
import dev.bazaar.api.catalog.ProductId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A fault switched on per product: one more event handler of the {@code catalog} processing group, invoked
 * before the projection ({@link Order}: Axon calls the handlers of a group in that order), that throws on
 * the product events of a product it was told to fail for. For the processor this is a handler that keeps
 * failing, like a projection bug that only some data trips; the product's later events (its reviews too:
 * they are sequenced with it) are parked behind the first failure without being tried.
 */
@TestComponent
@ProcessingGroup("catalog")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CatalogFault {

    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    void failFor(ProductId product) {
        failing.add(product.value());
    }

    void heal() {
        failing.clear();
    }

    @EventHandler
    void on(ProductAdded event) {
        failIfAsked(event.productId());
    }

    @EventHandler
    void on(ProductDetailsChanged event) {
        failIfAsked(event.productId());
    }

    @EventHandler
    void on(PriceChanged event) {
        failIfAsked(event.productId());
    }

    private void failIfAsked(ProductId product) {
        if (failing.contains(product.value())) {
            throw new IllegalStateException("test fault: the catalog fails for product " + product.value());
        }
    }
}
