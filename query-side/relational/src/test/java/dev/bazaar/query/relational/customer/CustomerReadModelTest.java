package dev.bazaar.query.relational.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerDeactivated;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerPage;
import dev.bazaar.api.customer.CustomerProfileUpdated;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.CustomerView;
import dev.bazaar.api.customer.Email;
import dev.bazaar.api.customer.FindCustomer;
import dev.bazaar.api.customer.FindCustomers;
import dev.bazaar.api.customer.FindCustomersByIds;
import dev.bazaar.query.relational.EventDelivery;
import dev.bazaar.query.relational.ReadModelTest;
import dev.bazaar.query.relational.freshness.ReadModelBehindException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@ReadModelTest
class CustomerReadModelTest {

    private static final Instant REGISTERED_AT = Instant.parse("2026-03-01T10:15:30.123456Z");

    @Autowired
    CustomerProjection projection;
    @Autowired
    CustomerQueries queries;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventDelivery events;

    @Test
    void aRegisteredCustomerIsActiveAtVersionZero() throws Exception {
        CustomerId id = CustomerId.random();
        deliver(id, 0, new CustomerRegistered(id, "Ann Lee", Email.of("ann@example.com")));

        assertThat(find(id)).contains(new CustomerView(id, "Ann Lee", "ann@example.com", true, REGISTERED_AT, 0));
    }

    @Test
    void profileUpdatesAndDeactivationChangeTheRowAndItsVersion() throws Exception {
        CustomerId id = CustomerId.random();
        deliver(id, 0, new CustomerRegistered(id, "Ann Lee", Email.of("ann@example.com")));
        deliver(id, 1, new CustomerProfileUpdated(id, "Ann Smith", Email.of("ann.smith@example.com")));
        deliver(id, 2, new CustomerDeactivated(id));

        assertThat(find(id)).contains(new CustomerView(id, "Ann Smith", "ann.smith@example.com", false, REGISTERED_AT, 2));
    }

    @Test
    void everyEventDeliveredTwiceLeavesTheSameCustomer() throws Exception {
        CustomerId id = CustomerId.random();
        List<Object> history = List.of(new CustomerRegistered(id, "Bo Ng", Email.of("bo@example.com")),
                new CustomerProfileUpdated(id, "Bo Nguyen", Email.of("bo.nguyen@example.com")));
        for (int sequence = 0; sequence < history.size(); sequence++) {
            deliver(id, sequence, history.get(sequence));
        }
        Optional<CustomerView> once = find(id);

        for (int sequence = 0; sequence < history.size(); sequence++) {
            deliver(id, sequence, history.get(sequence));
        }

        assertThat(find(id)).isPresent().isEqualTo(once);
    }

    @Test
    void anEventOlderThanTheLastAppliedIsSkipped() throws Exception {
        CustomerId id = CustomerId.random();
        deliver(id, 0, new CustomerRegistered(id, "Cy Park", Email.of("cy@example.com")));
        deliver(id, 1, new CustomerProfileUpdated(id, "Cy Kim", Email.of("cy.kim@example.com")));
        deliver(id, 2, new CustomerProfileUpdated(id, "Cy Lim", Email.of("cy.lim@example.com")));

        deliver(id, 1, new CustomerProfileUpdated(id, "Cy Kim", Email.of("cy.kim@example.com")));

        assertThat(find(id)).get().extracting(CustomerView::name, CustomerView::version).containsExactly("Cy Lim", 2L);
    }

    @Test
    void customersArePagedByName() {
        jdbc.update("DELETE FROM customers_g1.customer");
        for (String name : List.of("Eve", "Bob", "Dan", "Ann", "Cat")) {
            CustomerId id = CustomerId.random();
            deliver(id, 0, new CustomerRegistered(id, name, Email.of(name.toLowerCase() + "@example.com")));
        }

        CustomerPage first = queries.handle(new FindCustomers(new PageRequest(0, 2)));
        CustomerPage last = queries.handle(new FindCustomers(new PageRequest(2, 2)));

        assertThat(first.items()).extracting(CustomerView::name).containsExactly("Ann", "Bob");
        assertThat(first.total()).isEqualTo(5);
        assertThat(last.items()).extracting(CustomerView::name).containsExactly("Eve");
    }

    @Test
    void customersByIdsComeInTheOrderAskedWithoutTheUnknown() {
        CustomerId first = CustomerId.random();
        CustomerId second = CustomerId.random();
        deliver(first, 0, new CustomerRegistered(first, "Fay", Email.of("fay@example.com")));
        deliver(second, 0, new CustomerRegistered(second, "Gus", Email.of("gus@example.com")));

        List<CustomerView> found = queries.handle(new FindCustomersByIds(List.of(second, CustomerId.random(), first))).items();

        assertThat(found).extracting(CustomerView::customerId).containsExactly(second, first);
    }

    @Test
    void anUnknownCustomerIsEmpty() throws Exception {
        assertThat(find(CustomerId.random())).isEmpty();
    }

    @Test
    void aQueryForAVersionNotYetAppliedIsAnsweredOnceItIsCommitted() throws Exception {
        CustomerId id = CustomerId.random();
        deliver(id, 0, new CustomerRegistered(id, "Hal", Email.of("hal@example.com")));

        CompletableFuture<CustomerView> answer = queries.handle(new FindCustomer(id, 1L));
        assertThat(answer).isNotDone();
        deliver(id, 1, new CustomerProfileUpdated(id, "Hal Jordan", Email.of("hal@example.com")));

        assertThat(answer.get(5, TimeUnit.SECONDS))
                .extracting(CustomerView::name, CustomerView::version).containsExactly("Hal Jordan", 1L);
    }

    @Test
    void aQueryForAVersionNeverAppliedFailsAfterTheBoundedWait() {
        CustomerId id = CustomerId.random();
        deliver(id, 0, new CustomerRegistered(id, "Ida", Email.of("ida@example.com")));

        CompletableFuture<CustomerView> answer = queries.handle(new FindCustomer(id, 3L));

        assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ReadModelBehindException.class)
                .hasMessageContaining("has not reached version 3")
                .hasMessageContaining("it is at version 0");
    }

    private Optional<CustomerView> find(CustomerId id) throws Exception {
        return Optional.ofNullable(queries.handle(new FindCustomer(id)).get(5, TimeUnit.SECONDS));
    }

    private void deliver(CustomerId id, long sequence, Object event) {
        events.deliver(projection, "Customer", id.value(), sequence, event, REGISTERED_AT.plus(sequence, ChronoUnit.MINUTES));
    }
}
