package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.LakeFiles;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.testing.RawHttp;
import io.helidon.http.Method;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile HTTP against the real service over raw sockets (SEC-1, HTTP-5, HTTP-9), once per database:
 * every request gets an answer (a status, and a problem document where there is a body) or a close,
 * within a bounded time; never a 500, a hang or a dropped connection. The header-read timeout is set
 * short so its closes can be asserted to come after it, and soon after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileHttpContract {
    static final Duration HEADER_READ = Duration.ofMillis(500);
    /** An answer or a close within this; the old behaviour held connections for minutes. */
    static final Duration BOUND = Duration.ofSeconds(10);

    static final String ROOT_DATASET = "at_the_root";

    @TempDir
    static Path tempDir;

    private ServiceUnderTest service;
    private Routes routes;
    private int port;

    protected abstract DatabaseUnderTest openDatabase(Path dir);

    @BeforeAll
    void startService() {
        List<DatasetMetadata> datasets = new ArrayList<>(CatalogFixture.datasets(12));
        DatasetMetadata any = datasets.getFirst();
        datasets.add(new DatasetMetadata(
                ROOT_DATASET + ".csv",
                ROOT_DATASET,
                "",
                any.format(),
                42,
                any.lastModified(),
                any.recordCount(),
                true,
                any.columnCount(),
                any.completeness(),
                any.columns(),
                List.of(),
                "",
                ""));
        // a folder name URLEncoder would spell with '+' (a space) next to a real plus: the warmer must reach it
        datasets.add(new DatasetMetadata(
                "odd name+plus/x.csv",
                "x",
                "odd name+plus",
                any.format(),
                7,
                any.lastModified(),
                any.recordCount(),
                true,
                any.columnCount(),
                any.completeness(),
                any.columns(),
                List.of(),
                "",
                ""));
        try { // real files, so the download route's HEAD answers like its GET (200, not a 404 for a missing file)
            LakeFiles.write(tempDir.resolve("lake"), datasets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service = ServiceUnderTest.start(
                openDatabase(tempDir),
                tempDir,
                new FixedLake(datasets),
                Optional.of(ServiceUnderTest.ADMIN_TOKEN),
                Map.of("HTTP_HEADER_READ_TIMEOUT", HEADER_READ.toMillis() + "ms", "HTTP_KEEP_ALIVE_TIMEOUT", "60s"));
        service.awaitRefresh(1);
        port = service.port();
        routes = service.routes();
    }

    @AfterAll
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    // ---- bad bytes in the request --------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/folders/%00/stats",
                "/api/v1/folders/health%00/stats",
                "/api/v1/datasets/%00",
                "/api/v1/datasets/1%00",
                "/api/v1/datasets/%00/sample",
                "/api/v1/datasets?folder=%00",
                "/api/v1/datasets?q=air%00",
                "/api/v1/datasets?tags=a%00b",
                "/api/v1/datasets?sort=%00",
                "/api/v1/datasets?cursor=%00",
                "/api/v1/datasets?%00=1",
                "/api/datasets?folder=x%00y",
                "/api/v1/admin/refresh/%00"
            })
    void nulAnywhereIsA400Problem(String target) {
        RawHttp.Received received = get(target);
        assertProblem(received, 400);
        assertThat(received.bodyText()).contains("NUL");
    }

    @Test
    void controlCharacterInTheMethodIsA400Problem() {
        assertProblem(exchange("G\u0001T /api/v1/datasets HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"), 400);
    }

    @ParameterizedTest
    @ValueSource(ints = {8_200, 9_000, 20_000, 70_000})
    void requestLineOver8KibIsA414Problem(int length) {
        String target = "/api/v1/datasets?q=" + "a".repeat(length);
        assertProblem(get(target), 414);
    }

    @Test
    void oversizedHeadersAreAProblemNotADroppedConnection() {
        RawHttp.Received received = exchange("GET /api/v1/datasets HTTP/1.1\r\nHost: test\r\nX-Big: "
                + "b".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(received.status()).isIn(400, 431);
        assertThat(received.header("Content-Type")).isEqualTo("application/problem+json");
    }

    // ---- connections held without a request ---------------------------------------------------

    @Test
    void requestLineWithoutVersionIsClosedAfterTheHeaderReadTimeout() {
        assertRequestTimeout(exchange("GET /api/v1/datasets\r\n\r\n"));
    }

    @Test
    void tlsClientHelloIsClosedAfterTheHeaderReadTimeout() {
        // The start of a TLS 1.2/1.3 ClientHello record, as a browser sends to an https:// URL on this port.
        byte[] hello = HexFormat.of().parseHex("16030100f4010000f00303" + "00".repeat(32) + "000213010100");
        assertRequestTimeout(RawHttp.exchange(port, hello, HEADER_READ.plus(BOUND)));
    }

    @Test
    void tricklingClientIsCutOffAfterTheHeaderReadTimeout() {
        try (RawHttp http = RawHttp.connect(port)) {
            http.send("GET /api/v1/datasets HTTP/1.1\r\n");
            int line = 0;
            while (http.trySend("X-Trickle-" + line + ": 1\r\n")
                    && http.sinceOpened().compareTo(HEADER_READ.plus(BOUND)) < 0) {
                line++;
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the trickle's pace
            }
            assertRequestTimeout(http.readUntilClose(BOUND));
        }
    }

    @Test
    void connectionCloseIsHonouredRightAway() {
        RawHttp.Received received = get("/api/v1/stats/quick");
        assertThat(received.status()).isEqualTo(200);
        assertThat(received.after())
                .as("closed after the response, long before the 60 s keep-alive")
                .isLessThan(BOUND);
    }

    // ---- HEAD, 405, 401 ------------------------------------------------------------------------

    @Test
    void headAnswersEveryGetRouteWithTheGetHeadersAndNoBody() {
        List<DeclaredRoute> gets = routes.declared().stream()
                .filter(r -> Method.GET.equals(r.method()))
                .toList();
        assertThat(gets).hasSizeGreaterThan(20);
        assertThat(routes.declared())
                .filteredOn(r -> Method.HEAD.equals(r.method()))
                .hasSameSizeAs(gets);
        for (DeclaredRoute route : gets) {
            String target = concrete(route.path());
            RawHttp.Received get = exchange(request("GET", target));
            RawHttp.Received again = exchange(request("GET", target)); // a cached route is a HIT now
            RawHttp.Received head = exchange(request("HEAD", target));
            assertThat(head.status())
                    .as("HEAD " + target)
                    .isEqualTo(get.status())
                    // the lake has real files (LakeFiles): samples and downloads are 200s like every read;
                    // the reports folder holds no load-test run: a run's summary and report are 404 problems
                    .isEqualTo(target.contains("/performance/reports/") ? 404 : 200);
            assertThat(head.body()).as("HEAD " + target + " has no body").isEmpty();
            assertThat(head.header("Content-Type")).as(target).isEqualTo(get.header("Content-Type"));
            assertThat(head.header("Content-Length")).as(target).isNotNull();
            if (again.header("ETag") != null) { // the catalog reads and the UI: a representation, byte for byte
                assertThat(head.header("ETag")).as(target).isEqualTo(again.header("ETag"));
                assertThat(head.header("Content-Length")).as(target).isEqualTo(again.header("Content-Length"));
                assertThat(head.header("Cache-Control")).as(target).isEqualTo(again.header("Cache-Control"));
            }
            if (again.header("X-Cache") != null) { // the response cache (the UI is held in memory without it)
                assertThat(head.header("X-Cache"))
                        .as(target)
                        .isEqualTo(again.header("X-Cache"))
                        .isEqualTo("HIT");
            }
        }
    }

    @Test
    void headOfAMissingDatasetIsA404WithoutBody() {
        RawHttp.Received head = exchange(request("HEAD", "/api/v1/datasets/999999"));
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void wrongMethodIs405WithAllowListingThePathsMethods() {
        assertMethodNotAllowed("PUT", "/api/v1/datasets", "GET, HEAD");
        assertMethodNotAllowed("DELETE", "/api/v1/datasets/1", "GET, HEAD");
        assertMethodNotAllowed("POST", "/api/v1/folders/health/stats", "GET, HEAD");
        assertMethodNotAllowed("GET", "/api/v1/admin/refresh", "POST");
        assertMethodNotAllowed("PUT", "/api/v1/admin/cache", "DELETE, GET, HEAD");
        assertMethodNotAllowed("PATCH", "/api/datasets", "GET, HEAD");
        assertMethodNotAllowed("POST", "/metrics", "GET, HEAD");
        assertProblem(exchange(request("PUT", "/api/v1/nowhere")), 404);
    }

    @Test
    void every401CarriesTheBearerChallenge() {
        for (String authorization :
                List.of("", "Authorization: Basic dXNlcjpwYXNz\r\n", "Authorization: Bearer wrong\r\n")) {
            for (String method : List.of("GET", "HEAD")) {
                RawHttp.Received received = exchange(method + " /api/v1/admin/cache HTTP/1.1\r\nHost: test\r\n"
                        + authorization + "Connection: close\r\n\r\n");
                assertThat(received.status())
                        .as(method + " with '" + authorization.trim() + "'")
                        .isEqualTo(401);
                assertThat(received.header("WWW-Authenticate")).startsWith("Bearer realm=\"headroom\"");
            }
        }
        RawHttp.Received wrong = exchange("POST /api/v1/admin/refresh HTTP/1.1\r\nHost: test\r\n"
                + "Authorization: Bearer wrong\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(wrong.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    // ---- the lake root -------------------------------------------------------------------------

    @Test
    void rootFolderStatsAreReachableAndWarmed() {
        RawHttp.Received stats = get("/api/v1/folders/stats");
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.bodyText()).contains("\"totalDatasets\":1", "\"totalBytes\":42");
        assertThat(get("/api/v1" + FolderHandlers.statsPath("odd name+plus")).bodyText())
                .contains("\"totalDatasets\":1", "\"totalBytes\":7");
        RawHttp.Received warm =
                exchange("POST /api/v1/admin/cache/warm HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer "
                        + ServiceUnderTest.ADMIN_TOKEN + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(warm.status()).isEqualTo(200);
        assertThat(warm.bodyText()).contains("\"failed\":0");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** A path template with its parameters filled: dataset 1, the folder "health". */
    private static String concrete(String template) {
        return template.replace("{id}", "1").replace("{+rest}", "health/stats").replace("{name}", anyUiAsset())
                + (template.endsWith("/stream") ? "?events=1" : ""); // an event stream, ended after its first event
    }

    /** A hashed asset name the build wrote (web/manifest.json on the classpath). */
    private static String anyUiAsset() {
        try (InputStream manifest =
                HostileHttpContract.class.getClassLoader().getResourceAsStream("web/manifest.json")) {
            return new ObjectMapper()
                    .readTree(manifest)
                    .path("assets")
                    .elements()
                    .next()
                    .asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String request(String method, String target) {
        // the admin token for admin routes, the metrics token (which opens only the monitoring routes) elsewhere
        String token = target.contains("/admin/") ? ServiceUnderTest.ADMIN_TOKEN : ServiceUnderTest.METRICS_TOKEN;
        String auth = "Authorization: Bearer " + token + "\r\n";
        return method + " " + target + " HTTP/1.1\r\nHost: test\r\n" + auth + "Connection: close\r\n\r\n";
    }

    private RawHttp.Received get(String target) {
        return exchange(request("GET", target));
    }

    private RawHttp.Received exchange(String request) {
        return RawHttp.exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), HEADER_READ.plus(BOUND));
    }

    private void assertMethodNotAllowed(String method, String target, String allow) {
        RawHttp.Received received = exchange(request(method, target));
        assertProblem(received, 405);
        assertThat(received.header("Allow")).as(method + " " + target).isEqualTo(allow);
    }

    private static void assertProblem(RawHttp.Received received, int status) {
        assertThat(received.status()).as(received.bodyText()).isEqualTo(status);
        assertThat(received.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(received.bodyText()).contains("\"status\":" + status);
        assertThat(received.closed()).isTrue();
    }

    private static void assertRequestTimeout(RawHttp.Received received) {
        assertProblem(received, 408);
        assertThat(received.after()).isGreaterThanOrEqualTo(HEADER_READ).isLessThan(HEADER_READ.plus(BOUND));
    }
}
