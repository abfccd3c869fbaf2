package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.ExplorerServer;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitoring routes of the real service: what they show, and who may see it. */
class MonitoringRoutesTest {
    private static final String ADMIN = "admin-secret";
    private static final String METRICS = "metrics-secret";
    private static final List<String> MONITORING_ROUTES =
            List.of("/api/performance/stats", "/metrics", "/api/v1/alerts", "/api/alerts");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private ExplorerServer start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "HEADROOM_PORT",
                "0",
                "HEADROOM_HOST",
                "127.0.0.1",
                "HEADROOM_DATA_DIR",
                dataDir.toString(),
                "HEADROOM_SAMPLE_DATASETS",
                "0"));
        env.putAll(extra);
        return ExplorerServer.start(ExplorerConfig.from(new Settings(env)));
    }

    private ExplorerServer startWithTokens() {
        return start(Map.of("HEADROOM_ADMIN_TOKEN", ADMIN, "HEADROOM_METRICS_TOKEN", METRICS));
    }

    private HttpResponse<String> get(ExplorerServer server, String path) throws Exception {
        return get(server, path, null);
    }

    private HttpResponse<String> get(ExplorerServer server, String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String body(ExplorerServer server, String path) {
        try {
            return get(server, path, METRICS).body();
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    @Test
    void statsDocumentCountsTheHealthRouteByTemplate() throws Exception {
        try (ExplorerServer server = startWithTokens()) {
            assertThat(get(server, "/api/health").statusCode()).isEqualTo(200);
            // A request is recorded after its response has gone out: wait for it rather than race it.
            Await.until(
                    Duration.ofSeconds(10),
                    "/api/health in the stats",
                    () -> body(server, "/api/performance/stats").contains("\"route\":\"/api/health\""));
            HttpResponse<String> response = get(server, "/api/performance/stats", METRICS);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode stats = Json.mapper().readTree(response.body());
            assertThat(stats.get("requests").get("routes").toString()).contains("\"route\":\"/api/health\"");
            for (String section :
                    new String[] {"requests", "queries", "pool", "cache", "resources", "alerts", "database"}) {
                assertThat(stats.has(section)).as(section).isTrue();
            }
        }
    }

    @Test
    void metricsAndAlertsAnswerTheMetricsToken() throws Exception {
        try (ExplorerServer server = startWithTokens()) {
            get(server, "/api/health");
            Await.until(
                    Duration.ofSeconds(10),
                    "/api/health in /metrics",
                    () -> body(server, "/metrics").contains("uri=\"/api/health\""));
            HttpResponse<String> metrics = get(server, "/metrics", METRICS);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("http_server_requests_seconds_bucket{")
                    .contains("uri=\"/api/health\"");
            assertThat(get(server, "/api/v1/alerts", METRICS).statusCode()).isEqualTo(200);
            assertThat(get(server, "/api/alerts", METRICS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void monitoringOffRecordsNoRequests() throws Exception {
        try (ExplorerServer server = start(Map.of("HEADROOM_MONITORING", "off", "HEADROOM_METRICS_TOKEN", METRICS))) {
            get(server, "/api/health");
            JsonNode stats = Json.mapper()
                    .readTree(get(server, "/api/performance/stats", METRICS).body());
            assertThat(stats.get("requests").get("total").asLong()).isZero();
        }
    }

    @Test
    void withNoTokenConfiguredEveryMonitoringRouteIsA401SayingHowToOpenIt() throws Exception {
        try (ExplorerServer server = start(Map.of())) {
            for (String path : MONITORING_ROUTES) {
                HttpResponse<String> response = get(server, path);
                assertThat(response.statusCode()).as(path).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate"))
                        .as(path)
                        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
                assertThat(response.headers().firstValue("content-type"))
                        .as(path)
                        .contains("application/problem+json");
                assertThat(Json.mapper()
                                .readTree(response.body())
                                .path("detail")
                                .asText())
                        .as(path)
                        .contains("HEADROOM_METRICS_TOKEN")
                        .contains("HEADROOM_MONITORING_PUBLIC=true");
                assertThat(response.body()).as(path).doesNotContain("heap").doesNotContain("SELECT");
            }
            assertThat(get(server, "/api/health").statusCode())
                    .as("health stays public")
                    .isEqualTo(200);
        }
    }

    @Test
    void withTokensConfiguredAMissingOrWrongTokenIsA401() throws Exception {
        try (ExplorerServer server = startWithTokens()) {
            for (String path : MONITORING_ROUTES) {
                HttpResponse<String> missing = get(server, path);
                assertThat(missing.statusCode()).as(path).isEqualTo(401);
                assertThat(missing.headers().firstValue("WWW-Authenticate"))
                        .as(path)
                        .isPresent();
                HttpResponse<String> wrong = get(server, path, METRICS + "x");
                assertThat(wrong.statusCode()).as(path).isEqualTo(401);
                assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                        .as(path)
                        .hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
            }
        }
    }

    @Test
    void theMetricsTokenAndTheAdminTokenOpenEveryMonitoringRoute() throws Exception {
        try (ExplorerServer server = startWithTokens()) {
            for (String path : MONITORING_ROUTES) {
                HttpResponse<String> response = get(server, path, METRICS);
                assertThat(response.statusCode())
                        .as(path + " with the metrics token")
                        .isEqualTo(200);
                assertThat(response.headers().firstValue("Cache-Control"))
                        .as(path)
                        .contains("private, no-store");
                assertThat(get(server, path, ADMIN).statusCode())
                        .as(path + " with the admin token")
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void theMetricsTokenDoesNotOpenAdminRoutes() throws Exception {
        try (ExplorerServer server = startWithTokens()) {
            HttpResponse<String> response = get(server, "/api/v1/admin/cache", METRICS);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(get(server, "/api/v1/admin/cache", ADMIN).statusCode())
                    .as("the admin token does")
                    .isEqualTo(200);
        }
    }

    @Test
    void theMetricsTokenAloneOpensNoAdminRoute() throws Exception {
        try (ExplorerServer server = start(Map.of("HEADROOM_METRICS_TOKEN", METRICS))) {
            HttpResponse<String> response = get(server, "/api/v1/admin/cache", METRICS);
            assertThat(response.statusCode())
                    .as("the metrics token opens monitoring only")
                    .isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void openingMonitoringExplicitlyLetsAnyoneIn() throws Exception {
        try (ExplorerServer server = start(Map.of("HEADROOM_MONITORING_PUBLIC", "true"))) {
            for (String path : MONITORING_ROUTES) {
                assertThat(get(server, path).statusCode()).as(path).isEqualTo(200);
            }
            assertThat(get(server, "/api/v1/admin/cache").statusCode())
                    .as("admin routes stay closed")
                    .isEqualTo(401);
        }
    }
}
