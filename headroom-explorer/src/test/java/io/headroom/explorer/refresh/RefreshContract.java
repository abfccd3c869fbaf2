package io.headroom.explorer.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.catalog.CatalogBulkLoader;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.db.CatalogDatabase;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.ServiceUnderTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SVC-4 refresh behaviour through the admin API, once per database (H2 and PostgreSQL subclasses). */
abstract class RefreshContract {
    private static final String TOKEN = ServiceUnderTest.ADMIN_TOKEN;

    @TempDir
    Path tempDir;

    private DatabaseUnderTest database;
    private final List<ServiceUnderTest> services = new ArrayList<>();

    protected abstract DatabaseUnderTest openDatabase(Path dir);

    @BeforeEach
    void openDatabase() {
        database = openDatabase(tempDir);
    }

    @AfterEach
    void closeAll() {
        services.forEach(ServiceUnderTest::close);
        if (database != null) { // null when the PostgreSQL variant was skipped (no server configured)
            database.close();
        }
    }

    private ServiceUnderTest start(FixedLake lake, Optional<String> token) {
        ServiceUnderTest service = ServiceUnderTest.start(database, tempDir, lake, token);
        services.add(service);
        return service;
    }

    @Test
    void initialRefreshFillsAnEmptyCatalogAndIsLogged() {
        ServiceUnderTest service = start(new FixedLake(CatalogFixture.datasets(40)), Optional.of(TOKEN));
        JsonNode status = service.awaitRefresh(1).json();
        assertThat(status.path("state").asText()).isEqualTo("finished");
        assertThat(status.path("scanned").asInt()).isEqualTo(40);
        assertThat(status.path("added").asInt()).isEqualTo(40);
        assertThat(status.path("updated").asInt()).isZero();
        assertThat(status.path("removed").asInt()).isZero();
        assertThat(Instant.parse(status.path("finishedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(status.path("startedAt").asText()));
        assertThat(service.client()
                        .get("/api/v1/stats/quick")
                        .json()
                        .path("totalCount")
                        .asInt())
                .isEqualTo(40);
        assertThat(logRow(1)).isEqualTo("FINISHED 40 40 0 0");
    }

    @Test
    void refreshAddsUpdatesAndRemovesVanishedDatasets() {
        List<DatasetMetadata> initial = CatalogFixture.datasets(30);
        FixedLake lake = new FixedLake(initial);
        ServiceUnderTest service = start(lake, Optional.of(TOKEN));
        service.awaitRefresh(1);

        assertThat(service.client()
                        .get("/api/v1/stats/quick")
                        .json()
                        .path("totalCount")
                        .asInt())
                .isEqualTo(30);
        assertThat(service.client().get("/api/v1/datasets").json().path("total").asInt())
                .isEqualTo(30);
        String firstRefreshEnd =
                service.client().get("/api/v1/stats").json().path("lastRefresh").asText();

        DatasetMetadata gone = initial.get(0);
        DatasetMetadata changed = initial.get(1);
        lake.remove(gone.path());
        lake.put(new DatasetMetadata(
                changed.path(),
                changed.name(),
                changed.folder(),
                changed.format(),
                changed.sizeBytes() + 1,
                changed.lastModified(),
                changed.recordCount(),
                changed.recordCountExact(),
                changed.columnCount(),
                changed.completeness(),
                changed.columns(),
                List.of("renamed-tag"),
                "now updated",
                changed.license()));
        List<DatasetMetadata> more = CatalogFixture.datasets(33).subList(30, 33);
        more.forEach(lake::put);

        ApiClient.Response accepted = service.client().post("/api/v1/admin/refresh", TOKEN);
        assertThat(accepted.status()).isEqualTo(202);
        long id = accepted.json().path("refreshId").asLong();
        JsonNode status = service.awaitRefresh(id).json();
        assertThat(status.path("state").asText()).isEqualTo("finished");
        assertThat(status.path("scanned").asInt()).isEqualTo(32);
        assertThat(status.path("added").asInt()).isEqualTo(3);
        assertThat(status.path("updated").asInt()).isEqualTo(1);
        assertThat(status.path("removed").asInt()).isEqualTo(1);

        // Cached totals and statistics were dropped by the refresh's writes.
        assertThat(service.client()
                        .get("/api/v1/stats/quick")
                        .json()
                        .path("totalCount")
                        .asInt())
                .isEqualTo(32);
        assertThat(service.client().get("/api/v1/datasets").json().path("total").asInt())
                .isEqualTo(32);
        assertThat(Instant.parse(service.client()
                        .get("/api/v1/stats")
                        .json()
                        .path("lastRefresh")
                        .asText()))
                .isAfter(Instant.parse(firstRefreshEnd));
        Set<String> paths = new HashSet<>();
        service.client()
                .get("/api/v1/datasets?limit=100")
                .json()
                .path("items")
                .forEach(i -> paths.add(i.path("path").asText()));
        assertThat(paths)
                .hasSize(32)
                .doesNotContain(gone.path())
                .contains(more.get(0).path(), changed.path());
        JsonNode updated =
                service.client().get("/api/v1/datasets?tag=renamed-tag").json();
        assertThat(updated.path("total").asInt()).isEqualTo(1);
        assertThat(updated.path("items").get(0).path("description").asText()).isEqualTo("now updated");
        assertThat(updated.path("items").get(0).path("sizeBytes").asLong()).isEqualTo(changed.sizeBytes() + 1);
    }

    @Test
    void secondRefreshWhileOneRunsIsAConflictAndProgressIsVisible() {
        FixedLake lake = new FixedLake(CatalogFixture.datasets(20));
        ServiceUnderTest service = start(lake, Optional.of(TOKEN));
        service.awaitRefresh(1);
        lake.hold();
        try {
            ApiClient.Response first = service.client().post("/api/v1/admin/refresh", TOKEN);
            assertThat(first.status()).isEqualTo(202);
            long id = first.json().path("refreshId").asLong();
            ApiClient.Response second = service.client().post("/api/v1/admin/refresh", TOKEN);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.contentType()).startsWith("application/problem+json");
            assertThat(second.json().path("detail").asText()).contains(Long.toString(id));
            JsonNode running =
                    service.client().get("/api/v1/admin/refresh/" + id, TOKEN).json();
            assertThat(running.path("state").asText()).isEqualTo("running");
            assertThat(running.path("finishedAt").isNull()).isTrue();
            lake.open();
            assertThat(service.awaitRefresh(id).json().path("state").asText()).isEqualTo("finished");
            assertThat(service.client().post("/api/v1/admin/refresh", TOKEN).status())
                    .isEqualTo(202);
        } finally {
            lake.open();
        }
    }

    @Test
    void datasetWhoseAnalysisFailsIsStillCataloguedFromItsListing() {
        List<DatasetMetadata> datasets = CatalogFixture.datasets(12);
        FixedLake lake = new FixedLake(datasets);
        lake.breakAnalysisOf(datasets.get(4).path());
        ServiceUnderTest service = start(lake, Optional.of(TOKEN));
        JsonNode status = service.awaitRefresh(1).json();
        assertThat(status.path("state").asText()).isEqualTo("finished");
        assertThat(status.path("added").asInt()).isEqualTo(12);
        assertThat(status.path("failed").asInt()).isEqualTo(1);
        JsonNode items =
                service.client().get("/api/v1/datasets?limit=100").json().path("items");
        JsonNode broken = null;
        for (JsonNode item : items) {
            if (item.path("path").asText().equals(datasets.get(4).path())) {
                broken = item;
            }
        }
        assertThat(broken).isNotNull();
        assertThat(broken.path("recordCount").isNull()).isTrue();
        assertThat(broken.path("sizeBytes").asLong()).isEqualTo(datasets.get(4).sizeBytes());
    }

    @Test
    void nonEmptyCatalogIsNotRefreshedAtStartUp() throws Exception {
        CatalogDatabase.migrate(database.jdbcUrl(), null, null);
        CatalogBulkLoader.forUrl(database.jdbcUrl())
                .load(this::connect, CatalogFixture.datasets(25).iterator());
        ServiceUnderTest service = start(new FixedLake(List.of()), Optional.of(TOKEN)); // an empty lake
        assertThat(service.client()
                        .get("/api/v1/stats/quick")
                        .json()
                        .path("totalCount")
                        .asInt())
                .isEqualTo(25);
        assertThat(service.client().get("/api/v1/admin/refresh/1", TOKEN).status())
                .isEqualTo(404);
        // Asked for explicitly, a refresh does make the catalog match the (empty) lake.
        long id = service.client()
                .post("/api/v1/admin/refresh", TOKEN)
                .json()
                .path("refreshId")
                .asLong();
        assertThat(service.awaitRefresh(id).json().path("removed").asInt()).isEqualTo(25);
        assertThat(service.client()
                        .get("/api/v1/stats/quick")
                        .json()
                        .path("totalCount")
                        .asInt())
                .isZero();
    }

    @Test
    void scheduledRefreshRunsEveryInterval() {
        FixedLake lake = new FixedLake(CatalogFixture.datasets(6));
        ServiceUnderTest service = ServiceUnderTest.start(
                database, tempDir, lake, Optional.of(TOKEN), Map.of("HEADROOM_REFRESH_INTERVAL", "200ms"));
        services.add(service);
        service.awaitRefresh(1);
        lake.put(CatalogFixture.datasets(7).get(6));
        // Nobody asks: the schedule starts refresh 2 (and more), which finds the new dataset.
        JsonNode second = service.awaitRefresh(2).json();
        assertThat(second.path("state").asText()).isEqualTo("finished");
        service.client()
                .await(
                        "/api/v1/stats/quick",
                        null,
                        r -> r.json().path("totalCount").asInt() == 7);
    }

    @Test
    void adminRoutesNeedTheBearerToken() {
        ServiceUnderTest service = start(new FixedLake(List.of()), Optional.of(TOKEN));
        for (String bearer : new String[] {null, "wrong", ""}) {
            ApiClient.Response post = service.client().post("/api/v1/admin/refresh", bearer);
            assertThat(post.status()).isEqualTo(401);
            assertThat(post.contentType()).startsWith("application/problem+json");
            assertThat(service.client().get("/api/v1/admin/refresh/1", bearer).status())
                    .isEqualTo(401);
        }
        assertThat(service.client().post("/api/admin/refresh", "wrong").status())
                .isEqualTo(401);
        assertThat(service.client().get("/api/v1/admin/refresh/nope", TOKEN).status())
                .isEqualTo(400);
        assertThat(service.client().get("/api/v1/admin/refresh/424242", TOKEN).status())
                .isEqualTo(404);
    }

    @Test
    void withoutAnAdminTokenAdminRoutesTakeAnAdminsLogin() {
        ServiceUnderTest service = start(new FixedLake(List.of()), Optional.empty());
        ApiClient.Response response = service.client().post("/api/v1/admin/refresh", "anything");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
        ApiClient.Response anonymous = service.client().get("/api/v1/admin/refresh/1");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("detail").asText())
                .contains("HEADROOM_ADMIN_TOKEN")
                .contains("login");
        String admin = service.client().login("admin", ServiceUnderTest.ADMIN_PASSWORD);
        assertThat(service.client().get("/api/v1/admin/refresh/1", admin).status())
                .isEqualTo(200);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl());
    }

    private String logRow(long id) {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT state, scanned, added, updated, removed FROM refresh_log WHERE id = " + id)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3) + " " + rs.getInt(4) + " " + rs.getInt(5);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
