package dev.bazaar.query.graphql;

import static dev.bazaar.query.fixture.TestData.customer;
import static dev.bazaar.query.fixture.TestData.line;
import static dev.bazaar.query.fixture.TestData.order;
import static dev.bazaar.query.fixture.TestData.product;
import static dev.bazaar.query.fixture.TestData.review;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.api.catalog.FindProductsByIds;
import dev.bazaar.api.catalog.RatingSummary;
import dev.bazaar.api.customer.FindCustomer;
import dev.bazaar.api.customer.FindCustomersByIds;
import dev.bazaar.api.ordering.FindCustomerWithOrders;
import dev.bazaar.api.ordering.FindOrdersOfCustomer;
import dev.bazaar.api.ordering.OrderStatus;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueriesOverHttpTest extends EndpointTest {

    @Test
    void fiftyOrdersWithTheirProductsCostOneBatchedQueryPerLevel() {
        readModels.put(customer("batch-customer", "Bea Batch"));
        for (int p = 0; p < 20; p++) {
            readModels.put(product("batch-product-" + p, "Product " + p, 100 + p));
        }
        for (int o = 0; o < 50; o++) {
            readModels.put(order("batch-order-" + o, "batch-customer", OrderStatus.PLACED, o, 0,
                    line("batch-product-" + (o % 20), 1), line("batch-product-" + ((o + 7) % 20), 2), line("batch-product-" + ((o + 13) % 20), 3)));
        }
        int productQueries = readModels.received(FindProductsByIds.class);
        int customerQueries = readModels.received(FindCustomersByIds.class);
        int orderQueries = readModels.received(FindOrdersOfCustomer.class);
        int customerByIdQueries = readModels.received(FindCustomer.class);
        int customerWithOrdersQueries = readModels.received(FindCustomerWithOrders.class);

        List<String> productNames = http().document("""
                        { customer(id: "batch-customer") {
                            orders(size: 50) { total items { id customer { name } lines { quantity product { name price { formatted } } } } }
                        } }""")
                .execute()
                .errors().verify()
                .path("customer.orders.total").entity(Long.class).isEqualTo(50L)
                .path("customer.orders.items[*].customer.name").entityList(String.class).hasSize(50).contains("Bea Batch")
                .path("customer.orders.items[*].lines[*].product.name").entityList(String.class).hasSize(150)
                .get();

        assertThat(productNames).doesNotContainNull().contains("Product 0", "Product 19");
        assertThat(readModels.received(FindProductsByIds.class) - productQueries).isEqualTo(1);
        assertThat(readModels.received(FindCustomersByIds.class) - customerQueries).isEqualTo(1);
        assertThat(readModels.received(FindCustomerWithOrders.class) - customerWithOrdersQueries).isEqualTo(1);
        assertThat(readModels.received(FindOrdersOfCustomer.class) - orderQueries).isZero();
        assertThat(readModels.received(FindCustomer.class) - customerByIdQueries).isZero();
    }

    @Test
    void aNestedProductIsKeptAcrossRequestsWhileATopLevelProductIsAlwaysAsked() {
        readModels.put(customer("kept-customer", "Kim Kept"));
        readModels.put(product("kept-product", "Kept kettle", 1200));
        readModels.put(order("kept-order", "kept-customer", OrderStatus.PLACED, 1, 1, line("kept-product", 1)));
        String nested = """
                { customer(id: "kept-customer") { orders { items { lines { product { name } } } } } }""";
        int productQueries = readModels.received(FindProductsByIds.class);

        http().document(nested).execute().errors().verify()
                .path("customer.orders.items[0].lines[0].product.name").entity(String.class).isEqualTo("Kept kettle");
        readModels.put(product("kept-product", "Kept kettle, renamed", 1200));
        http().document(nested).execute().errors().verify()
                .path("customer.orders.items[0].lines[0].product.name").entity(String.class).isEqualTo("Kept kettle");
        http().document("{ product(id: \"kept-product\") { name } }").execute().errors().verify()
                .path("product.name").entity(String.class).isEqualTo("Kept kettle, renamed");

        assertThat(readModels.received(FindProductsByIds.class) - productQueries).isEqualTo(1);
    }

    @Test
    void aCustomerAndTheirPageOfOrdersAreAskedInOneQuery() {
        readModels.put(customer("eager-customer", "Eve Eager"));
        readModels.put(order("eager-order-1", "eager-customer", OrderStatus.CONFIRMED, 1, 1));
        readModels.put(order("eager-order-2", "eager-customer", OrderStatus.PLACED, 2, 1));
        int customerQueries = readModels.received(FindCustomer.class);
        int orderQueries = readModels.received(FindOrdersOfCustomer.class);
        int customerWithOrdersQueries = readModels.received(FindCustomerWithOrders.class);

        http().document("""
                        { customer(id: "eager-customer") { name orders(status: CONFIRMED, size: 5) { total items { id } } } }""")
                .execute()
                .errors().verify()
                .path("customer.name").entity(String.class).isEqualTo("Eve Eager")
                .path("customer.orders.total").entity(Long.class).isEqualTo(1L)
                .path("customer.orders.items[*].id").entityList(String.class).containsExactly("eager-order-1");

        assertThat(readModels.received(FindCustomerWithOrders.class) - customerWithOrdersQueries).isEqualTo(1);
        assertThat(readModels.received(FindCustomer.class) - customerQueries).isZero();
        assertThat(readModels.received(FindOrdersOfCustomer.class) - orderQueries).isZero();
    }

    @Test
    void aCustomerWithoutOrdersSelectedIsAskedAlone() {
        readModels.put(customer("alone-customer", "Al Alone"));
        int customerQueries = readModels.received(FindCustomer.class);
        int customerWithOrdersQueries = readModels.received(FindCustomerWithOrders.class);

        http().document("{ customer(id: \"alone-customer\") { id name } }")
                .execute()
                .errors().verify()
                .path("customer.id").entity(String.class).isEqualTo("alone-customer");

        assertThat(readModels.received(FindCustomer.class) - customerQueries).isEqualTo(1);
        assertThat(readModels.received(FindCustomerWithOrders.class) - customerWithOrdersQueries).isZero();
    }

    @Test
    void aCustomersOrdersSelectedTwiceAreEachAskedWithTheirOwnArguments() {
        readModels.put(customer("twice-customer", "Tom Twice"));
        readModels.put(order("twice-order-1", "twice-customer", OrderStatus.CONFIRMED, 1, 1));
        readModels.put(order("twice-order-2", "twice-customer", OrderStatus.PLACED, 2, 1));
        int orderQueries = readModels.received(FindOrdersOfCustomer.class);

        http().document("""
                        { customer(id: "twice-customer") {
                            confirmed: orders(status: CONFIRMED) { items { id } }
                            placed: orders(status: PLACED) { items { id } } } }""")
                .execute()
                .errors().verify()
                .path("customer.confirmed.items[*].id").entityList(String.class).containsExactly("twice-order-1")
                .path("customer.placed.items[*].id").entityList(String.class).containsExactly("twice-order-2");

        assertThat(readModels.received(FindOrdersOfCustomer.class) - orderQueries).isEqualTo(2);
    }

    @Test
    void anOrdersArgumentThatCannotBeCoercedIsRefusedBeforeAnyQueryIsSent() {
        readModels.put(customer("coerced-customer", "Cora Coerced"));
        int customerQueries = readModels.received(FindCustomer.class);
        int orderQueries = readModels.received(FindOrdersOfCustomer.class);
        int customerWithOrdersQueries = readModels.received(FindCustomerWithOrders.class);

        // A nullable variable with a default passes validation for size: Int!; an explicit null then fails
        // coercion. graphql-java's depth and complexity limits coerce every argument before execution, so
        // the whole request is refused there: the customer field (and OrdersAskedAhead) never runs.
        http().document("""
                        query($size: Int = 5) { customer(id: "coerced-customer") { name orders(size: $size) { total } } }""")
                .variable("size", null)
                .execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType().toString()).isEqualTo("ValidationError");
                    assertThat(error.getMessage()).contains("'size'");
                }));

        assertThat(readModels.received(FindCustomer.class)).isEqualTo(customerQueries);
        assertThat(readModels.received(FindOrdersOfCustomer.class)).isEqualTo(orderQueries);
        assertThat(readModels.received(FindCustomerWithOrders.class)).isEqualTo(customerWithOrdersQueries);
    }

    @Test
    void ordersOfACustomerAreFilteredByStatusAndPaged() {
        readModels.put(customer("paged-customer", "Pia Paged"));
        for (int o = 0; o < 5; o++) {
            readModels.put(order("paged-order-" + o, "paged-customer", o % 2 == 0 ? OrderStatus.CONFIRMED : OrderStatus.PLACED, o, 1));
        }

        http().document("""
                        { customer(id: "paged-customer") {
                            orders(status: CONFIRMED, page: 0, size: 2) { total items { id status } page { page size hasNext } }
                        } }""")
                .execute()
                .errors().verify()
                .path("customer.orders.total").entity(Long.class).isEqualTo(3L)
                .path("customer.orders.items[*].id").entityList(String.class).containsExactly("paged-order-4", "paged-order-2")
                .path("customer.orders.page.hasNext").entity(Boolean.class).isEqualTo(true);
    }

    @Test
    void productsAreSearchedWithTheirRatingAndReviews() {
        readModels.put(customer("reviewer", "Rita Reviewer"));
        readModels.put(product("search-lamp", "Searchable lamp", 2500, Map.of("colour", "red"),
                new RatingSummary(2, 4.5, List.of(0L, 0L, 0L, 1L, 1L)), 3));
        readModels.put(product("search-lamp-blue", "Searchable lamp in blue", 2600, Map.of("colour", "blue"), RatingSummary.none(), 1));
        readModels.put(product("search-lamp-dear", "Searchable lamp, dear", 99_000, Map.of("colour", "red"), RatingSummary.none(), 1));
        readModels.add(review("review-1", "search-lamp", "reviewer", 4));
        readModels.add(review("review-2", "search-lamp", "reviewer", 5));

        http().document("""
                        { searchProducts(text: "searchable", attributes: [{name: "colour", value: "red"}], minPrice: 1000, maxPrice: 5000) {
                            total
                            items { id attributes { name value } price { amountMinor currency formatted }
                                    rating { count average histogram { stars count } }
                                    reviews(size: 10) { total items { rating customer { name } } } }
                        } }""")
                .execute()
                .errors().verify()
                .path("searchProducts.total").entity(Long.class).isEqualTo(1L)
                .path("searchProducts.items[0].id").entity(String.class).isEqualTo("search-lamp")
                .path("searchProducts.items[0].price.formatted").entity(String.class).isEqualTo("25.00 EUR")
                .path("searchProducts.items[0].rating.average").entity(Double.class).isEqualTo(4.5)
                .path("searchProducts.items[0].rating.histogram[*].count").entityList(Long.class).containsExactly(0L, 0L, 0L, 1L, 1L)
                .path("searchProducts.items[0].reviews.items[*].rating").entityList(Integer.class).containsExactly(5, 4)
                .path("searchProducts.items[0].reviews.items[*].customer.name").entityList(String.class).containsExactly("Rita Reviewer", "Rita Reviewer");
    }

    @Test
    void anUnknownIdIsNullWithANotFoundError() {
        http().document("{ customer(id: \"nobody-here\") { name } }")
                .execute()
                .errors().satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.get(0).getErrorType().toString()).isEqualTo("NOT_FOUND");
                    assertThat(errors.get(0).getMessage()).isEqualTo("no customer nobody-here");
                    assertThat(errors.get(0).getPath()).isEqualTo("customer");
                })
                .path("customer").valueIsNull();
    }

    @Test
    void invalidArgumentsAreBadRequestErrorsWithTheReason() {
        http().document("""
                        { badId: customer(id: "not an id!") { name }
                          tooBig: customers(size: 101) { total }
                          prices: searchProducts(minPrice: 500, maxPrice: 100) { total } }""")
                .execute()
                .errors().satisfy(errors -> {
                    assertThat(errors).hasSize(3);
                    assertThat(errors).allSatisfy(error -> assertThat(error.getErrorType().toString()).isEqualTo("BAD_REQUEST"));
                    assertThat(errors).extracting(error -> error.getPath() + ": " + error.getMessage()).containsExactlyInAnyOrder(
                            "badId: invalid argument: customerId must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
                            "tooBig: invalid argument: size must be between 1 and 100",
                            "prices: invalid argument: minPrice must not be above maxPrice");
                })
                .path("badId").valueIsNull()
                .path("tooBig").valueIsNull()
                .path("prices").valueIsNull();
    }

    @Test
    void aQueryDeeperThanTheLimitIsRefusedBeforeAnyQueryIsSent() {
        int customerQueries = readModels.received(FindCustomer.class) + readModels.received(FindCustomerWithOrders.class);

        http().document("""
                        { customer(id: "batch-customer") { orders { items { lines { product { reviews { items {
                            customer { orders { items { lines { product { reviews { items { customer { name } } } } } } } }
                        } } } } } } } }""")
                .execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType().toString()).isEqualTo("ExecutionAborted");
                    assertThat(error.getMessage()).contains("maximum query depth exceeded");
                }));

        assertThat(readModels.received(FindCustomer.class) + readModels.received(FindCustomerWithOrders.class)).isEqualTo(customerQueries);
    }

    @Test
    void aQueryOverTheComplexityLimitIsRefused() {
        String fields = IntStream.range(0, 1100).mapToObj(i -> "n" + i + ": name").collect(Collectors.joining(" "));
        http().document("{ customers { items { " + fields + " } } }")
                .execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType().toString()).isEqualTo("ExecutionAborted");
                    assertThat(error.getMessage()).contains("maximum query complexity exceeded");
                }));
    }
}
