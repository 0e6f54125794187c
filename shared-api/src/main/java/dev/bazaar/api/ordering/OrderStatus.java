package dev.bazaar.api.ordering;

/** Where an order stands. It moves only forward: PLACED, CONFIRMED, SHIPPED, DELIVERED; or ends REJECTED or CANCELLED. */
public enum OrderStatus {
    PLACED, CONFIRMED, REJECTED, SHIPPED, DELIVERED, CANCELLED
}
