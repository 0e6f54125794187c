package dev.bazaar.command.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.DeactivateCustomer;
import dev.bazaar.api.customer.Email;
import dev.bazaar.api.customer.RegisterCustomer;
import dev.bazaar.api.customer.UpdateCustomerProfile;
import dev.bazaar.command.web.Commands;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The customer endpoints: which command each request sends, and what a success answers. */
@WebMvcTest(CustomerController.class)
@Import(Commands.class)
class CustomerControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private CommandGateway gateway;

    private Object sentCommand() {
        ArgumentCaptor<Object> command = ArgumentCaptor.forClass(Object.class);
        verify(gateway).send(command.capture());
        return command.getValue();
    }

    @Test
    void registeringWithAnIdAnswers201WithItsLocationAndVersion0() throws Exception {
        doReturn(CompletableFuture.completedFuture("ann")).when(gateway).send(any());
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"ann\",\"name\":\"Ann\",\"email\":\"ann@example.com\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/customers/ann"))
                .andExpect(jsonPath("$.id").value("ann"))
                .andExpect(jsonPath("$.version").value(0));
        assertThat(sentCommand()).isEqualTo(new RegisterCustomer(CustomerId.of("ann"), "Ann", Email.of("ann@example.com")));
    }

    @Test
    void registeringWithoutAnIdGeneratesOne() throws Exception {
        doReturn(CompletableFuture.completedFuture("generated")).when(gateway).send(any());
        mvc.perform(post("/api/customers").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Ann\",\"email\":\"ann@example.com\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").isNotEmpty());
        RegisterCustomer sent = (RegisterCustomer) sentCommand();
        assertThat(sent.customerId().value()).isNotBlank();
    }

    @Test
    void updatingAProfileAnswersTheNewVersion() throws Exception {
        doReturn(CompletableFuture.completedFuture(3L)).when(gateway).send(any());
        mvc.perform(put("/api/customers/ann").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Ann Smith\",\"email\":\"ann.smith@example.com\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("ann"))
                .andExpect(jsonPath("$.version").value(3));
        assertThat(sentCommand()).isEqualTo(new UpdateCustomerProfile(CustomerId.of("ann"), "Ann Smith", Email.of("ann.smith@example.com")));
    }

    @Test
    void deactivatingAnswersTheNewVersion() throws Exception {
        doReturn(CompletableFuture.completedFuture(1L)).when(gateway).send(any());
        mvc.perform(post("/api/customers/ann/deactivate"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1));
        assertThat(sentCommand()).isEqualTo(new DeactivateCustomer(CustomerId.of("ann")));
    }
}
