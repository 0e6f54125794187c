package dev.bazaar.query.relational.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which generation of each read model queries read and which one a rebuild is filling. A generation is
 * a PostgreSQL schema {@code <read model>_g<n>} holding that read model's tables (from
 * {@code read-models/<read model>.sql}); the row of {@code read_model_generation} points at the live one
 * and, during a rebuild, at the one being built.
 *
 * <p>A query reads the pointer {@code FOR SHARE} and the tables in one transaction: the switch updates
 * the pointer row, so it waits for queries that still read the old generation, and the old schema is
 * dropped only after the switch commits. No query can find its generation gone, or see a half-built one.
 */
@Component
public class Generations {

    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    Generations(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Reads the live generation of a read model; {@code reader} gets the schema to qualify its tables with.
     *
     * <p>Locking the pointer {@code FOR SHARE} keeps a rebuild's switch from dropping the tables under the
     * read, but it also gives the read a transaction id, and so a commit that PostgreSQL flushes to disk
     * before answering (fsync is on in a local run): one disk flush per query for a lock that means nothing
     * once the read is over. The read's commit therefore does not wait for the flush.
     */
    public <T> T read(String readModel, Function<String, T> reader) {
        return transaction.execute(status -> {
            jdbc.execute("SET LOCAL synchronous_commit = off");
            int live = jdbc.queryForObject("SELECT live FROM read_model_generation WHERE read_model = ? FOR SHARE",
                    Integer.class, readModel);
            return reader.apply(schema(readModel, live));
        });
    }

    /** The generation events are written to now: the one being built during a rebuild, else the live one. */
    public Pointer pointer(String readModel) {
        return jdbc.queryForObject("SELECT live, building FROM read_model_generation WHERE read_model = ?",
                (row, n) -> new Pointer(readModel, row.getInt("live"), (Integer) row.getObject("building")), readModel);
    }

    /**
     * Creates generation live + 1 and points {@code building} at it; {@code sameTransaction} runs in the
     * transaction that does so (the processor's token reset), so the two commit or vanish together.
     *
     * @throws AlreadyBuildingException when a generation of this read model is already being built
     */
    public int beginBuilding(String readModel, Runnable sameTransaction) {
        return transaction.execute(status -> {
            Pointer now = jdbc.queryForObject("SELECT live, building FROM read_model_generation WHERE read_model = ? FOR UPDATE",
                    (row, n) -> new Pointer(readModel, row.getInt("live"), (Integer) row.getObject("building")), readModel);
            if (now.building() != null) {
                throw new AlreadyBuildingException(readModel, now.building());
            }
            int next = now.live() + 1;
            String schema = schema(readModel, next);
            jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            jdbc.execute("CREATE SCHEMA " + schema);
            jdbc.execute("SET LOCAL search_path TO " + schema);
            jdbc.execute(tablesOf(readModel));
            jdbc.execute("SET LOCAL search_path TO public");
            jdbc.update("UPDATE read_model_generation SET building = ? WHERE read_model = ?", next, readModel);
            sameTransaction.run();
            return next;
        });
    }

    /** Makes the generation being built the live one, in one write, then drops the generation it replaces. */
    public void switchToBuilt(String readModel) {
        transaction.executeWithoutResult(status -> jdbc.update(
                "UPDATE read_model_generation SET live = building, building = NULL WHERE read_model = ? AND building IS NOT NULL",
                readModel));
        dropUnused(readModel);
    }

    /** Drops the schemas of generations neither live nor being built (left behind by a switch or a crash). */
    public void dropUnused(String readModel) {
        Pointer pointer = pointer(readModel);
        List<String> schemas = jdbc.queryForList(
                "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE ?", String.class,
                readModel + "\\_g%");
        for (String schema : schemas) {
            if (!schema.equals(pointer.liveSchema()) && !schema.equals(pointer.targetSchema())) {
                log.info("Dropping {}, a generation of {} no longer read", schema, readModel);
                jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    static String schema(String readModel, int generation) {
        return readModel + "_g" + generation;
    }

    private static String tablesOf(String readModel) {
        try {
            return new ClassPathResource("read-models/" + readModel + ".sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the tables of read model " + readModel + " are not on the classpath", e);
        }
    }

    /** The pointer row of a read model: the live generation and the one being built, if any. */
    public record Pointer(String readModel, int live, Integer building) {

        public boolean rebuilding() {
            return building != null;
        }

        public String liveSchema() {
            return schema(readModel, live);
        }

        /** Where events go: the generation being built, else the live one. */
        public String targetSchema() {
            return schema(readModel, building == null ? live : building);
        }

        public int targetGeneration() {
            return building == null ? live : building;
        }
    }
}
