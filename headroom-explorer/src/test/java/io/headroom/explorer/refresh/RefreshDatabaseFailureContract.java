package io.headroom.explorer.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.catalog.CatalogWriter;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.catalog.RefreshLease;
import io.headroom.explorer.catalog.RefreshLog;
import io.headroom.explorer.config.ExplorerConfig.RefreshSettings;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.PooledCatalog;
import io.headroom.explorer.testing.SeveredDataSource;
import io.headroom.toolkit.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refresh that loses the database: its log row must not stay RUNNING once the database is back,
 * whether its own instance survives (it writes the end it kept) or not (another instance closes the
 * row when the lease has expired). Once per database (H2 and PostgreSQL subclasses).
 */
abstract class RefreshDatabaseFailureContract {
    /** Short, so a dead owner's lease runs out within the test; the heartbeat still beats every 333 ms. */
    private static final Duration TTL = Duration.ofSeconds(1);

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    private PooledCatalog catalog;
    private final List<RefreshService> services = new ArrayList<>();

    protected abstract DatabaseUnderTest openDatabase(Path dir);

    @BeforeEach
    void open() {
        catalog = PooledCatalog.open(openDatabase(tempDir));
    }

    @AfterEach
    void close() {
        services.forEach(RefreshService::close);
        if (catalog != null) { // null when the PostgreSQL variant was skipped (no server configured)
            catalog.close();
        }
    }

    private RefreshService service(FixedLake lake, DataSource dataSource, String owner) {
        RefreshService service = new RefreshService(
                lake,
                new CatalogWriter(dataSource, catalog.dialect()),
                new DatasetRepository(dataSource),
                new RefreshLog(dataSource),
                new RefreshLease(dataSource, owner, TTL),
                new RefreshSettings(Duration.ZERO, 2, 4, 1 << 20, TTL));
        services.add(service);
        return service;
    }

    @Test
    void aRunningRowLeftByADatabaseFailureIsClosedAsFailedOnceTheDatabaseIsBack() {
        FixedLake lake = new FixedLake(CatalogFixture.datasets(10));
        SeveredDataSource dataSource = new SeveredDataSource(catalog.dataSource());
        RefreshService service = service(lake, dataSource, "survivor");
        lake.hold();
        service.begin(); // the catalog is empty: refresh 1 starts, and waits in the lake
        dataSource.sever();
        lake.open(); // its first batch cannot be written, nor can its end
        Await.until(
                DEADLINE,
                "the refresh fails",
                () -> service.status(1).orElseThrow().state() == RefreshLog.State.FAILED);
        assertThat(logRow(1)).isEqualTo("RUNNING null");

        dataSource.restore();
        Await.until(DEADLINE, "the end is written", () -> !logRow(1).startsWith("RUNNING"));
        assertThat(logRow(1))
                .startsWith("FAILED CatalogException: Cannot upsert a batch of 4 datasets")
                .contains("the test severed the database");
        assertThat(catalog.number("SELECT COUNT(*) FROM refresh_lease WHERE owner IS NULL"))
                .isEqualTo(1); // given back
        assertThat(service.start()).isEqualTo(new RefreshService.StartResult.Started(2));
        Await.until(DEADLINE, "refresh 2 finishes", () -> logRow(2).startsWith("FINISHED"));
        assertThat(catalog.number("SELECT COUNT(*) FROM datasets")).isEqualTo(10);
    }

    @Test
    void aRunningRowOfAnInstanceThatDiedWithoutTheDatabaseIsClosedByAnother() {
        FixedLake lake = new FixedLake(CatalogFixture.datasets(10));
        SeveredDataSource dataSource = new SeveredDataSource(catalog.dataSource());
        RefreshService dying = service(lake, dataSource, "dying");
        lake.hold();
        dying.begin();
        dataSource.sever();
        lake.open();
        Await.until(
                DEADLINE,
                "the refresh fails",
                () -> dying.status(1).orElseThrow().state() == RefreshLog.State.FAILED);
        dying.close(); // it cannot write its end on the way out either
        assertThat(logRow(1)).isEqualTo("RUNNING null");

        RefreshService other = service(new FixedLake(CatalogFixture.datasets(10)), catalog.dataSource(), "other");
        other.begin(); // sees the row; closes it once the dead owner's lease has run out
        Await.until(DEADLINE, "the row is closed", () -> !logRow(1).startsWith("RUNNING"));
        assertThat(logRow(1)).startsWith("FAILED abandoned");
    }

    /** "state error" of a refresh_log row. */
    private String logRow(long id) {
        return catalog.rows("SELECT state, error FROM refresh_log WHERE id = " + id)
                .get(0);
    }
}
