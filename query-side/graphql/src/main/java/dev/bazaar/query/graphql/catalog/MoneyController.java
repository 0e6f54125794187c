package dev.bazaar.query.graphql.catalog;

import dev.bazaar.api.common.Money;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class MoneyController {

    /** Locale-free, so every client shows the same text: "12.50 EUR". */
    @SchemaMapping(typeName = "Money")
    String formatted(Money money) {
        return money.toString();
    }
}
