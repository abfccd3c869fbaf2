package io.headroom.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.toolkit.testing.Await;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The example over real HTTP on Tomcat, with Spring's own server.compression on (and a threshold
 * low enough that Tomcat would compress every body it is allowed to).
 */
@AutoConfigureObservability(
        tracing = false) // Boot turns metrics export off in tests unless asked: this test reads /actuator/prometheus
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.compression.enabled=true",
            "server.compression.min-response-size=16",
            "headroom.monitoring.resource-sample-interval=1s",
            "headroom.alerts.min-requests=3",
            "headroom.alerts.route-budgets-ms[/api/slow]=50"
        })
// The counting test runs first: other tests also call the cached route, and a request is recorded after its
// answer goes out, so on a loaded machine one of theirs could land inside the counting test's window.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExampleServiceTest {
    static final String ROUTE = "/api/categories/{category}/items";
    static final WebhookReceiver WEBHOOK = new WebhookReceiver();

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("headroom.alerts.webhooks", WEBHOOK::url);
    }

    @AfterAll
    static void stopWebhook() {
        WEBHOOK.close();
    }

    /** A route that is slow on purpose, to trip its 50 ms latency budget. */
    @TestConfiguration
    static class SlowRoute {
        @Bean
        SlowController slowController() {
            return new SlowController();
        }
    }

    @RestController
    static class SlowController {
        @GetMapping("/api/slow")
        Map<String, String> slow() throws InterruptedException {
            Thread.sleep(120);
            return Map.of("slow", "yes");
        }
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    @Order(1)
    void eachRequestIsCountedOnceUnderItsRouteTemplateByTheStarterAndBySpring() {
        double statsBefore = routeCount(http.json("/actuator/headroom"), "GET", ROUTE);
        String scrape = http.text("/actuator/prometheus");
        Map<String, String> labels = Map.of("method", "GET", "uri", ROUTE);
        double oursBefore = Prometheus.sum(scrape, "headroom_http_requests_total", labels);
        double springBefore = Prometheus.sum(scrape, "http_server_requests_seconds_count", labels);

        for (String category : new String[] {"music", "tools", "music"}) {
            assertThat(http.get("/api/categories/" + category + "/items").statusCode())
                    .isEqualTo(200);
        }

        Await.until(Duration.ofSeconds(10), "three more requests under " + ROUTE + " in both recorders", () -> {
            String now = http.text("/actuator/prometheus");
            return Prometheus.sum(now, "headroom_http_requests_total", labels) == oursBefore + 3
                    && Prometheus.sum(now, "http_server_requests_seconds_count", labels) == springBefore + 3;
        });
        JsonNode stats = http.json("/actuator/headroom");
        assertThat(routeCount(stats, "GET", ROUTE)).isEqualTo(statsBefore + 3);
        // Raw paths never become routes.
        stats.path("requests")
                .path("routes")
                .forEach(r -> assertThat(r.path("route").asText()).doesNotContain("music"));
        // The same document at the configured path.
        assertThat(routeCount(http.json("/api/performance/stats"), "GET", ROUTE))
                .isEqualTo(statsBefore + 3);
    }

    @Test
    void theResponseCacheKeyspaceHasItsSeriesInTheApplicationsRegistry() {
        Map<String, String> keyspace = Map.of("keyspace", "category-items");
        double hitsBefore = Prometheus.sum(http.text("/actuator/prometheus"), "headroom_cache_hits_total", keyspace);
        http.get("/api/categories/garden/items");
        http.get("/api/categories/garden/items");
        String scrape = http.text("/actuator/prometheus");
        assertThat(Prometheus.sum(scrape, "headroom_cache_hits_total", keyspace))
                .isGreaterThanOrEqualTo(hitsBefore + 1);
        assertThat(Prometheus.sum(scrape, "headroom_cache_entries", keyspace)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theQueryMonitorSeesTheRoutesSql() {
        double selectsBefore = Prometheus.sum(
                http.text("/actuator/prometheus"), "db_statements_seconds_count", Map.of("type", "select"));

        assertThat(http.get("/api/categories/books/items?for=query-test").statusCode())
                .isEqualTo(200);

        JsonNode queries = http.json("/actuator/headroom").path("queries");
        assertThat(queries.path("topStatements").findValuesAsText("sql"))
                .anySatisfy(sql -> assertThat(sql).contains("FROM example_item WHERE category = ?"));
        assertThat(Prometheus.sum(
                        http.text("/actuator/prometheus"), "db_statements_seconds_count", Map.of("type", "select")))
                .isGreaterThan(selectsBefore);
    }

    @Test
    void aCachedRouteIsServedRenderedWithEtagsAnd304AndBrotli() {
        HttpResponse<byte[]> miss = http.get("/api/categories/games/items", "Accept-Encoding", "br, gzip");
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(miss.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(miss.headers().allValues("Content-Encoding")).containsExactly("br");
        assertThat(miss.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(miss.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String etag = miss.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("-br\"");
        JsonNode page = Http.parse(Http.unbrotli(miss.body()));
        assertThat(page.path("category").asText()).isEqualTo("games");
        assertThat(page.path("items")).hasSize(40);

        long statementsBefore =
                http.json("/actuator/headroom").path("queries").path("total").asLong();
        HttpResponse<byte[]> hit = http.get("/api/categories/games/items", "Accept-Encoding", "br, gzip");
        assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(hit.headers().firstValue("ETag")).hasValue(etag);
        assertThat(hit.body()).isEqualTo(miss.body());
        assertThat(http.json("/actuator/headroom").path("queries").path("total").asLong())
                .as("a hit runs no SQL")
                .isEqualTo(statementsBefore);

        HttpResponse<byte[]> notModified =
                http.get("/api/categories/games/items", "Accept-Encoding", "br", "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);

        HttpResponse<byte[]> identity = http.get("/api/categories/games/items");
        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(identity.headers().firstValue("ETag").orElseThrow()).isEqualTo(etag.replace("-br\"", "\""));
        assertThat(Http.unbrotli(miss.body())).isEqualTo(identity.body());

        JsonNode keyspaces = http.json("/actuator/headroom").path("cache").path("responseCache");
        assertThat(keyspaces.findValuesAsText("keyspace")).contains("category-items");
    }

    @Test
    void bodiesTheStarterCompressedAreNotCompressedAgainByTomcat() {
        HttpResponse<byte[]> gzip = http.get("/api/categories/tools/items", "Accept-Encoding", "gzip");
        assertThat(gzip.headers().allValues("Content-Encoding")).containsExactly("gzip");
        assertThat(gzip.headers().firstValue("X-Cache")).isPresent();
        // Decoded once it is the JSON: a second coding would leave gzip bytes here.
        assertThat(Http.parse(Http.gunzip(gzip.body())).path("category").asText())
                .isEqualTo("tools");
        assertThat(Integer.parseInt(gzip.headers().firstValue("Content-Length").orElseThrow()))
                .isEqualTo(gzip.body().length);

        HttpResponse<byte[]> br = http.get("/api/categories/tools/items", "Accept-Encoding", "br");
        assertThat(br.headers().allValues("Content-Encoding")).containsExactly("br");
        assertThat(Http.parse(Http.unbrotli(br.body())).path("category").asText())
                .isEqualTo("tools");

        // Spring's compression still does its job on routes the starter does not cache.
        HttpResponse<byte[]> stats = http.get("/api/performance/stats", "Accept-Encoding", "gzip");
        assertThat(stats.headers().allValues("Content-Encoding")).containsExactly("gzip");
        assertThat(Http.parse(Http.gunzip(stats.body())).has("requests")).isTrue();
    }

    @Test
    void anAlertFiresAndReachesTheWebhookWhenARouteGoesOverItsBudget() {
        for (int i = 0; i < 5; i++) {
            assertThat(http.get("/api/slow").statusCode()).isEqualTo(200);
        }
        Await.until(
                Duration.ofSeconds(20),
                "the p95-budget alert for GET /api/slow at the webhook",
                () -> WEBHOOK.bodies().stream().anyMatch(b -> b.contains("GET /api/slow") && b.contains("p95")));
        JsonNode active = http.json("/actuator/headroom").path("alerts").path("active");
        assertThat(active.findValuesAsText("key")).contains("p95-budget:GET /api/slow");
    }

    static double routeCount(JsonNode stats, String method, String route) {
        for (JsonNode r : stats.path("requests").path("routes")) {
            if (r.path("method").asText().equals(method)
                    && r.path("route").asText().equals(route)) {
                return r.path("count").asDouble();
            }
        }
        return 0;
    }
}
