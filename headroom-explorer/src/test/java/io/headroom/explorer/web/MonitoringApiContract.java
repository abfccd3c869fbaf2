package io.headroom.explorer.web;

import static io.headroom.explorer.testing.ServiceUnderTest.METRICS_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/performance/stats} and {@code /metrics} of the real service with its catalog,
 * once per database (H2 default and PostgreSQL subclasses).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MonitoringApiContract {
    @TempDir
    static Path tempDir;

    private ServiceUnderTest service;
    private ApiClient api;

    protected abstract DatabaseUnderTest openDatabase(Path dir);

    /** What the database section says for this database. */
    protected abstract void assertDatabaseSection(JsonNode database);

    @BeforeAll
    void startService() {
        service = ServiceUnderTest.overCatalog(openDatabase(tempDir), tempDir, CatalogFixture.datasets(12));
        api = service.client();
    }

    @AfterAll
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void statsShowRoutesQueriesAndPool() {
        String id = api.get("/api/v1/datasets?limit=1")
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asText();
        assertThat(api.get("/api/v1/datasets/" + id).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/datasets/" + id).status()).isEqualTo(200);

        // A request is recorded right after its response is sent, so the client may ask for the stats
        // a moment before its last request is counted: wait for the count instead of racing it.
        Await.until(
                Duration.ofSeconds(10),
                "both requests recorded",
                () -> routeCount(
                                api.get("/api/performance/stats", METRICS_TOKEN).json(), "/api/v1/datasets/{id}")
                        == 2);
        ApiClient.Response response = api.get("/api/performance/stats", METRICS_TOKEN);
        assertThat(response.status()).isEqualTo(200);
        JsonNode stats = response.json();
        JsonNode byId = null;
        for (JsonNode route : stats.path("requests").path("routes")) {
            assertThat(route.path("route").asText())
                    .as("no raw ids in route names")
                    .doesNotContain("/datasets/" + id);
            if (route.path("route").asText().equals("/api/v1/datasets/{id}")) {
                byId = route;
            }
        }
        assertThat(byId).as("the route template /api/v1/datasets/{id}").isNotNull();
        assertThat(byId.path("count").asLong()).isEqualTo(2);

        JsonNode queries = stats.path("queries");
        assertThat(queries.path("total").asLong())
                .as("catalog statements go through the timing proxy")
                .isPositive();
        assertThat(queries.path("byType").has("SELECT")).isTrue();
        assertThat(queries.path("topStatements")).isNotEmpty();

        JsonNode pool = stats.path("pool");
        assertThat(pool.path("pool").asText()).isEqualTo("catalog");
        assertThat(pool.path("max").asInt()).isPositive();
        assertThat(pool.path("acquire").path("count").asLong()).isPositive();

        assertThat(stats.path("resources").path("latest").path("heapUsedBytes").asLong())
                .isPositive();
        assertThat(stats.path("alerts").has("active")).isTrue();
        assertDatabaseSection(stats.path("database"));
    }

    @Test
    void metricsCarryRouteQueryAndPoolSeries() {
        api.get("/api/v1/datasets");
        // recorded after its response went out: wait for the series rather than race it
        Await.until(
                Duration.ofSeconds(10),
                "the datasets route in /metrics",
                () -> api.get("/metrics", METRICS_TOKEN).raw().body().contains("uri=\"/api/v1/datasets\""));
        ApiClient.Response response = api.get("/metrics", METRICS_TOKEN);
        assertThat(response.status()).isEqualTo(200);
        String body = response.raw().body();
        assertThat(body)
                .contains("http_server_requests_seconds_bucket{method=\"GET\",uri=\"/api/v1/datasets\"")
                .contains("db_statements_seconds_bucket{type=\"select\"")
                .contains("db_pool_active{pool=\"catalog\"}")
                .contains("db_pool_acquire_seconds_bucket{pool=\"catalog\"");
    }

    private static long routeCount(JsonNode stats, String route) {
        for (JsonNode r : stats.path("requests").path("routes")) {
            if (r.path("route").asText().equals(route)) {
                return r.path("count").asLong();
            }
        }
        return 0;
    }
}
