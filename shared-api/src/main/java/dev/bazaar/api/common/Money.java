package dev.bazaar.api.common;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in the currency's minor units (cents for EUR), never a floating-point number.
 * Arithmetic refuses to mix currencies.
 */
public record Money(long amountMinor, String currency) {

    public Money {
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amountMinor must not be negative");
        }
        Objects.requireNonNull(currency, "currency is required");
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR, not '" + currency + "'");
        }
    }

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public boolean greaterThanZero() {
        return amountMinor > 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amountMinor, other.amountMinor), currency);
    }

    public Money times(int quantity) {
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative");
        }
        return new Money(Math.multiplyExact(amountMinor, quantity), currency);
    }

    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    /** The amount in major units, for display only. */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(amountMinor, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    private void requireSameCurrency(Money other) {
        if (!sameCurrencyAs(other)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency;
    }
}
