package dev.bazaar.command.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bazaar.api.catalog.AddProduct;
import dev.bazaar.api.catalog.ChangePrice;
import dev.bazaar.api.catalog.ChangeProductDetails;
import dev.bazaar.api.catalog.DiscontinueProduct;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.RestockProduct;
import dev.bazaar.api.common.Money;
import dev.bazaar.command.web.Commands;
import java.util.Map;
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

/** The product endpoints: which command each request sends, and what a success answers. */
@WebMvcTest(ProductController.class)
@Import(Commands.class)
class ProductControllerTest {

    private static final ProductId MUG = ProductId.of("mug");

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
    void addingAProductAnswers201() throws Exception {
        doReturn(CompletableFuture.completedFuture("mug")).when(gateway).send(any());
        mvc.perform(post("/api/products").contentType(MediaType.APPLICATION_JSON).content("""
                        {"id":"mug","name":"Mug","description":"A mug","price":{"amountMinor":1250,"currency":"EUR"},
                         "initialStock":5,"attributes":{"colour":"blue"}}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/products/mug"))
                .andExpect(jsonPath("$.id").value("mug"))
                .andExpect(jsonPath("$.version").value(0));
        assertThat(sentCommand()).isEqualTo(new AddProduct(MUG, "Mug", "A mug", Money.of(1250, "EUR"), 5, Map.of("colour", "blue")));
    }

    @Test
    void aNegativeInitialStockIsRefusedNamingTheField() throws Exception {
        mvc.perform(post("/api/products").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Mug\",\"price\":{\"amountMinor\":1250,\"currency\":\"EUR\"},\"initialStock\":-1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.initialStock").exists());
        verifyNoInteractions(gateway);
    }

    @Test
    void anUnknownFieldIsRefusedNamingItInsteadOfFallingBackToDefaults() throws Exception {
        mvc.perform(post("/api/products").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Mug\",\"price\":{\"amountMinor\":1250,\"currency\":\"EUR\"},\"stock\":5}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.stock").value(containsString("initialStock")))
                .andExpect(jsonPath("$.detail").value(not(containsString("dev.bazaar"))));
        verifyNoInteractions(gateway);
    }

    @Test
    void aZeroPriceIsRefusedNamingTheField() throws Exception {
        mvc.perform(put("/api/products/mug/price").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amountMinor\":0,\"currency\":\"EUR\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.amountMinor").exists());
        verifyNoInteractions(gateway);
    }

    @Test
    void changingDetailsAnswersTheNewVersion() throws Exception {
        doReturn(CompletableFuture.completedFuture(4L)).when(gateway).send(any());
        mvc.perform(put("/api/products/mug/details").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Big mug\",\"description\":\"Bigger\",\"attributes\":{\"size\":\"L\"}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(4));
        assertThat(sentCommand()).isEqualTo(new ChangeProductDetails(MUG, "Big mug", "Bigger", Map.of("size", "L")));
    }

    @Test
    void changingThePriceAnswersTheNewVersion() throws Exception {
        doReturn(CompletableFuture.completedFuture(2L)).when(gateway).send(any());
        mvc.perform(put("/api/products/mug/price").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amountMinor\":990,\"currency\":\"EUR\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));
        assertThat(sentCommand()).isEqualTo(new ChangePrice(MUG, Money.of(990, "EUR")));
    }

    @Test
    void restockingAnswersTheNewVersion() throws Exception {
        doReturn(CompletableFuture.completedFuture(7L)).when(gateway).send(any());
        mvc.perform(post("/api/products/mug/restock").contentType(MediaType.APPLICATION_JSON).content("{\"quantity\":10}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(7));
        assertThat(sentCommand()).isEqualTo(new RestockProduct(MUG, 10));
    }

    @Test
    void discontinuingAnswersTheNewVersion() throws Exception {
        doReturn(CompletableFuture.completedFuture(8L)).when(gateway).send(any());
        mvc.perform(post("/api/products/mug/discontinue"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(8));
        assertThat(sentCommand()).isEqualTo(new DiscontinueProduct(MUG));
    }
}
