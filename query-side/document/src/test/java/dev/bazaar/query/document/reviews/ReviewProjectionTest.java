package dev.bazaar.query.document.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.reviews.FindReviewsOfProduct;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewPage;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import dev.bazaar.api.reviews.ReviewView;
import dev.bazaar.query.document.MongoTestDatabases;
import dev.bazaar.query.document.rebuild.AppliedEvents;
import dev.bazaar.query.document.rebuild.Generations;
import dev.bazaar.query.document.rebuild.UnitOfWorkBatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class ReviewProjectionTest {

    private static final ProductId LAMP = ProductId.of("lamp");
    private static final ProductId DESK = ProductId.of("desk");
    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

    private final ReviewsOnTheirOwnDatabase reviews = new ReviewsOnTheirOwnDatabase();

    @Test
    void aProductsReviewsComeNewestFirstInPagesWithoutTheRemovedOnes() {
        reviews.given(
                submitted("r1", LAMP, 5, T0),
                submitted("r2", LAMP, 3, T0.plusSeconds(1)),
                submitted("r3", DESK, 4, T0.plusSeconds(2)),
                submitted("r4", LAMP, 1, T0.plusSeconds(3)),
                removed("r4", LAMP, 1),
                submitted("r5", LAMP, 2, T0.plusSeconds(4)));

        ReviewPage first = reviews.query(LAMP, new PageRequest(0, 2));
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.items()).containsExactly(
                new ReviewView(ReviewId.of("r5"), LAMP, CustomerId.of("customer-r5"), 2, "text of r5", T0.plusSeconds(4)),
                new ReviewView(ReviewId.of("r2"), LAMP, CustomerId.of("customer-r2"), 3, "text of r2", T0.plusSeconds(1)));
        assertThat(reviews.query(LAMP, new PageRequest(1, 2)).items()).extracting(r -> r.reviewId().value()).containsExactly("r1");
        assertThat(reviews.query(DESK, PageRequest.first(10)).items()).extracting(r -> r.reviewId().value()).containsExactly("r3");
        assertThat(reviews.query(ProductId.of("unknown"), PageRequest.first(10))).isEqualTo(new ReviewPage(List.of(), 0));
    }

    @Test
    void everyEventDeliveredTwiceLeavesTheSameDocumentsAsOnce() {
        List<DomainEventMessage<?>> history = threeReviewsOneRemoved();
        reviews.given(history);
        ReviewsOnTheirOwnDatabase twice = new ReviewsOnTheirOwnDatabase();
        history.forEach(event -> twice.given(List.of(event, event)));
        ReviewsOnTheirOwnDatabase replayed = new ReviewsOnTheirOwnDatabase();
        replayed.given(history);
        replayed.given(history);

        assertThat(reviews.dump()).hasSize(3);
        assertThat(twice.dump()).isEqualTo(reviews.dump());
        assertThat(replayed.dump()).isEqualTo(reviews.dump());
        assertThat(reviews.query(LAMP, PageRequest.first(10)).items()).extracting(r -> r.reviewId().value()).containsExactly("r2");
    }

    @Test
    void aRemovalIsNotUndoneByAnOlderEvent() {
        DomainEventMessage<?> submission = submitted("r1", LAMP, 5, T0);
        reviews.given(submission, removed("r1", LAMP, 5), submission);

        assertThat(reviews.query(LAMP, PageRequest.first(10)).total()).isZero();
        assertThat(reviews.dump()).singleElement().satisfies(review -> {
            assertThat(review.getBoolean("removed")).isTrue();
            assertThat(review.getString("removalReason")).isEqualTo("spam");
            assertThat(review.getLong("version")).isEqualTo(1);
        });
    }

    /**
     * A batch is written without reading first; redelivered after a crash that wrote only its first part
     * (the same events again, now with a removal), it ends where one delivery of every event ends.
     */
    @Test
    void aBatchRedeliveredWithMoreOfItsEventsEndsAsOneDelivery() {
        List<DomainEventMessage<?>> history = threeReviewsOneRemoved();
        reviews.given(history);
        ReviewsOnTheirOwnDatabase inOneBatch = new ReviewsOnTheirOwnDatabase();
        inOneBatch.givenInOneBatch(history);
        ReviewsOnTheirOwnDatabase redelivered = new ReviewsOnTheirOwnDatabase();
        redelivered.givenInOneBatch(history.subList(0, 2));
        redelivered.givenInOneBatch(history);
        ReviewsOnTheirOwnDatabase removedTwice = new ReviewsOnTheirOwnDatabase();
        removedTwice.givenInOneBatch(history.subList(0, 3));
        removedTwice.givenInOneBatch(history);

        assertThat(reviews.dump()).hasSize(3).filteredOn(review -> review.getBoolean("removed")).singleElement()
                .satisfies(review -> assertThat(review.getString("_id")).isEqualTo("r1"));
        assertThat(inOneBatch.dump()).isEqualTo(reviews.dump());
        assertThat(redelivered.dump()).isEqualTo(reviews.dump());
        assertThat(removedTwice.dump()).isEqualTo(reviews.dump());
        assertThat(redelivered.query(LAMP, PageRequest.first(10)).items()).extracting(r -> r.reviewId().value()).containsExactly("r2");
    }

    /** Reviews of two products, the first one removed after the second was submitted. */
    private static List<DomainEventMessage<?>> threeReviewsOneRemoved() {
        return List.of(
                submitted("r1", LAMP, 5, T0),
                submitted("r2", LAMP, 3, T0.plusSeconds(1)),
                removed("r1", LAMP, 5),
                submitted("r3", DESK, 4, T0.plusSeconds(2)));
    }

    private static DomainEventMessage<?> submitted(String reviewId, ProductId productId, int rating, Instant at) {
        return new GenericDomainEventMessage<>("Review", reviewId, 0, new ReviewSubmitted(ReviewId.of(reviewId), productId,
                CustomerId.of("customer-" + reviewId), rating, "text of " + reviewId), Map.of(), UUID.randomUUID().toString(), at);
    }

    private static DomainEventMessage<?> removed(String reviewId, ProductId productId, int rating) {
        return new GenericDomainEventMessage<>("Review", reviewId, 1, new ReviewRemoved(ReviewId.of(reviewId), productId, rating, "spam"));
    }

    /** The reviews read model on a database of its own, fed through Axon's annotated handler adapter. */
    private static final class ReviewsOnTheirOwnDatabase {

        private final MongoTemplate mongo = MongoTestDatabases.fresh();
        private final Generations generations = new Generations(mongo);
        private final ReviewStore store = new ReviewStore(mongo, generations);
        private final AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(
                new ReviewProjection(mongo, generations, new AppliedEvents(new SimpleMeterRegistry())));
        private final ReviewQueries queries = new ReviewQueries(store);

        void given(DomainEventMessage<?>... events) {
            given(List.of(events));
        }

        void given(List<DomainEventMessage<?>> events) {
            for (DomainEventMessage<?> event : events) {
                try {
                    projection.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException("The projection failed on " + event.getPayload(), e);
                }
            }
        }

        /** The events as one batch of a processor: one unit of work, written after the last event. */
        void givenInOneBatch(List<DomainEventMessage<?>> events) {
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<EventMessage<?>>(events));
            MessageHandlerInterceptor<EventMessage<?>> writes = UnitOfWorkBatch.writtenAfterTheLastEvent();
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> writes.handle(unitOfWork, () -> projection.handle(unitOfWork.getMessage())));
            if (result.isExceptional()) {
                throw new IllegalStateException("The batch failed", result.exceptionResult());
            }
        }

        ReviewPage query(ProductId productId, PageRequest page) {
            return queries.handle(new FindReviewsOfProduct(productId, page));
        }

        List<Document> dump() {
            return MongoTestDatabases.dump(mongo, generations.readCollection(ReviewsReadModel.NAME, ReviewDocument.COLLECTION));
        }
    }
}
