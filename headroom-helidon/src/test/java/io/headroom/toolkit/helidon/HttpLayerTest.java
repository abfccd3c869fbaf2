package io.headroom.toolkit.helidon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import io.headroom.toolkit.cache.Keyspace;
import io.headroom.toolkit.cache.KeyspaceCache;
import io.headroom.toolkit.cache.TtlPreset;
import io.headroom.toolkit.cache.TwoLevelCache;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.HttpSettings;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.http.RenderedResponse;
import io.headroom.toolkit.http.RenderedResponseCodec;
import io.headroom.toolkit.testing.Await;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP layer over real HTTP: a Helidon server on port 0 with simple in-test routes. */
class HttpLayerTest {
    private static final AtomicInteger itemRenders = new AtomicInteger();
    private static final AtomicInteger failRenders = new AtomicInteger();
    private static final AtomicInteger ageingRenders = new AtomicInteger();
    /** Holds the second render of /ageing (its refresh ahead of expiry) until the test releases it. */
    private static final CountDownLatch releaseRefresh = new CountDownLatch(1);

    private static TwoLevelCache cache;
    private static HttpLayer layer;
    private static WebServer server;
    private static HttpClient client;

    record Item(int id, String name, String folder, long sizeBytes) {}

    @BeforeAll
    static void start() {
        layer = new HttpLayer(HttpSettings.from(new Settings(Map.of("HTTP_MAX_BODY_BYTES", "1024"))));
        cache = TwoLevelCache.builder().build();
        KeyspaceCache<RenderedResponse> responses =
                cache.keyspace(Keyspace.of("responses", TtlPreset.FIVE_MINUTES), new RenderedResponseCodec());
        KeyspaceCache<RenderedResponse> ageing =
                cache.keyspace(new Keyspace("ageing", Duration.ofSeconds(3)), new RenderedResponseCodec());
        ResponseCache responseCache = layer.responseCache(true);
        server = layer.configure(WebServer.builder().port(0).host("127.0.0.1"))
                .routing((HttpRouting.Builder routing) -> {
                    ProblemHandlers.register(routing);
                    layer.register(routing);
                    Handler itemsHandler = responseCache.json(responses, layer.publicApi(), req -> {
                        itemRenders.incrementAndGet();
                        return Map.of("items", items(100));
                    });
                    routing.get("/items", itemsHandler);
                    routing.head("/items", HeadResponse.of(itemsHandler));
                    routing.get("/ageing", responseCache.json(ageing, layer.publicApi(), req -> {
                        int render = ageingRenders.incrementAndGet();
                        if (render == 2) {
                            awaitRelease();
                        }
                        return Map.of("v", req.query().first("v").orElse("-"), "render", render);
                    }));
                    routing.get("/small", responseCache.json(responses, layer.publicApi(), req -> Map.of("ok", true)));
                    routing.get("/fail", responseCache.json(responses, layer.publicApi(), req -> {
                        failRenders.incrementAndGet();
                        throw ProblemException.badParameter("limit", "must be 1-100");
                    }));
                    routing.get(
                            "/admin/thing",
                            (req, res) -> layer.writer()
                                    .write(
                                            req,
                                            res,
                                            RenderedResponse.of(Json.bytes(items(50)), Json.MEDIA_TYPE, Instant.now()),
                                            CacheControlPolicy.privateNoStore()));
                    routing.post("/echo", (req, res) -> res.send(req.content().as(byte[].class)));
                    ProblemHandlers.registerNotFoundFallback(routing);
                })
                .build()
                .start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
        layer.close();
        cache.close();
    }

    private static void awaitRelease() {
        try {
            releaseRefresh.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<Item> items(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new Item(i, "dataset_" + i, "folder_" + (i % 7), 1000L * i))
                .toList();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        // A deadline, so a request the server holds (a refresh that is not detached) fails instead of hanging.
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@link #get} for a condition, which cannot throw checked exceptions. */
    private static HttpResponse<byte[]> fetch(String path) {
        try {
            return get(path);
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void servesAMissThenHitsWithoutRenderingAgain() throws Exception {
        get("/items?b=2&a=1"); // warm this exact key (query order normalised below)
        int before = itemRenders.get();
        HttpResponse<byte[]> hit = get("/items?a=1&b=2");
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(header(hit, "X-Cache")).isEqualTo("HIT");
        assertThat(itemRenders.get()).isEqualTo(before);
        assertThat(new String(hit.body(), StandardCharsets.UTF_8)).contains("dataset_99");

        HttpResponse<byte[]> miss = get("/items?c=3");
        assertThat(header(miss, "X-Cache")).isEqualTo("MISS");
    }

    @Test
    void anAgeingEntryIsRenderedAgainInTheBackgroundWhileEveryRequestIsAnsweredFromIt() throws Exception {
        HttpResponse<byte[]> first = get("/ageing?v=a");
        assertThat(header(first, "X-Cache")).isEqualTo("MISS");
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("\"render\":1");
        // Past 80 % of the 3 s TTL one request starts the second render, which blocks until released: every
        // request meanwhile, that one included, must still be answered, from the first render, as a hit.
        List<String> seen = new ArrayList<>();
        Await.until(
                () -> {
                    HttpResponse<byte[]> r = fetch("/ageing?v=a");
                    seen.add(header(r, "X-Cache") + " " + new String(r.body(), StandardCharsets.UTF_8));
                    return ageingRenders.get() == 2;
                },
                Duration.ofSeconds(10),
                "a request starts the refresh ahead of expiry");
        HttpResponse<byte[]> during = get("/ageing?v=a");
        seen.add(header(during, "X-Cache") + " " + new String(during.body(), StandardCharsets.UTF_8));
        assertThat(seen).allSatisfy(line -> assertThat(line).startsWith("HIT ").contains("\"render\":1"));
        releaseRefresh.countDown();
        // The background render read the request's query after its response was sent ("v":"a").
        Await.until(
                () -> new String(fetch("/ageing?v=a").body(), StandardCharsets.UTF_8).contains("\"render\":2"),
                Duration.ofSeconds(10),
                "the background render replaced the entry");
        HttpResponse<byte[]> after = get("/ageing?v=a");
        assertThat(header(after, "X-Cache")).isEqualTo("HIT");
        assertThat(new String(after.body(), StandardCharsets.UTF_8)).contains("\"v\":\"a\"");
        assertThat(ageingRenders).hasValue(2);
    }

    @Test
    void keysAParameterWithoutAValueByItsNameInsteadOfFailing() throws Exception {
        HttpResponse<byte[]> first = get("/items?valueless");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "X-Cache")).isEqualTo("MISS");
        assertThat(header(get("/items?valueless", "Accept-Encoding", "identity"), "X-Cache"))
                .isEqualTo("HIT");
        assertThat(get("/items?valueless&b=2").statusCode()).isEqualTo(200);
    }

    @Test
    void returns304WhenEtagMatches() throws Exception {
        HttpResponse<byte[]> first = get("/items");
        String etag = header(first, "ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");

        HttpResponse<byte[]> revalidated = get("/items", "If-None-Match", etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(header(revalidated, "ETag")).isEqualTo(etag);

        assertThat(get("/items", "If-None-Match", "\"something-else\"").statusCode())
                .isEqualTo(200);
    }

    @Test
    void returns304ForTheGzipEtagToo() throws Exception {
        HttpResponse<byte[]> gz = get("/items", "Accept-Encoding", "gzip");
        String gzipEtag = header(gz, "ETag");
        assertThat(gzipEtag).endsWith("-gz\"");
        assertThat(get("/items", "Accept-Encoding", "gzip", "If-None-Match", "W/" + gzipEtag)
                        .statusCode())
                .isEqualTo(304);
    }

    @Test
    void returns304WhenNotModifiedSince() throws Exception {
        String lastModified = header(get("/items"), "Last-Modified");
        assertThat(get("/items", "If-Modified-Since", lastModified).statusCode())
                .isEqualTo(304);
        assertThat(get("/items", "If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/items", "If-Modified-Since", "not a date").statusCode())
                .isEqualTo(200);
    }

    @Test
    void negotiatesBrotliThenGzipByQValue() throws Exception {
        byte[] identity = get("/items").body();

        HttpResponse<byte[]> br = get("/items", "Accept-Encoding", "gzip, deflate, br");
        assertThat(header(br, "Content-Encoding")).isEqualTo("br");
        assertThat(header(br, "Vary")).isEqualTo("Accept-Encoding");
        assertThat(unbrotli(br.body())).isEqualTo(identity);
        assertThat(br.body().length).isLessThan(identity.length / 3);

        HttpResponse<byte[]> gz = get("/items", "Accept-Encoding", "br;q=0.5, gzip;q=1.0");
        assertThat(header(gz, "Content-Encoding")).isEqualTo("gzip");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes())
                .isEqualTo(identity);

        HttpResponse<byte[]> none = get("/items", "Accept-Encoding", "br;q=0, gzip;q=0");
        assertThat(header(none, "Content-Encoding")).isNull();
        assertThat(none.body()).isEqualTo(identity);
    }

    @Test
    void everyCodingCarriesItsOwnLengthAndAHeadTheSameWithoutABody() throws Exception {
        for (String coding : List.of("identity", "gzip", "br")) {
            HttpResponse<byte[]> got = get("/items", "Accept-Encoding", coding);
            assertThat(header(got, "Content-Length")).as(coding).isEqualTo(String.valueOf(got.body().length));
            HttpResponse<byte[]> head = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/items"))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .header("Accept-Encoding", coding)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(header(head, "Content-Length")).as("HEAD, " + coding).isEqualTo(header(got, "Content-Length"));
            assertThat(head.body()).isEmpty();
        }
        // An uncached answer compressed on demand has no stored length: Helidon counts what is sent.
        HttpResponse<byte[]> uncached = get("/admin/thing", "Accept-Encoding", "gzip");
        assertThat(header(uncached, "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(uncached, "Content-Length")).isEqualTo(String.valueOf(uncached.body().length));
    }

    @Test
    void compressesUncachedResponsesOnDemandAndMarksThemPrivate() throws Exception {
        HttpResponse<byte[]> r = get("/admin/thing", "Accept-Encoding", "gzip");
        assertThat(header(r, "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(r, "Cache-Control")).isEqualTo("private, no-store");
        assertThat(new String(
                        new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes(), StandardCharsets.UTF_8))
                .contains("dataset_49");
    }

    @Test
    void leavesSmallBodiesUncompressed() throws Exception {
        HttpResponse<byte[]> r = get("/small", "Accept-Encoding", "br, gzip");
        assertThat(header(r, "Content-Encoding")).isNull();
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
    }

    @Test
    void bypassesTheCacheOnError() throws Exception {
        int before = failRenders.get();
        HttpResponse<byte[]> first = get("/fail");
        HttpResponse<byte[]> second = get("/fail");
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(header(first, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(header(first, "X-Cache")).isEqualTo("BYPASS");
        assertThat(header(second, "X-Cache")).isEqualTo("BYPASS");
        assertThat(failRenders.get()).isEqualTo(before + 2);
    }

    @Test
    void setsPublicCacheControlAndSecurityHeaders() throws Exception {
        HttpResponse<byte[]> r = get("/items");
        assertThat(header(r, "Cache-Control")).isEqualTo("public, max-age=30, s-maxage=300, stale-while-revalidate=60");
        assertThat(header(r, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(header(r, "X-Frame-Options")).isEqualTo("DENY");
        assertThat(header(r, "Content-Security-Policy")).contains("default-src 'none'");
        HttpResponse<byte[]> notFound = get("/nowhere");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(header(notFound, "X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void refusesABodyOverTheLimit() throws Exception {
        HttpRequest small = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[512]))
                .build();
        assertThat(client.send(small, HttpResponse.BodyHandlers.ofByteArray()).statusCode())
                .isEqualTo(200);
        HttpRequest big = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096]))
                .build();
        HttpResponse<byte[]> refused = client.send(big, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(header(refused, "Content-Type")).isEqualTo("application/problem+json");
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("\"status\":413");
    }

    @Test
    void configuresNoDelayTheBodyLimitAndTheIdleTimeout() {
        try (HttpLayer configured = new HttpLayer(
                HttpSettings.from(new Settings(Map.of("HTTP_MAX_BODY_BYTES", "2048", "HTTP_IDLE_TIMEOUT", "90s"))))) {
            var builder = configured.configure(WebServer.builder());
            assertThat(builder.maxPayloadSize()).isEqualTo(2048);
            assertThat(builder.connectionOptions().orElseThrow().tcpNoDelay()).isTrue();
            assertThat(builder.idleConnectionTimeout()).isEqualTo(Duration.ofSeconds(90));
            assertThat(builder.idleConnectionPeriod()).isEqualTo(Duration.ofSeconds(9));
        }
    }

    @Test
    void responseHeadersAreValidatedUnlessTheHostTurnsItOff() {
        for (boolean validate : new boolean[] {true, false}) {
            try (HttpLayer configured = new HttpLayer(
                    HttpSettings.builder().validateResponseHeaders(validate).build())) {
                var http1 = configured.configure(WebServer.builder()).protocols().stream()
                        .filter(Http1Config.class::isInstance)
                        .map(Http1Config.class::cast)
                        .findFirst()
                        .orElseThrow();
                assertThat(http1.validateResponseHeaders())
                        .as("validate=" + validate)
                        .isEqualTo(validate);
            }
        }
        assertThat(HttpSettings.defaults().validateResponseHeaders()).isTrue();
    }

    @Test
    void connectionTimeoutsCannotBeSwitchedOffAndTheRequestLineLimitStaysAboveHelidonsRead() {
        assertThatThrownBy(() -> HttpSettings.from(new Settings(Map.of("HTTP_HEADER_READ_TIMEOUT", "off"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HTTP_HEADER_READ_TIMEOUT");
        assertThatThrownBy(() -> HttpSettings.from(new Settings(Map.of("HTTP_MAX_REQUEST_LINE_BYTES", "4096"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HTTP_MAX_REQUEST_LINE_BYTES");
    }

    @Test
    void keepsTheConnectionAliveAcrossRequests() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write("GET /small HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in);
                assertThat(head).startsWith("HTTP/1.1 200");
                assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("connection: close");
                int length = Integer.parseInt(head.toLowerCase(Locale.ROOT)
                        .split("content-length: ")[1]
                        .split("\r\n")[0]
                        .trim());
                assertThat(in.readNBytes(length)).hasSize(length);
            }
        }
    }

    /**
     * RFC 9110 10.1.1: a client that sent "Expect: 100-continue" may send the body without waiting.
     * A route that never reads it must not leave it on the connection to be parsed as the next request.
     */
    @Test
    void neverReadsAnUnreadExpectContinueBodyAsTheNextRequest() throws Exception {
        String smuggled = "GET /no-such-route HTTP/1.1\r\nHost: localhost\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000); // a server that never answers fails the test instead of hanging the build
            OutputStream out = socket.getOutputStream();
            out.write(("GET /small HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: "
                            + smuggled.length() + "\r\n\r\n" + smuggled
                            + "GET /small HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            for (int answer = 0; answer < 2; answer++) {
                String head = readHead(in);
                if (head.startsWith("HTTP/1.1 100")) {
                    head = readHead(in);
                }
                assertThat(head).as("answer %d", answer).startsWith("HTTP/1.1 200");
                int length = Integer.parseInt(head.toLowerCase(Locale.ROOT)
                        .split("content-length: ")[1]
                        .split("\r\n")[0]
                        .trim());
                assertThat(new String(in.readNBytes(length), StandardCharsets.UTF_8))
                        .isEqualTo("{\"ok\":true}");
            }
        }
    }

    @Test
    void answersAHeadRefusedBeforeRoutingWithoutABody() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("HEAD /small HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)); // over the 1 KiB limit: 413 before any route
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 413").containsIgnoringCase("application/problem+json");
            out.write("GET /small HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int next = in.read();
            assertThat(next)
                    .as("after the head: the connection's end or the next response, not a body")
                    .isIn(-1, (int) 'H');
        }
    }

    @Test
    void upgradesToH2c() throws Exception {
        HttpClient h2 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = h2.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/small"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void speaksH2cWithPriorKnowledge() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            byte[] frameHeader = socket.getInputStream().readNBytes(9);
            assertThat(frameHeader).hasSize(9);
            assertThat(frameHeader[3])
                    .as("the server's first frame is SETTINGS (type 4)")
                    .isEqualTo((byte) 4);
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    private static byte[] unbrotli(byte[] body) throws Exception {
        var result = Decoder.decompress(body);
        assertThat(result.getResultStatus()).isEqualTo(DecoderJNI.Status.DONE);
        return result.getDecompressedData();
    }
}
