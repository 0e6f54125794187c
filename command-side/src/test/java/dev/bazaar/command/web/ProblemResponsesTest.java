package dev.bazaar.command.web;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bazaar.command.rules.CommandFailure;
import dev.bazaar.command.rules.FailureKind;
import dev.bazaar.command.rules.RuleViolation;
import io.axoniq.axonserver.connector.ErrorCategory;
import io.axoniq.axonserver.grpc.ErrorMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.axonserver.connector.command.AxonServerNonTransientRemoteCommandHandlingException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.RemoteExceptionDescription;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * How every kind of failure answers, as problem details. The command gateway is replaced: this is
 * the REST layer under test, and the failures are the ones the gateway hands it.
 */
@WebMvcTest
@Import(Commands.class)
@TestPropertySource(properties = {"bazaar.commands.timeout=200ms", "bazaar.http.max-body-size=1KB"})
class ProblemResponsesTest {

    private static final String CUSTOMER = "{\"id\":\"ann\",\"name\":\"Ann\",\"email\":\"ann@example.com\"}";
    private static final String PROFILE = "{\"name\":\"Ann\",\"email\":\"ann@example.com\"}";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandGateway gateway;

    private void gatewayFailsWith(Throwable failure) {
        doReturn(CompletableFuture.failedFuture(failure)).when(gateway).send(any());
    }

    @Test
    void anInvalidFieldAnswers400NamingTheField() throws Exception {
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Ann\",\"email\":\"not-an-email\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors.email").exists())
                .andExpect(jsonPath("$.detail", containsString("email")));
        verifyNoInteractions(gateway);
    }

    @Test
    void aValueOfTheWrongTypeAnswers400NamingTheField() throws Exception {
        mvc.perform(post("/api/products").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Mug\",\"price\":{\"amountMinor\":100,\"currency\":\"EUR\"},\"initialStock\":\"lots\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.initialStock").exists());
    }

    @Test
    void malformedJsonAnswers400() throws Exception {
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The request body is not valid JSON"));
    }

    @Test
    void aMalformedIdInThePathAnswers400() throws Exception {
        mvc.perform(post("/api/customers/{id}/deactivate", "no spaces"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("customerId")));
        verifyNoInteractions(gateway);
    }

    @Test
    void anUnknownAggregateAnswers404() throws Exception {
        gatewayFailsWith(new CommandExecutionException("Nothing exists with id ann", null,
                new CommandFailure(FailureKind.NOT_FOUND, "Nothing exists with id ann")));
        mvc.perform(put("/api/customers/ann").contentType(MediaType.APPLICATION_JSON).content(PROFILE))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Nothing exists with id ann"));
    }

    @Test
    void anUnknownAggregateFromALocalHandlerAnswers404() throws Exception {
        gatewayFailsWith(new AggregateNotFoundException("ann", "not found"));
        mvc.perform(put("/api/customers/ann").contentType(MediaType.APPLICATION_JSON).content(PROFILE))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Nothing exists with id ann"));
    }

    @Test
    void aBrokenRuleAnswers409() throws Exception {
        gatewayFailsWith(new CommandExecutionException("customer ann is deactivated", null,
                new CommandFailure(FailureKind.CONFLICT, "customer ann is deactivated")));
        mvc.perform(put("/api/customers/ann").contentType(MediaType.APPLICATION_JSON).content(PROFILE))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("customer ann is deactivated"));
    }

    @Test
    void aBrokenRuleFromALocalHandlerAnswers409() throws Exception {
        gatewayFailsWith(new RuleViolation("customer ann is deactivated"));
        mvc.perform(put("/api/customers/ann").contentType(MediaType.APPLICATION_JSON).content(PROFILE))
                .andExpect(status().isConflict());
    }

    @Test
    void aConcurrentChangeAnswers409() throws Exception {
        gatewayFailsWith(new ConcurrencyException("sequence 0 taken"));
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON).content(CUSTOMER))
                .andExpect(status().isConflict());
    }

    @Test
    void aBodyOverTheLimitAnswers413() throws Exception {
        String name = "x".repeat(2000);
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"email\":\"ann@example.com\"}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(413));
        verifyNoInteractions(gateway);
    }

    @Test
    void aContentTypeOtherThanJsonAnswers415() throws Exception {
        mvc.perform(post("/api/customers").contentType(MediaType.TEXT_PLAIN).content(CUSTOMER))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(415));
        verifyNoInteractions(gateway);
    }

    @Test
    void axonServerOutOfReachAnswers503() throws Exception {
        gatewayFailsWith(new AxonServerException("AXONIQ-0001", "No connection to AxonServer available"));
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON).content(CUSTOMER))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void theConnectorFindingAxonServerGoneAnswers503() throws Exception {
        gatewayFailsWith(new CompletionException(new io.axoniq.axonserver.connector.AxonServerException(
                ErrorCategory.COMMAND_DISPATCH_ERROR, "Received exception while dispatching command", "client")));
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON).content(CUSTOMER))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void theEventStoreUnableToReadAnswers503() throws Exception {
        EventStoreException storeDown = new EventStoreException("[AXONIQ-9000] Cannot read the snapshots of aggregate ann");
        gatewayFailsWith(new CommandExecutionException("An exception was thrown by the remote message handling component",
                new RemoteHandlingException(RemoteExceptionDescription.describing(storeDown))));
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON).content(CUSTOMER))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    /** As the connector hands it over when the handling instance's read from Axon Server failed (seen in FailureIsolationTest). */
    @Test
    void theEventStoreUnableToReadOnTheHandlingInstanceAnswers503() throws Exception {
        ErrorMessage fromTheHandler = ErrorMessage.newBuilder()
                .setMessage("Error occurred while communicating with Axon Server")
                .addDetails("Error occurred while communicating with Axon Server")
                .addDetails("io.grpc.StatusRuntimeException: INTERNAL: [AXONIQ-9000] Cannot read the snapshots of aggregate ann")
                .build();
        gatewayFailsWith(new CommandExecutionException("Error occurred while communicating with Axon Server",
                new AxonServerNonTransientRemoteCommandHandlingException("AXONIQ-4002", fromTheHandler)));
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON).content(CUSTOMER))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anUnexpectedFailureAnswers500WithoutInternals() throws Exception {
        gatewayFailsWith(new IllegalStateException("secret internals"));
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON).content(CUSTOMER))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The request failed inside the command service"));
    }

    @Test
    void noAnswerInTimeAnswers503() throws Exception {
        doReturn(new CompletableFuture<>()).when(gateway).send(any());
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON).content(CUSTOMER))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.detail").value("Commands cannot be handled right now; try again later"));
    }
}
