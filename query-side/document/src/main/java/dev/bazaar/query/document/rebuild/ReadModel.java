package dev.bazaar.query.document.rebuild;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A read model that can be rebuilt: its name is the name of the processor (processing group) that
 * projects it, and its collections are the ones a generation consists of.
 */
public interface ReadModel {

    String name();

    /** The base names of its collections; a generation's collection is {@code base_gN}. */
    List<String> collections();

    /** Creates the indexes of one generation, whose collection names {@code collectionOf} gives. */
    void createIndexes(MongoTemplate mongo, UnaryOperator<String> collectionOf);

    /** How its processor orders events, when not per aggregate (Axon's default). */
    default Optional<SequencingPolicy<? super EventMessage<?>>> sequencingPolicy() {
        return Optional.empty();
    }
}
