package dev.bazaar.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.api.customer.CustomerDeactivated;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerProfileUpdated;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.DeactivateCustomer;
import dev.bazaar.api.customer.Email;
import dev.bazaar.api.customer.RegisterCustomer;
import dev.bazaar.api.customer.UpdateCustomerProfile;
import dev.bazaar.command.rules.RuleViolation;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer's rules, including email uniqueness. Email claims live in an event store of their
 * own here (in the service it is the one event store, written in the same unit of work), so that
 * each test can say which addresses other customers already hold.
 */
class CustomerTest {

    private static final CustomerId ANN = CustomerId.of("ann");
    private static final CustomerId BOB = CustomerId.of("bob");
    private static final Email ANN_MAIL = Email.of("ann@example.com");
    private static final Email BOB_MAIL = Email.of("bob@example.com");

    private AggregateTestFixture<Customer> fixture;
    private EmbeddedEventStore claimStore;
    private EmailRegistry emails;

    @BeforeEach
    void setUp() {
        claimStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        emails = new EmailRegistry(claimStore);
        fixture = new AggregateTestFixture<>(Customer.class);
        fixture.registerInjectableResource(emails);
    }

    private void claimedBy(CustomerId customer, Email email) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> emails.claim(email, customer));
    }

    private void releasedBy(CustomerId customer, Email email) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> emails.release(email, customer));
    }

    private List<Object> claimEvents(Email email) {
        return claimStore.readEvents(email.normalized()).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Test
    void registeringACustomerRegistersThemAndClaimsTheirEmail() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(ANN, "Ann", ANN_MAIL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CustomerRegistered(ANN, "Ann", ANN_MAIL));
        assertThat(claimEvents(ANN_MAIL)).containsExactly(new EmailClaimed("ann@example.com", ANN));
    }

    @Test
    void anEmailAnotherCustomerHoldsCannotBeRegisteredAgainInAnyCase() {
        claimedBy(BOB, Email.of("Ann@Example.com"));
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(ANN, "Ann", ANN_MAIL))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("email ann@example.com is already registered to another customer");
    }

    @Test
    void anEmailFreedByAProfileChangeCanBeRegisteredAgain() {
        claimedBy(BOB, ANN_MAIL);
        releasedBy(BOB, ANN_MAIL);
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(ANN, "Ann", ANN_MAIL))
                .expectEvents(new CustomerRegistered(ANN, "Ann", ANN_MAIL));
        assertThat(claimEvents(ANN_MAIL)).last().isEqualTo(new EmailClaimed("ann@example.com", ANN));
    }

    @Test
    void aBlankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(ANN, "  ", ANN_MAIL))
                .expectNoEvents()
                .expectException(RuleViolation.class);
        assertThat(claimEvents(ANN_MAIL)).isEmpty();
    }

    @Test
    void registrationWithoutAnEmailIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCustomer(ANN, "Ann", null))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("a customer needs an email address");
    }

    @Test
    void updatingTheNameKeepsTheEmailClaimAndAnswersTheNewVersion() {
        claimedBy(ANN, ANN_MAIL);
        fixture.given(new CustomerRegistered(ANN, "Ann", ANN_MAIL))
                .when(new UpdateCustomerProfile(ANN, "Ann Smith", Email.of("ANN@example.com")))
                .expectEvents(new CustomerProfileUpdated(ANN, "Ann Smith", Email.of("ANN@example.com")))
                .expectResultMessagePayload(1L);
        assertThat(claimEvents(ANN_MAIL)).hasSize(1);
    }

    @Test
    void changingTheEmailClaimsTheNewOneAndFreesTheOld() {
        claimedBy(ANN, ANN_MAIL);
        Email newMail = Email.of("ann.smith@example.com");
        fixture.given(new CustomerRegistered(ANN, "Ann", ANN_MAIL))
                .when(new UpdateCustomerProfile(ANN, "Ann", newMail))
                .expectEvents(new CustomerProfileUpdated(ANN, "Ann", newMail));
        assertThat(claimEvents(newMail)).containsExactly(new EmailClaimed("ann.smith@example.com", ANN));
        assertThat(claimEvents(ANN_MAIL)).last().isEqualTo(new EmailReleased("ann@example.com", ANN));
    }

    @Test
    void changingToAnEmailAnotherCustomerHoldsIsRefused() {
        claimedBy(ANN, ANN_MAIL);
        claimedBy(BOB, BOB_MAIL);
        fixture.given(new CustomerRegistered(ANN, "Ann", ANN_MAIL))
                .when(new UpdateCustomerProfile(ANN, "Ann", BOB_MAIL))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("email bob@example.com is already registered to another customer");
        assertThat(claimEvents(ANN_MAIL)).hasSize(1);
    }

    @Test
    void aDeactivatedCustomerCannotChangeTheirProfile() {
        fixture.given(new CustomerRegistered(ANN, "Ann", ANN_MAIL), new CustomerDeactivated(ANN))
                .when(new UpdateCustomerProfile(ANN, "Ann Smith", ANN_MAIL))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("customer ann is deactivated");
    }

    @Test
    void updatingAnUnknownCustomerFails() {
        fixture.givenNoPriorActivity()
                .when(new UpdateCustomerProfile(ANN, "Ann", ANN_MAIL))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void deactivatingACustomerAnswersTheNewVersion() {
        fixture.given(new CustomerRegistered(ANN, "Ann", ANN_MAIL), new CustomerProfileUpdated(ANN, "Ann S", ANN_MAIL))
                .when(new DeactivateCustomer(ANN))
                .expectEvents(new CustomerDeactivated(ANN))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aCustomerIsDeactivatedOnlyOnce() {
        fixture.given(new CustomerRegistered(ANN, "Ann", ANN_MAIL), new CustomerDeactivated(ANN))
                .when(new DeactivateCustomer(ANN))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }
}
