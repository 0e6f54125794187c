package dev.bazaar.api.catalog;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ProductDiscontinued(ProductId productId) {
}
