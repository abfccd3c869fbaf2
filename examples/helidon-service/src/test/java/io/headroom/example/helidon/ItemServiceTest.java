package io.headroom.example.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.testing.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example service over real HTTP: what a Helidon service gets from its few lines of wiring. */
class ItemServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> webhookBodies = new CopyOnWriteArrayList<>();
    private HttpServer webhook;
    private ItemService service;

    @BeforeEach
    void start() throws IOException {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        // What ITEMS_* environment variables would say; each test database is its own in-memory one.
        Map<String, String> env = Map.of(
                "ITEMS_DATABASE_URL",
                "jdbc:h2:mem:items-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "ITEMS_ALERT_ROUTE_BUDGETS",
                "/slow=100",
                "ITEMS_ALERT_MIN_REQUESTS",
                "2",
                "ITEMS_ALERT_WEBHOOKS",
                "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
        service = ItemService.start(
                Settings.of(key -> Optional.ofNullable(env.get(key)), Settings.Naming.prefixed("ITEMS_")), 0);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        webhook.stop(0);
    }

    @Test
    void requestsAreRecordedPerRouteTemplateInTheStatsDocumentAndInMetrics() throws Exception {
        assertThat(get("/items/1").body()).contains("\"name\":\"kettle\"");
        assertThat(get("/items/2").body()).contains("\"name\":\"teapot\"");
        assertThat(get("/items/x").statusCode()).isEqualTo(400);
        // A request is recorded once its response has gone out, so the client can see the body first.
        Await.until(
                Duration.ofSeconds(10),
                "three requests under /items/{id}",
                () -> find(routes(), "route", "/items/{id}").path("count").asLong() == 3);
        assertThat(routes().toString()).doesNotContain("/items/1");
        Await.until(
                Duration.ofSeconds(10),
                "the template in /metrics",
                () -> text("/metrics")
                        .contains("http_server_requests_seconds_count{method=\"GET\",uri=\"/items/{id}\""));
    }

    private JsonNode routes() {
        try {
            return JSON.readTree(text("/api/performance/stats"))
                    .path("requests")
                    .path("routes");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theQueryMonitorSeesTheServicesSql() throws Exception {
        get("/items/3");
        get("/items");
        JsonNode statements = JSON.readTree(get("/api/performance/stats").body())
                .path("queries")
                .path("topStatements");
        assertThat(find(statements, "sql", "SELECT id, name, price_cents FROM item WHERE id = ?")
                        .path("count")
                        .asLong())
                .isGreaterThanOrEqualTo(1);
        assertThat(statements.toString()).contains("SELECT id, name, price_cents FROM item ORDER BY id");
    }

    @Test
    void theListIsACachedHitWithBrotliAnETagAndA304() throws Exception {
        HttpResponse<byte[]> first = send("/items", "Accept-Encoding", "br");
        assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
        HttpResponse<byte[]> second = send("/items", "Accept-Encoding", "br");
        assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(second.headers().firstValue("Content-Encoding")).contains("br");
        assertThat(second.body()).isEqualTo(first.body());
        String etag = second.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"");
        HttpResponse<byte[]> revalidated = send("/items", "Accept-Encoding", "br", "If-None-Match", etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(JSON.readTree(get("/api/performance/stats").body())
                        .path("cache")
                        .toString())
                .contains("items");
    }

    @Test
    void aSlowRouteFiresItsLatencyAlertToTheAlertsEndpointAndTheWebhook() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/slow").statusCode()).isEqualTo(200);
        }
        Await.until(
                Duration.ofSeconds(10),
                "three requests under /slow",
                () -> find(routes(), "route", "/slow").path("count").asLong() == 3);
        service.headroom().monitoring().evaluateAlerts(); // the sampler does this every 5 s; the test does not wait
        JsonNode active = JSON.readTree(get("/alerts").body()).path("active");
        assertThat(find(active, "key", "p95-budget:GET /slow").path("severity").asText())
                .isEqualTo("CRITICAL");
        Await.until(
                Duration.ofSeconds(10),
                "the webhook call",
                () -> webhookBodies.stream().anyMatch(b -> b.contains("GET /slow")));
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.path(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> send(String path, String... headers) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(uri(path)).headers(headers).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    /** A GET's body, for conditions polled by Await (which take no checked exceptions). */
    private String text(String path) {
        try {
            return get(path).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
