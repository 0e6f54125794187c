package dev.bazaar.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.Email;
import dev.bazaar.api.ordering.OrderConfirmed;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.PricedOrderLine;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The messages go through Axon's Jackson serializer exactly as the services configure it. */
class MessageSerializationTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void idsTravelAsPlainStringsAndComeBackEqual() {
        var event = new CustomerRegistered(CustomerId.of("c-1"), "Ann", Email.of("Ann@Example.com"));

        SerializedObject<String> json = serializer.serialize(event, String.class);

        assertThat(json.getData()).contains("\"customerId\":\"c-1\"").contains("\"email\":\"Ann@Example.com\"");
        assertThat(json.getType().getRevision()).isEqualTo("2");
        assertThat((Object) serializer.deserialize(json)).isEqualTo(event);
    }

    @Test
    void nestedValuesAndCollectionsRoundTrip() {
        var confirmed = new OrderConfirmed(OrderId.of("o-1"),
                List.of(new PricedOrderLine(ProductId.of("p-1"), 2, Money.of(1250, "EUR"))), Money.of(2500, "EUR"));
        var added = new ProductAdded(ProductId.of("p-1"), "Mug", "Blue", Money.of(1250, "EUR"), 10, Map.of("colour", "blue"));

        assertThat((Object) serializer.deserialize(serializer.serialize(confirmed, String.class))).isEqualTo(confirmed);
        assertThat((Object) serializer.deserialize(serializer.serialize(added, String.class))).isEqualTo(added);
    }

    @Test
    void valueTypesRefuseWhatTheyCannotBe() {
        assertThatThrownBy(() -> CustomerId.of("has space")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customerId");
        assertThatThrownBy(() -> Email.of("not-an-email")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(-1, "EUR")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "XYZ1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageRequest(0, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emailsAreComparedNormalised() {
        assertThat(Email.of(" Ann@Example.COM ").normalized()).isEqualTo(Email.of("ann@example.com").normalized());
    }

    @Test
    void moneyAddsAndMultipliesInMinorUnits() {
        assertThat(Money.of(1250, "EUR").times(3).plus(Money.of(1, "EUR"))).isEqualTo(Money.of(3751, "EUR"));
        assertThat(Money.of(1250, "EUR").toString()).isEqualTo("12.50 EUR");
    }
}
