package dev.bazaar.query.relational.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.BadSqlGrammarException;
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
 * <p>A query reads the pointer, then the tables of the live generation it names, each read one statement
 * without a transaction around them. It never sees a half-built generation: the pointer names a
 * generation only once it is built. The old generation is dropped after the switch commits; a read that
 * took the pointer just before the switch and reaches the tables after the drop finds them gone, and
 * reads the pointer and the new generation again ({@link #read}).
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
     * Reads the live generation of a read model; {@code reader} gets the schema to qualify its tables with,
     * and should read with ONE statement, which is one snapshot.
     *
     * <p>No transaction and no lock: it was a transaction with the pointer locked {@code FOR SHARE}, which
     * kept a switch from dropping the tables under a read, at the price of a transaction id, a WAL record
     * for the row lock and a commit for every query, and five round trips to PostgreSQL for a one-select
     * read (the database's CPU per GraphQL customer query was about that of the service). Nothing is lost:
     * PostgreSQL lets a drop wait for a select that has the tables open, and a select that comes after the
     * drop fails with undefined_table, upon which the read is made again on the generation now live.
     */
    public <T> T read(String readModel, Function<String, T> reader) {
        String schema = pointer(readModel).liveSchema();
        try {
            return reader.apply(schema);
        } catch (BadSqlGrammarException possiblyDropped) {
            String live = pointer(readModel).liveSchema();
            if (live.equals(schema)) {
                throw possiblyDropped;
            }
            return reader.apply(live);
        }
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
