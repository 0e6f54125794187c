package dev.bazaar.command.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.ordering.CancelOrder;
import dev.bazaar.api.ordering.DeliverOrder;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLine;
import dev.bazaar.api.ordering.PlaceOrder;
import dev.bazaar.api.ordering.ShipOrder;
import dev.bazaar.command.web.Commands;
import java.util.List;
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

/** The order endpoints: which command each request sends, and what a success answers. */
@WebMvcTest(OrderController.class)
@Import(Commands.class)
class OrderControllerTest {

    private static final OrderId ORDER = OrderId.of("order-1");

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
    void placingAnOrderAnswers201() throws Exception {
        doReturn(CompletableFuture.completedFuture("order-1")).when(gateway).send(any());
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content("""
                        {"id":"order-1","customerId":"ann","lines":[{"productId":"mug","quantity":2}]}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/orders/order-1"))
                .andExpect(jsonPath("$.id").value("order-1"))
                .andExpect(jsonPath("$.version").value(0));
        assertThat(sentCommand()).isEqualTo(new PlaceOrder(ORDER, CustomerId.of("ann"), List.of(new OrderLine(ProductId.of("mug"), 2))));
    }

    @Test
    void aLineWithoutQuantityIsRefusedNamingTheField() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content("""
                        {"customerId":"ann","lines":[{"productId":"mug","quantity":0}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['lines[0].quantity']").exists());
        verifyNoInteractions(gateway);
    }

    @Test
    void anOrderWithoutLinesIsRefusedNamingTheField() throws Exception {
        mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON).content("{\"customerId\":\"ann\",\"lines\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.lines").exists());
        verifyNoInteractions(gateway);
    }

    @Test
    void shippingAnswersTheNewVersion() throws Exception {
        doReturn(CompletableFuture.completedFuture(2L)).when(gateway).send(any());
        mvc.perform(post("/api/orders/order-1/ship"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));
        assertThat(sentCommand()).isEqualTo(new ShipOrder(ORDER));
    }

    @Test
    void deliveringAnswersTheNewVersion() throws Exception {
        doReturn(CompletableFuture.completedFuture(3L)).when(gateway).send(any());
        mvc.perform(post("/api/orders/order-1/deliver"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(3));
        assertThat(sentCommand()).isEqualTo(new DeliverOrder(ORDER));
    }

    @Test
    void cancellingWithAReason() throws Exception {
        doReturn(CompletableFuture.completedFuture(2L)).when(gateway).send(any());
        mvc.perform(post("/api/orders/order-1/cancel").contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"changed my mind\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));
        assertThat(sentCommand()).isEqualTo(new CancelOrder(ORDER, "changed my mind"));
    }

    @Test
    void cancellingWithoutABody() throws Exception {
        doReturn(CompletableFuture.completedFuture(1L)).when(gateway).send(any());
        mvc.perform(post("/api/orders/order-1/cancel"))
                .andExpect(status().isOk());
        assertThat(sentCommand()).isEqualTo(new CancelOrder(ORDER, null));
    }
}
