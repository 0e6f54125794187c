package dev.bazaar.api.catalog;

import dev.bazaar.api.common.Money;
import org.axonframework.serialization.Revision;

@Revision("1")
public record PriceChanged(ProductId productId, Money price) {
}
