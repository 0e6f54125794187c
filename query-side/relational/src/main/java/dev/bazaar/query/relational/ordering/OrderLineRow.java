package dev.bazaar.query.relational.ordering;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.ordering.OrderLine;
import dev.bazaar.api.ordering.OrderLineView;
import dev.bazaar.api.ordering.PricedOrderLine;
import jakarta.persistence.Embeddable;

/** A line of an order; the unit price is unknown (null) until the order is confirmed. */
@Embeddable
class OrderLineRow {

    private String productId;
    private int quantity;
    private Long unitPriceMinor;
    private String unitPriceCurrency;

    protected OrderLineRow() {
    }

    private OrderLineRow(String productId, int quantity, Money unitPrice) {
        this.productId = productId;
        this.quantity = quantity;
        this.unitPriceMinor = unitPrice == null ? null : unitPrice.amountMinor();
        this.unitPriceCurrency = unitPrice == null ? null : unitPrice.currency();
    }

    static OrderLineRow placed(OrderLine line) {
        return new OrderLineRow(line.productId().value(), line.quantity(), null);
    }

    static OrderLineRow priced(PricedOrderLine line) {
        return new OrderLineRow(line.productId().value(), line.quantity(), line.unitPrice());
    }

    OrderLineView toView() {
        Money unitPrice = unitPriceMinor == null ? null : Money.of(unitPriceMinor, unitPriceCurrency);
        return new OrderLineView(ProductId.of(productId), quantity, unitPrice);
    }
}
