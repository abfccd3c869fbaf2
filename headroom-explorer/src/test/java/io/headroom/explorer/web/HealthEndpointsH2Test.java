package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.ServiceUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness and detailed health (RES-1) over the embedded database: their shapes, the token, the drain. */
class HealthEndpointsH2Test {
    @TempDir
    Path dataDir;

    @Test
    void readyOnceMigratedAndCataloguedWithEveryComponentUp() {
        try (ServiceUnderTest service =
                ServiceUnderTest.overCatalog(DatabaseUnderTest.h2(dataDir), dataDir, CatalogFixture.datasets(3))) {
            ApiClient.Response ready = service.client().await("/api/health/ready", null, r -> r.status() == 200);
            assertThat(ready.header("Cache-Control")).isEqualTo("no-store");
            JsonNode components = ready.json().path("components");
            assertThat(ready.json().path("status").asText()).isEqualTo("UP");
            assertThat(iterable(components.fieldNames()))
                    .containsExactly("database", "migrations", "catalog", "draining");
            components.forEach(c -> assertThat(c.path("status").asText()).isEqualTo("UP"));
            assertThat(components.path("database").path("detail").asText()).startsWith("H2 ");
            assertThat(components.path("database").path("latencyMs").isNumber()).isTrue();
        }
    }

    @Test
    void detailedNeedsTheTokenAndReportsEachComponentWithItsLatency() {
        try (ServiceUnderTest service =
                ServiceUnderTest.overCatalog(DatabaseUnderTest.h2(dataDir), dataDir, CatalogFixture.datasets(3))) {
            ApiClient api = service.client();
            ApiClient.Response refused = api.get("/api/health/detailed");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");

            ApiClient.Response detailed = api.get("/api/health/detailed", ServiceUnderTest.METRICS_TOKEN);
            assertThat(detailed.status()).as(detailed.raw().body()).isEqualTo(200);
            JsonNode components = detailed.json().path("components");
            assertThat(iterable(components.fieldNames()))
                    .containsExactly("database", "migrations", "redis", "objectStore", "disk", "memory");
            assertThat(components.path("redis").path("required").asBoolean()).isFalse();
            assertThat(components.path("redis").path("detail").asText()).contains("REDIS_URL");
            assertThat(components.path("objectStore").path("detail").asText()).startsWith("local:");
            assertThat(components.path("disk").path("detail").asText()).contains("MiB free");
            components.forEach(c -> assertThat(c.path("latencyMs").asDouble()).isGreaterThanOrEqualTo(0));
        }
    }

    @Test
    void drainingTurnsReadinessDownAtOnceWhileLivenessStaysUp() throws Exception {
        try (ServiceUnderTest service =
                ServiceUnderTest.overCatalog(DatabaseUnderTest.h2(dataDir), dataDir, CatalogFixture.datasets(3))) {
            ApiClient api = service.client();
            api.await("/api/health/ready", null, r -> r.status() == 200);
            Thread shutdown = Thread.ofVirtual().start(service.server()::shutdown);
            ApiClient.Response notReady = api.await("/api/health/ready", null, r -> r.status() == 503);
            assertThat(notReady.json()
                            .path("components")
                            .path("draining")
                            .path("detail")
                            .asText())
                    .isEqualTo("the service is shutting down");
            assertThat(notReady.header("Retry-After")).isNotNull();
            HttpResponse<String> http1 = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/api/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(http1.headers().firstValue("Connection"))
                    .as("a draining instance closes kept-alive connections")
                    .contains("close");
            assertThat(api.get("/api/health").status()).isEqualTo(200);
            shutdown.join();
        }
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
