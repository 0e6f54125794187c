package dev.bazaar.query.graphql.reviews;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductView;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerView;
import dev.bazaar.api.reviews.ReviewView;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** A review's product and author, through the same batched loaders as every other nested product and customer. */
@Controller
class ReviewController {

    @SchemaMapping(typeName = "Review")
    String id(ReviewView review) {
        return review.reviewId().value();
    }

    @SchemaMapping(typeName = "Review")
    CompletableFuture<ProductView> product(ReviewView review, DataLoader<ProductId, ProductView> products) {
        return products.load(review.productId());
    }

    @SchemaMapping(typeName = "Review")
    CompletableFuture<CustomerView> customer(ReviewView review, DataLoader<CustomerId, CustomerView> customers) {
        return customers.load(review.customerId());
    }
}
