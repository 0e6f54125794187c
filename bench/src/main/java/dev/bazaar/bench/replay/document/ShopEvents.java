package dev.bazaar.bench.replay.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.bazaar.api.catalog.PriceChanged;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductDetailsChanged;
import dev.bazaar.api.catalog.ProductDiscontinued;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductRestocked;
import dev.bazaar.api.catalog.StockReleased;
import dev.bazaar.api.catalog.StockReservationRejected;
import dev.bazaar.api.catalog.StockReserved;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A shop's product and review history as the node stores it (each event's JSON, type and revision, as
 * the command side's Jackson serializer writes them): every event type the document service projects.
 * Each product's story (added, details changed, priced, restocked, reserved, rejected, released, priced
 * again, one in five discontinued, 0 to 16 reviews of which one in four is removed) is told interleaved
 * with those of {@link #ACTIVE} other products, so that a processor batch touches many products and a
 * product is touched by many batches, as in a live shop.
 */
final class ShopEvents {

    static final int ACTIVE = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Random random = new Random(42);
    private final List<List<Event>> stories = new ArrayList<>();
    private final List<Integer> cursors = new ArrayList<>();
    private int products;

    /** The next event, in an order that keeps each aggregate's sequence. */
    Event next() {
        while (stories.size() < ACTIVE) {
            stories.add(story("p-" + products++));
            cursors.add(0);
        }
        int pick = random.nextInt(stories.size());
        List<Event> story = stories.get(pick);
        int cursor = cursors.get(pick);
        Event event = story.get(cursor);
        if (cursor + 1 == story.size()) {
            int last = stories.size() - 1;
            stories.set(pick, stories.get(last));
            cursors.set(pick, cursors.get(last));
            stories.remove(last);
            cursors.remove(last);
        } else {
            cursors.set(pick, cursor + 1);
        }
        return event;
    }

    int products() {
        return products;
    }

    private List<Event> story(String id) {
        ProductId product = ProductId.of(id);
        OrderId order = OrderId.of("o-" + id);
        int stock = 10 + random.nextInt(50);
        List<Object> productEvents = new ArrayList<>(List.of(
                new ProductAdded(product, "Product " + id, "A product of the benchmark", euros(100 + random.nextInt(10_000)), stock,
                        Map.of("colour", "c" + random.nextInt(7), "size", "s" + random.nextInt(3))),
                new ProductDetailsChanged(product, "Renamed " + id, "Now with more " + id, Map.of("colour", "c" + random.nextInt(7))),
                new PriceChanged(product, euros(200 + random.nextInt(10_000))),
                new ProductRestocked(product, 5, stock + 5),
                new StockReserved(product, order, 3, euros(500), stock + 2),
                new StockReservationRejected(product, order, 1000, stock + 2, "not enough stock"),
                new StockReleased(product, order, 3, stock + 5),
                new PriceChanged(product, euros(300 + random.nextInt(10_000)))));
        if (random.nextInt(5) == 0) {
            productEvents.add(new ProductDiscontinued(product));
        }
        List<Event> story = new ArrayList<>();
        for (int i = 0; i < productEvents.size(); i++) {
            story.add(event("Product", id, i, productEvents.get(i)));
        }
        int reviews = random.nextInt(17);
        for (int r = 0; r < reviews; r++) {
            ReviewId review = ReviewId.of(id + "-r" + r);
            int rating = 1 + random.nextInt(5);
            // A review comes after its product's first event, anywhere among the rest.
            int at = 1 + random.nextInt(story.size());
            story.add(at, event("Review", review.value(), 0,
                    new ReviewSubmitted(review, product, CustomerId.of("c-" + random.nextInt(100_000)), rating, "Review " + r + " of " + id)));
            if (r % 4 == 1) {
                story.add(event("Review", review.value(), 1, new ReviewRemoved(review, product, rating, "spam")));
            }
        }
        return story;
    }

    private static Money euros(long cents) {
        return Money.of(cents, "EUR");
    }

    private static Event event(String type, String id, long sequence, Object payload) {
        Revision revision = payload.getClass().getAnnotation(Revision.class);
        try {
            return Event.newBuilder().setMessageIdentifier(UUID.randomUUID().toString()).setAggregateType(type)
                    .setAggregateIdentifier(id).setAggregateSequenceNumber(sequence).setTimestamp(System.currentTimeMillis())
                    .setPayload(SerializedObject.newBuilder().setType(payload.getClass().getName())
                            .setRevision(revision == null ? "" : revision.value())
                            .setData(ByteString.copyFrom(JSON.writeValueAsBytes(payload))))
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
