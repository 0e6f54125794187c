package dev.bazaar.query.document.rebuild;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which generation of each read model queries read, and which one a rebuild is writing.
 *
 * <p>A read model's collections carry their generation in their names ({@code products_g3}). One
 * pointer document per read model in {@code read_model_generations} names the {@code live} generation
 * and, while a rebuild runs, the generation being {@code building}; switching is one update of that
 * document. Projections write to {@link #writeCollection}, which is the generation being built while
 * there is one, so that the live generation is never touched by a replay. The pointers are cached in
 * memory and read again by {@link #refresh} (every rebuild tick), so that another instance of this
 * service follows a switch made elsewhere.
 */
@Component
public class Generations {

    static final String COLLECTION = "read_model_generations";

    /**
     * @param replayStarted whether the processor's tokens were reset for {@code building}: until then
     *                      the processor is still at the live position and must not be taken as caught up
     */
    record Pointer(@Id String id, long live, Long building, boolean replayStarted) {

        boolean rebuilding() {
            return building != null;
        }

        long written() {
            return building != null ? building : live;
        }
    }

    private final MongoTemplate mongo;
    private final Map<String, Pointer> pointers = new ConcurrentHashMap<>();

    public Generations(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The collection queries read: {@code base} in the live generation of {@code readModel}. */
    public String readCollection(String readModel, String base) {
        return nameOf(base, pointer(readModel).live());
    }

    /** The collection the projection writes: the generation being built if there is one, else the live one. */
    public String writeCollection(String readModel, String base) {
        return nameOf(base, pointer(readModel).written());
    }

    static String nameOf(String base, long generation) {
        return base + "_g" + generation;
    }

    Pointer pointer(String readModel) {
        return pointers.computeIfAbsent(readModel, this::load);
    }

    /** Reads the pointer again: a plain read, since a write (even one that changes nothing) costs the server a commit to its file. */
    void refresh(String readModel) {
        Pointer stored = mongo.findById(readModel, Pointer.class, COLLECTION);
        pointers.put(readModel, stored != null ? stored : load(readModel));
    }

    /** The first start of a read model finds no pointer and begins at generation 1. */
    private Pointer load(String readModel) {
        return mongo.findAndModify(query(where("_id").is(readModel)),
                new Update().setOnInsert("live", 1L).setOnInsert("replayStarted", false),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Pointer.class, COLLECTION);
    }

    void beginBuilding(String readModel, long generation) {
        save(new Pointer(readModel, pointer(readModel).live(), generation, false));
    }

    void replayStarted(String readModel) {
        Pointer current = pointer(readModel);
        save(new Pointer(readModel, current.live(), current.building(), true));
    }

    /** A rebuild that could not start: the read model stays on its live generation alone. */
    void abandonBuilding(String readModel) {
        save(new Pointer(readModel, pointer(readModel).live(), null, false));
    }

    /** The switch: one write makes the built generation the live one. */
    void switchTo(String readModel, long generation) {
        save(new Pointer(readModel, generation, null, false));
    }

    private void save(Pointer pointer) {
        mongo.save(pointer, COLLECTION);
        pointers.put(pointer.id(), pointer);
    }
}
