package io.headroom.load.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionCausesTest {

    private static final String ROUTE = "GET /api/v1/datasets";
    private static final String LABEL = "GET /api/v1/datasets";
    private static final String SQL = "SELECT * FROM datasets WHERE folder = ? ORDER BY name LIMIT ?";

    @Test
    void aRegressedLabelNamesTheSlowerStatementTheColderCacheAndTheGcThatGrew() {
        var before = new SummaryFixture(LABEL, 8, 10, 12, 8, 12, 0)
                .monitored()
                .statement(SQL, 1000, 400, ROUTE)
                .clientSeconds(5, 8, 12, 0, 0.2)
                .serverSeconds(5, ROUTE, 7, p -> p.keyspace("datasets", 0.92).set("gc.timeMsPerSecond", 5));
        var after = new SummaryFixture(LABEL, 9.5, 11.8, 14, 9.5, 14, 0)
                .monitored()
                .statement(SQL, 1000, 1240, ROUTE)
                .clientSeconds(5, 9.5, 14, 0, 0.2)
                .serverSeconds(5, ROUTE, 8.8, p -> p.keyspace("datasets", 0.40).set("gc.timeMsPerSecond", 20));

        List<RegressionCauses.LabelChange> changes = RegressionCauses.compare(before.json(), after.json(), 0.10);

        RegressionCauses.LabelChange label = changes.getFirst();
        assertThat(label.regressed()).isTrue();
        assertThat(label.describe()).startsWith("GET /api/v1/datasets: p95 +18 % (10.0 -> 11.8 ms): ");
        assertThat(label.causes())
                .containsExactly(
                        "statement " + SQL + " 3.1x slower (0.40 -> 1.24 ms)",
                        "cache `datasets` hit rate 92 % -> 40 %",
                        "GC time 4.0x (5 -> 20)");
    }

    @Test
    void withoutServerTimelinesTheCauseIsUnknownAndSaysWhy() {
        var before = new SummaryFixture(LABEL, 8, 10, 12, 8, 12, 0).clientSeconds(3, 8, 12, 0, 0.2);
        var after = new SummaryFixture(LABEL, 8, 15, 20, 8, 20, 0).clientSeconds(3, 8, 20, 0, 0.2);

        RegressionCauses.LabelChange label =
                RegressionCauses.compare(before.json(), after.json(), 0.10).getFirst();

        assertThat(label.causes())
                .containsExactly("cause unknown: the earlier run has no server timeline (client-side comparison only)");
    }

    @Test
    void aLabelWithinTheAllowanceIsNotARegression() {
        var before = new SummaryFixture(LABEL, 8, 10, 12, 8, 12, 0).clientSeconds(3, 8, 12, 0, 0.2);
        var after = new SummaryFixture(LABEL, 8, 10.9, 12, 8, 12, 0).clientSeconds(3, 8, 12, 0, 0.2);

        assertThat(RegressionCauses.compare(before.json(), after.json(), 0.10))
                .allSatisfy(c -> assertThat(c.regressed()).isFalse());
    }
}
