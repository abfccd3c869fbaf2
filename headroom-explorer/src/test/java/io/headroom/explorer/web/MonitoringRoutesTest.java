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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringRoutesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    private ExplorerServer start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("HEADROOM_PORT", "0", "HEADROOM_HOST", "127.0.0.1",
                "HEADROOM_DATA_DIR", dataDir.toString(), "HEADROOM_SAMPLE_DATASETS", "0"));
        env.putAll(extra);
        return ExplorerServer.start(ExplorerConfig.from(new Settings(env)));
    }

    private HttpResponse<String> get(ExplorerServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String body(ExplorerServer server, String path) {
        try {
            return get(server, path).body();
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }

    @Test
    void statsDocumentCountsTheHealthRouteByTemplate() throws Exception {
        try (ExplorerServer server = start(Map.of())) {
            assertThat(get(server, "/api/health").statusCode()).isEqualTo(200);
            // A request is recorded after its response has gone out: wait for it rather than race it.
            Await.until(Duration.ofSeconds(10), "/api/health in the stats",
                    () -> body(server, "/api/performance/stats").contains("\"route\":\"/api/health\""));
            HttpResponse<String> response = get(server, "/api/performance/stats");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode stats = Json.mapper().readTree(response.body());
            assertThat(stats.get("requests").get("routes").toString()).contains("\"route\":\"/api/health\"");
            for (String section : new String[]{"requests", "queries", "pool", "cache", "resources", "alerts", "database"}) {
                assertThat(stats.has(section)).as(section).isTrue();
            }
        }
    }

    @Test
    void metricsAndAlertsAnswer() throws Exception {
        try (ExplorerServer server = start(Map.of())) {
            get(server, "/api/health");
            Await.until(Duration.ofSeconds(10), "/api/health in /metrics", () -> body(server, "/metrics").contains("uri=\"/api/health\""));
            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("http_server_requests_seconds_bucket{").contains("uri=\"/api/health\"");
            assertThat(get(server, "/api/v1/alerts").statusCode()).isEqualTo(200);
            assertThat(get(server, "/api/alerts").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void monitoringOffRecordsNoRequests() throws Exception {
        try (ExplorerServer server = start(Map.of("HEADROOM_MONITORING", "off"))) {
            get(server, "/api/health");
            JsonNode stats = Json.mapper().readTree(get(server, "/api/performance/stats").body());
            assertThat(stats.get("requests").get("total").asLong()).isZero();
        }
    }
}
