package dev.bazaar.command.reviews;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.reviews.RemoveReview;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.SubmitReview;
import dev.bazaar.command.web.Commands;
import dev.bazaar.command.web.Ids;
import dev.bazaar.command.web.Versioned;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Submits and removes reviews. */
@RestController
@RequestMapping(path = "/api/reviews", produces = MediaType.APPLICATION_JSON_VALUE)
class ReviewController {

    private final Commands commands;

    ReviewController(Commands commands) {
        this.commands = commands;
    }

    record NewReview(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                     @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId,
                     @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId,
                     @Min(Review.MIN_RATING) @Max(Review.MAX_RATING) int rating,
                     @Size(max = Review.MAX_TEXT_LENGTH) String text) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Versioned> submit(@Valid @RequestBody NewReview body) {
        ReviewId id = body.id() == null ? ReviewId.random() : ReviewId.of(body.id());
        Versioned created = commands.create(id, new SubmitReview(id, ProductId.of(body.productId()),
                CustomerId.of(body.customerId()), body.rating(), body.text()));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id.toString()))
                .body(created);
    }

    /** Removal keeps the review's history (the event stream); the read side drops it from the product. */
    @DeleteMapping("/{id}")
    Versioned remove(@PathVariable String id, @RequestParam(required = false) @Size(max = Review.MAX_REASON_LENGTH) String reason) {
        ReviewId reviewId = ReviewId.of(id);
        return commands.change(reviewId, new RemoveReview(reviewId, reason));
    }
}
