package dev.bazaar.command.reviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.reviews.RemoveReview;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.SubmitReview;
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

/** The review endpoints: which command each request sends, and what a success answers. */
@WebMvcTest(ReviewController.class)
@Import(Commands.class)
class ReviewControllerTest {

    private static final ReviewId REVIEW = ReviewId.of("review-1");

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
    void submittingAReviewAnswers201() throws Exception {
        doReturn(CompletableFuture.completedFuture("review-1")).when(gateway).send(any());
        mvc.perform(post("/api/reviews").contentType(MediaType.APPLICATION_JSON).content("""
                        {"id":"review-1","productId":"mug","customerId":"ann","rating":5,"text":"Holds tea"}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "http://localhost/api/reviews/review-1"))
                .andExpect(jsonPath("$.version").value(0));
        assertThat(sentCommand()).isEqualTo(new SubmitReview(REVIEW, ProductId.of("mug"), CustomerId.of("ann"), 5, "Holds tea"));
    }

    @Test
    void aRatingOutOfRangeIsRefusedNamingTheField() throws Exception {
        mvc.perform(post("/api/reviews").contentType(MediaType.APPLICATION_JSON).content("""
                        {"productId":"mug","customerId":"ann","rating":6,"text":"Great"}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.rating").exists());
        verifyNoInteractions(gateway);
    }

    @Test
    void removingAReviewAnswersTheNewVersion() throws Exception {
        doReturn(CompletableFuture.completedFuture(1L)).when(gateway).send(any());
        mvc.perform(delete("/api/reviews/review-1").param("reason", "spam"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("review-1"))
                .andExpect(jsonPath("$.version").value(1));
        assertThat(sentCommand()).isEqualTo(new RemoveReview(REVIEW, "spam"));
    }

    @Test
    void aRemovalReasonOverTheLimitIsRefused() throws Exception {
        mvc.perform(delete("/api/reviews/review-1").param("reason", "x".repeat(Review.MAX_REASON_LENGTH + 1)))
                .andExpect(status().isBadRequest());
        verifyNoInteractions(gateway);
    }
}
