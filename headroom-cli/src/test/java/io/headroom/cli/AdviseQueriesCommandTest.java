package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.toolkit.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom advise-queries} on the real PostgreSQL: EXPLAIN, the suggested index, and nothing changed. */
class AdviseQueriesCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private TestPostgres db;
    private String statement;

    @BeforeEach
    void tableOf50000RowsWithAnIndexOnFolder() throws Exception {
        db = TestPostgres.createSchema();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL, folder text NOT NULL, size bigint)");
            s.execute(
                    "INSERT INTO items SELECT g, 'item-' || g, 'folder-' || (g % 500), g * 7 FROM generate_series(1, 50000) g");
            s.execute("CREATE INDEX items_folder ON items (folder)");
            s.execute("ANALYZE items");
        }
        statement = "SELECT id, name FROM " + db.schema() + ".items WHERE folder = ? ORDER BY name LIMIT ?";
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void aDroppedIndexIsNamedByItsColumnWithTheSortKeyAndTheDatabaseIsLeftAsItWas() throws Exception {
        CommandRun withIndex =
                CommandRun.of("advise-queries", "--database", db.jdbcUrl(), "--statement", statement, "--json");
        assertThat(withIndex.exitCode()).as(withIndex.err()).isZero();
        assertThat(MAPPER.readTree(withIndex.out()).at("/statements/0/suggestions"))
                .as(withIndex.out())
                .isEmpty();

        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("DROP INDEX items_folder");
        }
        List<String> before = indexesAndRows();
        CommandRun run =
                CommandRun.of("advise-queries", "--database", db.jdbcUrl(), "--statement", statement, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode advice = MAPPER.readTree(run.out());
        assertThat(advice.at("/notes/0").asText()).contains("pg_stat_statements is not installed");
        JsonNode suggestion = advice.at("/statements/0/suggestions/0");
        assertThat(suggestion.path("kind").asText()).as(run.out()).isEqualTo("sequential_scan_on_large_table");
        assertThat(suggestion.path("columns").get(0).asText()).isEqualTo("folder");
        assertThat(suggestion.path("createIndex").asText())
                .isEqualTo("CREATE INDEX ON " + db.schema() + ".items (folder, name);");
        assertThat(suggestion.path("reasoning").asText())
                .contains("Seq Scan reads all ~50,000 rows")
                .contains("then sorts them by name");
        assertThat(suggestion.path("estimatedGain").asDouble()).isGreaterThan(0.5);
        assertThat(indexesAndRows()).as("advice never changes the database").isEqualTo(before);
    }

    @Test
    void aRunsStatementsAreAdvisedOnWithTheLabelsThatRanThemAndWritesAreNotExplained() throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("DROP INDEX items_folder");
        }
        Path summary = dir.resolve("summary.json");
        Files.writeString(summary, """
                {"total": {"label": "Total", "count": 10, "p95": 1}, "series": [],
                 "labels": {"GET /api/items?folder=a": {"label": "GET /api/items?folder=a", "count": 10}},
                 "server": {"instances": [{"headroom": true}], "timeline": [], "statements": [
                   {"sql": "%s", "count": 900, "totalMs": 4500.0, "routes": ["GET /api/items"]},
                   {"sql": "UPDATE %s.items SET size = ? WHERE id = ?", "count": 5, "totalMs": 1.0, "routes": []}]}}
                """.formatted(statement, db.schema()));

        CommandRun run = CommandRun.of("advise-queries", "--database", db.jdbcUrl(), "--summary", summary.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("ran by: labels GET /api/items?folder=a  routes GET /api/items")
                .contains("suggest: CREATE INDEX ON " + db.schema() + ".items (folder, name);")
                .contains("from run, 900 calls, 4500.0 ms in total")
                .contains("skipped: not a read: only SELECTs are explained");
    }

    @Test
    void anIndexScanThatFetchesOneMoreColumnFromTheHeapGetsACoveringIndex() throws Exception {
        CommandRun run = CommandRun.of(
                "advise-queries",
                "--database",
                db.jdbcUrl(),
                "--json",
                "--statement",
                "SELECT name FROM " + db.schema() + ".items WHERE id BETWEEN ? AND ?");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode suggestion = MAPPER.readTree(run.out()).at("/statements/0/suggestions/0");
        assertThat(suggestion.path("kind").asText()).as(run.out()).isEqualTo("index_only_scan_possible");
        assertThat(suggestion.path("createIndex").asText())
                .isEqualTo("CREATE INDEX ON " + db.schema() + ".items (id) INCLUDE (name);");
    }

    @Test
    void anUnreachableDatabaseIsAUsageErrorWithoutThePassword() {
        CommandRun run = CommandRun.of(
                "advise-queries",
                "--database",
                "jdbc:postgresql://127.0.0.1:1/none?user=x&password=secret",
                "--statement",
                "SELECT 1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("headroom advise-queries: --database ").doesNotContain("secret");
    }

    private List<String> indexesAndRows() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = '" + db.schema()
                        + "' UNION ALL SELECT count(*)::text || ' ' || sum(size)::text FROM items ORDER BY 1")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
