package io.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.load.output.RunReport;
import io.headroom.load.scenario.Scenario;
import io.headroom.load.scenario.ScenarioParser;
import io.headroom.toolkit.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read/write SQL mix with feeder values against the real PostgreSQL, as a JMeter JDBC plan would run. */
class JdbcTargetTest {

    private static TestPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void createSchema() throws Exception {
        postgres = TestPostgres.createSchema();
        try (Connection c = postgres.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE datasets (id int PRIMARY KEY, name text NOT NULL)");
            s.execute("INSERT INTO datasets SELECT g, 'ds-' || g FROM generate_series(1, 50) g");
            s.execute("CREATE TABLE visits (dataset_id int NOT NULL, visitor text NOT NULL)");
        }
    }

    @AfterAll
    static void dropSchema() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void runsAParameterisedReadWriteMixAgainstPostgres() throws Exception {
        Files.writeString(dir.resolve("ids.csv"), "id,visitor\n3,ann\n17,bob\n42,cy\n");
        Path file = dir.resolve("jdbc.yaml");
        Files.writeString(file, """
                name: catalog-db
                jdbc:
                  url: "%s"
                feeders:
                  ids:
                    file: ids.csv
                    mode: random
                requests:
                  - label: read dataset
                    type: jdbc
                    weight: 4
                    feeder: ids
                    sql: SELECT id, name FROM datasets WHERE id = ?
                    params: ["${id}"]
                    checks:
                      - bodyContains: rows=1
                  - label: record visit
                    type: jdbc
                    weight: 1
                    feeder: ids
                    sql: INSERT INTO visits (dataset_id, visitor) VALUES (?, ?)
                    params: ["${id}", "${visitor}"]
                executor:
                  type: constant-arrival-rate
                  rate: 100
                  duration: 2s
                  preAllocatedVUs: 2
                  maxVUs: 8
                thresholds:
                  - rate<0.01
                """.formatted(postgres.jdbcUrl()));
        Scenario scenario = ScenarioParser.parse(file);

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunReport report = LoadRun.execute(scenario, RunOptions.defaults(), new PrintStream(console, true));
        System.out.println(console);

        long reads = report.summary().label("read dataset").map(l -> l.count()).orElse(0L);
        long writes = report.summary().label("record visit").map(l -> l.count()).orElse(0L);
        // 2 s at 100/s is 200 scheduled iterations; on a loaded machine a few may still be queued at the end.
        assertThat(reads + writes + report.summary().dropped()).isEqualTo(200);
        assertThat(reads).isPositive();
        assertThat(report.summary().total().errors()).isZero();
        assertThat(report.passed()).isTrue();
        try (Connection c = postgres.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*), count(DISTINCT visitor), min(dataset_id), max(dataset_id) FROM visits")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(writes);
            assertThat(rs.getInt(3)).isGreaterThanOrEqualTo(3);
            assertThat(rs.getInt(4)).isLessThanOrEqualTo(42);
        }
    }
}
