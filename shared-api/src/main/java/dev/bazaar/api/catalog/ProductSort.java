package dev.bazaar.api.catalog;

public enum ProductSort {
    NAME, PRICE_ASC, PRICE_DESC, RATING_DESC
}
