package dev.bazaar.command.catalog;

/**
 * What one order asked of a product: the quantity, the version the product answered the reservation
 * with (the sequence number of its {@code StockReserved} or {@code StockReservationRejected}), and
 * whether the order still holds that stock. Part of a product's snapshot.
 */
record OrderReservation(int quantity, long answeredVersion, boolean held) {

    OrderReservation released() {
        return new OrderReservation(quantity, answeredVersion, false);
    }
}
