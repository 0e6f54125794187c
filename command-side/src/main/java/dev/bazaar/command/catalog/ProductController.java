package dev.bazaar.command.catalog;

import dev.bazaar.api.catalog.AddProduct;
import dev.bazaar.api.catalog.ChangePrice;
import dev.bazaar.api.catalog.ChangeProductDetails;
import dev.bazaar.api.catalog.DiscontinueProduct;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.RestockProduct;
import dev.bazaar.api.common.Money;
import dev.bazaar.command.web.Commands;
import dev.bazaar.command.web.Ids;
import dev.bazaar.command.web.Versioned;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Adds products to the catalog, changes their details and price, restocks and discontinues them. */
@RestController
@RequestMapping(path = "/api/products", produces = MediaType.APPLICATION_JSON_VALUE)
class ProductController {

    private final Commands commands;

    ProductController(Commands commands) {
        this.commands = commands;
    }

    /** A price in the currency's minor units (cents for EUR). */
    record Price(@NotNull @Positive Long amountMinor, @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

        Money toMoney() {
            return Money.of(amountMinor, currency);
        }
    }

    record NewProduct(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                      @NotBlank @Size(max = Product.MAX_NAME_LENGTH) String name,
                      @Size(max = Product.MAX_DESCRIPTION_LENGTH) String description,
                      @NotNull @Valid Price price,
                      @PositiveOrZero int initialStock,
                      @Size(max = Product.MAX_ATTRIBUTES) Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 1000) String> attributes) {
    }

    record Details(@NotBlank @Size(max = Product.MAX_NAME_LENGTH) String name,
                   @Size(max = Product.MAX_DESCRIPTION_LENGTH) String description,
                   @Size(max = Product.MAX_ATTRIBUTES) Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 1000) String> attributes) {
    }

    record Restock(@Min(1) int quantity) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Versioned> add(@Valid @RequestBody NewProduct body) {
        ProductId id = body.id() == null ? ProductId.random() : ProductId.of(body.id());
        Versioned created = commands.create(id, new AddProduct(id, body.name(), body.description(), body.price().toMoney(),
                body.initialStock(), body.attributes()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id.toString()))
                .body(created);
    }

    @PutMapping(path = "/{id}/details", consumes = MediaType.APPLICATION_JSON_VALUE)
    Versioned changeDetails(@PathVariable String id, @Valid @RequestBody Details body) {
        ProductId productId = ProductId.of(id);
        return commands.change(productId, new ChangeProductDetails(productId, body.name(), body.description(), body.attributes()));
    }

    @PutMapping(path = "/{id}/price", consumes = MediaType.APPLICATION_JSON_VALUE)
    Versioned changePrice(@PathVariable String id, @Valid @RequestBody Price body) {
        ProductId productId = ProductId.of(id);
        return commands.change(productId, new ChangePrice(productId, body.toMoney()));
    }

    @PostMapping(path = "/{id}/restock", consumes = MediaType.APPLICATION_JSON_VALUE)
    Versioned restock(@PathVariable String id, @Valid @RequestBody Restock body) {
        ProductId productId = ProductId.of(id);
        return commands.change(productId, new RestockProduct(productId, body.quantity()));
    }

    @PostMapping("/{id}/discontinue")
    Versioned discontinue(@PathVariable String id) {
        ProductId productId = ProductId.of(id);
        return commands.change(productId, new DiscontinueProduct(productId));
    }
}
