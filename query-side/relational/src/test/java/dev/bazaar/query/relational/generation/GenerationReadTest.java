package dev.bazaar.query.relational.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.query.relational.ReadModelTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Queries read the live generation without a transaction or a lock on the pointer: a read whose generation
 * is switched and dropped between reading the pointer and reading the tables reads the new one instead.
 * Each test has a read model of its own (a pointer row and schemas made here), so the real ones are untouched.
 */
@ReadModelTest
class GenerationReadTest {

    @Autowired
    Generations generations;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aReadWhoseGenerationIsDroppedUnderItReadsTheGenerationNowLive() {
        generation("switched", 1, "answered by the old generation");
        jdbc.update("INSERT INTO read_model_generation (read_model, live, building) VALUES ('switched', 1, NULL)");
        List<String> schemasRead = new ArrayList<>();

        String answer = generations.read("switched", schema -> {
            schemasRead.add(schema);
            if (schemasRead.size() == 1) {
                generation("switched", 2, "answered by the new generation");
                jdbc.update("UPDATE read_model_generation SET live = 2 WHERE read_model = 'switched'");
                jdbc.execute("DROP SCHEMA switched_g1 CASCADE");
            }
            return jdbc.queryForObject("SELECT answer FROM " + schema + ".probe", String.class);
        });

        assertThat(schemasRead).containsExactly("switched_g1", "switched_g2");
        assertThat(answer).isEqualTo("answered by the new generation");
    }

    @Test
    void aReadOfTablesMissingFromTheLiveGenerationStillFails() {
        generation("broken", 1, "never read");
        jdbc.update("INSERT INTO read_model_generation (read_model, live, building) VALUES ('broken', 1, NULL)");

        assertThatThrownBy(() -> generations.read("broken", schema -> jdbc.queryForObject("SELECT answer FROM " + schema + ".missing", String.class)))
                .isInstanceOf(BadSqlGrammarException.class);
    }

    private void generation(String readModel, int generation, String answer) {
        String schema = readModel + "_g" + generation;
        jdbc.execute("CREATE SCHEMA " + schema);
        jdbc.execute("CREATE TABLE " + schema + ".probe (answer TEXT NOT NULL)");
        jdbc.update("INSERT INTO " + schema + ".probe (answer) VALUES (?)", answer);
    }
}
