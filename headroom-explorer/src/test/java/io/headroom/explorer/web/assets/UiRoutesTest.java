package io.headroom.explorer.web.assets;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.http.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page and its assets over HTTP, as a CDN and a browser see them (EDGE-1), and the size budget (DASH-2). */
class UiRoutesTest {
    /** DASH-2: all the JavaScript and CSS, compressed, within 150 KB. */
    static final int BUDGET_BYTES = 150 * 1024;

    @TempDir
    static Path dataDir;

    static ServiceUnderTest service;
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static JsonNode manifest;

    @BeforeAll
    static void start() throws IOException {
        service = ServiceUnderTest.overCatalog(DatabaseUnderTest.h2(dataDir), dataDir, CatalogFixture.datasets(5));
        try (InputStream in = UiRoutesTest.class.getClassLoader().getResourceAsStream("web/manifest.json")) {
            manifest = new ObjectMapper().readTree(in).path("assets");
        }
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void thePageIsRevalidatedWithAnEtagAndItsOwnContentSecurityPolicy() throws Exception {
        HttpResponse<byte[]> page = send("GET", "/", "Accept-Encoding", "identity");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String etag = page.headers().firstValue("ETag").orElseThrow();
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html)
                .contains("/assets/" + manifest.get("app.js").asText())
                .contains("/assets/" + manifest.get("style.css").asText());

        HttpResponse<byte[]> again = send("GET", "/", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(send("GET", "/", "If-None-Match", "\"something-else\"").statusCode())
                .isEqualTo(200);
    }

    @Test
    void hashedAssetsAreImmutableWithTheirMimeTypeAndPrecompressedVariants() throws Exception {
        for (String source : List.of("app.js", "view-datasets.js", "style.css")) {
            String path = "/assets/" + manifest.get(source).asText();
            HttpResponse<byte[]> plain = send("GET", path, "Accept-Encoding", "identity");
            assertThat(plain.statusCode()).as(path).isEqualTo(200);
            assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(plain.headers().firstValue("Content-Type"))
                    .hasValue(source.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
            assertThat(plain.headers().firstValue("Vary")).hasValue("Accept-Encoding");
            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(plain.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

            HttpResponse<byte[]> gzip = send("GET", path, "Accept-Encoding", "gzip");
            assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(gunzip(gzip.body())).isEqualTo(plain.body());
            assertThat(gzip.headers().firstValue("ETag"))
                    .isNotEqualTo(plain.headers().firstValue("ETag"));

            if (Compression.brotliAvailable()) {
                HttpResponse<byte[]> br = send("GET", path, "Accept-Encoding", "gzip, br");
                assertThat(br.headers().firstValue("Content-Encoding")).hasValue("br");
                assertThat(Decoder.decompress(br.body()).getDecompressedData()).isEqualTo(plain.body());
                assertThat(br.body().length).isLessThan(gzip.body().length);
            }
            // Any representation's ETag revalidates the content (weak comparison).
            assertThat(send(
                                    "GET",
                                    path,
                                    "If-None-Match",
                                    gzip.headers().firstValue("ETag").orElseThrow())
                            .statusCode())
                    .isEqualTo(304);

            HttpResponse<byte[]> head = send("HEAD", path, "Accept-Encoding", "gzip");
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(gzip.body().length));
        }
    }

    @Test
    void anUnknownAssetIsA404Problem() throws Exception {
        HttpResponse<byte[]> missing = send("GET", "/assets/app.0000000000.js", "Accept", "*/*");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("app.0000000000.js");
        assertThat(send("POST", "/assets/" + manifest.get("app.js").asText(), "Accept", "*/*")
                        .statusCode())
                .isEqualTo(405);
    }

    @Test
    void performanceStreamSendsAnOverviewEventEachSecond() throws Exception {
        send("GET", "/api/v1/datasets?limit=1", "Accept", "application/json");
        long started = System.nanoTime();
        HttpResponse<byte[]> stream = send(
                "GET",
                "/api/v1/performance/stream?events=2",
                "Accept",
                "text/event-stream",
                "Authorization",
                "Bearer " + ServiceUnderTest.METRICS_TOKEN);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        assertThat(stream.headers().firstValue("Cache-Control")).hasValue("no-cache");
        String body = new String(stream.body(), StandardCharsets.UTF_8);
        List<JsonNode> events = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data:")) {
                events.add(new ObjectMapper().readTree(line.substring("data:".length())));
            }
        }
        assertThat(body).contains("event:overview");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("requestsPerSecond").isNull())
                .as("no earlier snapshot")
                .isTrue();
        assertThat(events.get(1).get("requestsPerSecond").isNumber()).isTrue();
        assertThat(events.get(1).get("at").asLong() - events.get(0).get("at").asLong())
                .isGreaterThanOrEqualTo(1000);
        assertThat(elapsedMs).as("the second event waits the 1 s interval").isGreaterThanOrEqualTo(1000);
        assertThat(events.get(1).get("routes").toString())
                .contains("GET /api/v1/datasets")
                .contains("p99Ms");
        assertThat(send(
                                "GET",
                                "/api/v1/performance/stream?events=0",
                                "Accept",
                                "*/*",
                                "Authorization",
                                "Bearer " + ServiceUnderTest.METRICS_TOKEN)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void javascriptAndCssStayWithinTheCompressedBudget() throws Exception {
        long brotli = 0;
        long gzip = 0;
        long identity = 0;
        List<String> lines = new ArrayList<>();
        for (var entry : manifest.properties()) {
            String path = "/assets/" + entry.getValue().asText();
            long plainSize = send("GET", path, "Accept-Encoding", "identity").body().length;
            long gzSize = send("GET", path, "Accept-Encoding", "gzip").body().length;
            long brSize = send("GET", path, "Accept-Encoding", "br").body().length;
            identity += plainSize;
            gzip += gzSize;
            brotli += brSize;
            lines.add(String.format(
                    "  %-20s %7d B  gzip %6d B  brotli %6d B", entry.getKey(), plainSize, gzSize, brSize));
        }
        lines.forEach(System.out::println);
        System.out.printf(
                "[ui-budget] JS+CSS: %d B plain, %d B gzip (%.1f%% of the 150 KB budget), %d B brotli%n",
                identity, gzip, 100.0 * gzip / BUDGET_BYTES, brotli);
        assertThat(gzip)
                .as("gzip is what every client accepts: the budget holds for it")
                .isLessThanOrEqualTo(BUDGET_BYTES);
        assertThat(brotli).isLessThanOrEqualTo(gzip);
    }

    @Test
    void anUnparsableAcceptOnTheStreamIsA400ProblemNotA500() throws Exception {
        HttpResponse<byte[]> refused = send(
                "GET",
                "/api/v1/performance/stream?events=1",
                "Accept",
                "garbage",
                "Authorization",
                "Bearer " + ServiceUnderTest.METRICS_TOKEN);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // a bad q-value is one Helidon reads leniently: the stream is served, never a 5xx
        assertThat(send(
                                "GET",
                                "/api/v1/performance/stream?events=1",
                                "Accept",
                                "*/*;q=abc",
                                "Authorization",
                                "Bearer " + ServiceUnderTest.METRICS_TOKEN)
                        .statusCode())
                .isEqualTo(200);
    }

    /** Sends a request with the given header name/value pairs. */
    private static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .headers(headers)
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }
}
