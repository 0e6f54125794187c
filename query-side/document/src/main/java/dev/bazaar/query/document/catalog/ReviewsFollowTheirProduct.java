package dev.bazaar.query.document.catalog;

import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.stereotype.Component;

/**
 * The catalog processor's sequencing: a review event goes to the same segment, in order, as the
 * events of the product it rates; everything else is sequenced per aggregate (for a product event
 * that is the product). Two threads thus never recompute one product's rating at the same time, and
 * the catalog can be split over several segments and instances.
 */
@Component(ReviewsFollowTheirProduct.BEAN_NAME)
class ReviewsFollowTheirProduct implements SequencingPolicy<EventMessage<?>> {

    static final String BEAN_NAME = "catalogSequencingPolicy";

    /**
     * Only a review event is decoded here: each segment's thread asks this for every event of the stream, to
     * drop those of the other segments, and a product event's aggregate id is in the message already, so its
     * payload is left to be decoded (if at all) by the thread whose segment it is.
     */
    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Class<?> type = event.getPayloadType();
        if (type == ReviewSubmitted.class) {
            return ((ReviewSubmitted) event.getPayload()).productId().value();
        }
        if (type == ReviewRemoved.class) {
            return ((ReviewRemoved) event.getPayload()).productId().value();
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
