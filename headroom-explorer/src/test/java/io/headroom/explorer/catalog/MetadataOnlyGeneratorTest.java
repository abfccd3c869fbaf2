package io.headroom.explorer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.headroom.explorer.db.CatalogDatabase;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.toolkit.db.ConnectionPool;
import io.headroom.toolkit.db.PoolSettings;
import io.headroom.toolkit.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataOnlyGeneratorTest {
    private static final int COUNT = 3_000;

    @TempDir
    Path tempDir;

    @Test
    void sameSeedGivesTheSameDatasetsAndPathsAreUnique() {
        List<DatasetMetadata> first = list(MetadataOnlyGenerator.datasets(COUNT, 7));
        List<DatasetMetadata> again = list(MetadataOnlyGenerator.datasets(COUNT, 7));
        List<DatasetMetadata> other = list(MetadataOnlyGenerator.datasets(COUNT, 8));
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        Set<String> paths = new HashSet<>();
        first.forEach(m -> paths.add(m.path()));
        assertThat(paths).hasSize(COUNT);
        long inTopFolder =
                first.stream().filter(m -> m.folder().equals("environment")).count();
        long inLastFolder =
                first.stream().filter(m -> m.folder().equals("housing")).count();
        assertThat(inTopFolder).as("folders are skewed").isGreaterThan(5 * inLastFolder);
        assertThat(first.stream().filter(m -> m.format() == DatasetFormat.CSV).count())
                .isGreaterThan(first.stream()
                        .filter(m -> m.format() == DatasetFormat.ORC)
                        .count());
    }

    @Test
    void loadsIntoH2() throws Exception {
        assertLoads(DatabaseUnderTest.h2(tempDir));
    }

    @Test
    void loadsIntoPostgresWithCopy() throws Exception {
        assertLoads(DatabaseUnderTest.postgres());
    }

    @Test
    void postgresMigrationKeepsTheTrigramExtensionOutOfTheCatalogSchema() throws Exception {
        try (TestPostgres postgres = TestPostgres.createSchema()) {
            CatalogDatabase.migrate(postgres.jdbcUrl(), null, null);
            try (Connection c = postgres.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'")) {
                assertThat(rs.next()).as("pg_trgm installed").isTrue();
                // Inside the catalog schema, dropping that schema would drop the extension and every trigram index.
                assertThat(rs.getString(1)).isNotEqualTo(postgres.schema());
            }
            try (Connection c = postgres.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'datasets_name_trgm_idx'")) {
                assertThat(rs.next()).as("trigram index created").isTrue();
                assertThat(rs.getString(1)).contains("gin_trgm_ops");
            }
        }
    }

    /** Every field, NULLs and non-ASCII text included, reads back as it was written by the binary COPY. */
    @Test
    void everyFieldSurvivesTheBinaryCopyIntoPostgres() throws Exception {
        List<DatasetMetadata> written = new ArrayList<>(list(MetadataOnlyGenerator.datasets(500, 5)));
        written.add(new DatasetMetadata(
                "umwelt/Ökologie – Messwerte 北京.csv",
                "Ökologie – Messwerte 北京",
                "umwelt",
                DatasetFormat.CSV,
                0,
                Instant.parse("1999-12-31T23:59:59.123456Z"),
                null,
                false,
                null,
                null,
                List.of(new Column("wert \"in\" €", "float")),
                List.of("ökologie", "ökologie", "tag,with\ttab"),
                null,
                null));
        written.add(new DatasetMetadata(
                "far/future.bin",
                "future",
                "far",
                DatasetFormat.OTHER,
                Long.MAX_VALUE,
                Instant.parse("2262-04-11T23:47:16Z"),
                Long.MIN_VALUE,
                true,
                Integer.MAX_VALUE,
                0.0,
                List.of(),
                List.of(),
                "",
                ""));
        try (DatabaseUnderTest database = DatabaseUnderTest.postgres()) {
            CatalogDatabase.migrate(database.jdbcUrl(), null, null);
            CatalogBulkLoader.forUrl(database.jdbcUrl())
                    .load(() -> DriverManager.getConnection(database.jdbcUrl()), written.iterator());
            try (HikariDataSource pool = ConnectionPool.create(new PoolSettings(
                    "test", database.jdbcUrl(), Optional.empty(), Optional.empty(), 2, 0, Duration.ofSeconds(5)))) {
                DatasetRepository repository = new DatasetRepository(pool);
                for (int i = 0; i < written.size(); i++) {
                    DatasetMetadata m = written.get(i);
                    Dataset read = repository.byId(i + 1).orElseThrow();
                    assertThat(read)
                            .as(m.path())
                            .isEqualTo(new Dataset(
                                    i + 1,
                                    m.name(),
                                    m.folder(),
                                    m.path(),
                                    m.format().apiName(),
                                    m.sizeBytes(),
                                    m.lastModified(),
                                    m.recordCount(),
                                    m.recordCountExact(),
                                    m.columnCount(),
                                    m.completeness(),
                                    m.communityDataPoints(),
                                    0L,
                                    m.tags().stream().distinct().sorted().toList(),
                                    m.description(),
                                    m.license(),
                                    m.columns()));
                }
            }
        }
    }

    /**
     * A duplicate path is only found when the unique key is built, after the rows have committed: the
     * load must fail and leave the empty catalog it found, every index and key in place.
     */
    @Test
    void failedLoadIntoEmptyPostgresCatalogLeavesItEmptyWithEveryIndex() throws Exception {
        List<DatasetMetadata> written = new ArrayList<>(list(MetadataOnlyGenerator.datasets(2_000, 3)));
        written.add(written.get(1_234)); // the same path twice
        try (DatabaseUnderTest database = DatabaseUnderTest.postgres()) {
            CatalogDatabase.migrate(database.jdbcUrl(), null, null);
            List<String> schemaBefore;
            try (Connection c = DriverManager.getConnection(database.jdbcUrl())) {
                schemaBefore = indexesAndConstraints(c);
            }
            assertThat(schemaBefore).hasSizeGreaterThan(10);
            assertThatThrownBy(() -> CatalogBulkLoader.forUrl(database.jdbcUrl())
                            .load(() -> DriverManager.getConnection(database.jdbcUrl()), written.iterator()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("datasets_path_key");
            try (Connection c = DriverManager.getConnection(database.jdbcUrl())) {
                assertThat(single(c, "SELECT count(*) FROM datasets")).isZero();
                assertThat(single(c, "SELECT count(*) FROM dataset_tags")).isZero();
                assertThat(indexesAndConstraints(c)).isEqualTo(schemaBefore);
            }
            // Whole again: a correct load now succeeds, and the unique key works.
            CatalogBulkLoader.forUrl(database.jdbcUrl())
                    .load(
                            () -> DriverManager.getConnection(database.jdbcUrl()),
                            written.subList(0, 2_000).iterator());
            try (Connection c = DriverManager.getConnection(database.jdbcUrl())) {
                assertThat(single(c, "SELECT count(*) FROM datasets")).isEqualTo(2_000);
                assertThat(indexesAndConstraints(c)).isEqualTo(schemaBefore);
            }
        }
    }

    /** Index definitions, constraints and storage options of the catalog tables, sorted: what a migration made. */
    private static List<String> indexesAndConstraints(Connection c) throws SQLException {
        List<String> result = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('datasets', 'dataset_tags') "
                                + "UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated FROM pg_constraint "
                                + "WHERE conrelid IN ('datasets'::regclass, 'dataset_tags'::regclass) "
                                + "UNION ALL SELECT relname || ' options ' || coalesce(reloptions::text, 'none') FROM pg_class "
                                + "WHERE oid IN ('datasets'::regclass, 'dataset_tags'::regclass) ORDER BY 1")) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    private void assertLoads(DatabaseUnderTest database) throws Exception {
        try (database) {
            MetadataOnlyGenerator.LoadReport report =
                    MetadataOnlyGenerator.load(database.jdbcUrl(), null, null, COUNT, 11);
            assertThat(report.rows()).isEqualTo(COUNT);
            assertThat(report.rowsPerSecond()).isPositive();
            List<DatasetMetadata> expected = list(MetadataOnlyGenerator.datasets(COUNT, 11));
            long tags = expected.stream()
                    .mapToLong(m -> m.tags().stream().distinct().count())
                    .sum();
            long dataPoints = expected.stream()
                    .mapToLong(DatasetMetadata::communityDataPoints)
                    .sum();
            try (Connection c = DriverManager.getConnection(database.jdbcUrl())) {
                assertThat(single(c, "SELECT count(*) FROM datasets")).isEqualTo(COUNT);
                assertThat(single(c, "SELECT count(*) FROM dataset_tags")).isEqualTo(tags);
                assertThat(single(c, "SELECT sum(community_data_points) FROM datasets"))
                        .isEqualTo(dataPoints);
                // The identity continues after the loaded ids, and the unique path key is back.
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO datasets (path, name, folder, format, size_bytes, last_modified) "
                            + "VALUES ('x/new.csv', 'new', 'x', 'csv', 1, CURRENT_TIMESTAMP)");
                }
                assertThat(single(c, "SELECT id FROM datasets WHERE path = 'x/new.csv'"))
                        .isEqualTo(COUNT + 1);
                // Loading the same paths again fails as a whole and leaves the catalog as it was.
                assertThatThrownBy(() -> CatalogBulkLoader.forUrl(database.jdbcUrl())
                                .load(
                                        () -> DriverManager.getConnection(database.jdbcUrl()),
                                        MetadataOnlyGenerator.datasets(10, 11)))
                        .isInstanceOf(SQLException.class);
                assertThat(single(c, "SELECT count(*) FROM datasets")).isEqualTo(COUNT + 1);
            }
            assertDeepOffsetPageEqualsCursorPage(database);
        }
    }

    /** Offsets from 1,000 on take the deferred-join path; it must give the rows the cursor gives. */
    private static void assertDeepOffsetPageEqualsCursorPage(DatabaseUnderTest database) {
        try (HikariDataSource pool = ConnectionPool.create(new PoolSettings(
                "test", database.jdbcUrl(), Optional.empty(), Optional.empty(), 2, 0, Duration.ofSeconds(5)))) {
            DatasetRepository repository = new DatasetRepository(pool);
            for (String sortName : List.of("name", "-size", "lastModified")) {
                DatasetSort sort = DatasetSort.parse(sortName).orElseThrow();
                DatasetPage deep =
                        repository.page(new DatasetQuery(DatasetFilter.NONE, sort, 20, new DatasetQuery.Offset(1500)));
                DatasetPage before =
                        repository.page(new DatasetQuery(DatasetFilter.NONE, sort, 20, new DatasetQuery.Offset(980)));
                DatasetPage shallowNext = repository.page(new DatasetQuery(
                        DatasetFilter.NONE,
                        sort,
                        20,
                        new DatasetQuery.After(PageCursor.decode(before.nextCursor(), sort))));
                DatasetPage atThousand =
                        repository.page(new DatasetQuery(DatasetFilter.NONE, sort, 20, new DatasetQuery.Offset(1000)));
                assertThat(ids(atThousand))
                        .as(sortName)
                        .isEqualTo(ids(shallowNext))
                        .hasSize(20);
                DatasetPage previous =
                        repository.page(new DatasetQuery(DatasetFilter.NONE, sort, 20, new DatasetQuery.Offset(1480)));
                DatasetPage viaCursor = repository.page(new DatasetQuery(
                        DatasetFilter.NONE,
                        sort,
                        20,
                        new DatasetQuery.After(PageCursor.decode(previous.nextCursor(), sort))));
                assertThat(ids(deep)).as(sortName).isEqualTo(ids(viaCursor)).hasSize(20);
                assertThat(deep.hasNext()).isTrue();
            }
        }
    }

    private static List<Long> ids(DatasetPage page) {
        return page.items().stream().map(Dataset::id).toList();
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<DatasetMetadata> list(Iterator<DatasetMetadata> iterator) {
        List<DatasetMetadata> result = new ArrayList<>();
        iterator.forEachRemaining(result::add);
        return result;
    }
}
