package dev.bazaar.launcher.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void drawsTheShareReplayedTheRateAndTheTimeLeftOfEachRebuildingProjection() {
        ProjectionStatus catalog = new ProjectionStatus("catalog", "REBUILDING", 3, 499, 999, 500, 25_000.0, 0.02, null);
        ProjectionStatus reviews = new ProjectionStatus("reviews", "LIVE", 2, 999, 999, 0, 0.0, 0.0, null);

        assertThat(ProgressLine.of(List.of(catalog, reviews))).isEqualTo(
                "catalog [###############---------------]  50.0% 25,000 ev/s 0:01 left"
                        + "  reviews [##############################] 100.0% LIVE");
    }

    @Test
    void saysTheTimeLeftIsUnknownUntilThereIsARate() {
        assertThat(ProgressLine.duration(null)).isEqualTo("?");
        assertThat(ProgressLine.duration(125.2)).isEqualTo("2:06");
        assertThat(new ProjectionStatus("catalog", "REBUILDING", 1, -1, 99, 100, 0.0, null, null).done()).isZero();
    }

    @Test
    void tabulatesEveryProjectionWithItsError() {
        String table = ProjectionTable.of(List.of(
                new ProjectionStatus("catalog", "ERROR", 1, 10, 20, 10, 0.0, null, "MongoTimeoutException")));

        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table.lines().toList().get(1)).startsWith("catalog      ERROR").contains("20").endsWith("?");
        assertThat(table.lines().toList().get(2)).isEqualTo("  error: MongoTimeoutException");
    }
}
