package io.headroom.toolkit.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.http.HttpSettings;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.RawHttp;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection deadlines over real sockets, with the timeouts configured short: each close is
 * asserted to come no earlier than its timeout (so it is that deadline, not another, that closed) and
 * within a bound far below what the server did without them (five minutes, Helidon's idle default).
 */
class ConnectionDeadlinesTest {
    private static final Duration HEADER_READ = Duration.ofMillis(500);
    private static final Duration KEEP_ALIVE = Duration.ofMillis(1500);
    /** Scheduling slack on a loaded two-core machine; still a tiny fraction of the old five minutes. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    private static final String GET = "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n";

    private static HttpLayer layer;
    private static WebServer server;

    @BeforeAll
    static void start() {
        layer = new HttpLayer(HttpSettings.from(new Settings(Map.of(
                "HTTP_HEADER_READ_TIMEOUT", HEADER_READ.toMillis() + "ms",
                "HTTP_KEEP_ALIVE_TIMEOUT", KEEP_ALIVE.toMillis() + "ms"))));
        server = layer.configure(WebServer.builder().port(0).host("127.0.0.1"))
                .routing((HttpRouting.Builder routing) -> {
                    ProblemHandlers.register(routing);
                    layer.register(routing);
                    routing.get("/hello", (req, res) -> res.send("hello"));
                    routing.get(
                            "/port",
                            (req, res) ->
                                    res.send(String.valueOf(req.remotePeer().port())));
                    ProblemHandlers.registerNotFoundFallback(routing);
                })
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        layer.close();
    }

    @Test
    void silentConnectionGets408AfterTheHeaderReadTimeout() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            RawHttp.Received received = http.readUntilClose(HEADER_READ.plus(SLACK));
            assertRequestTimeout(received);
        }
    }

    @Test
    void requestLineWithoutVersionGets408AfterTheHeaderReadTimeout() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.send("GET /hello\r\n\r\n");
            assertRequestTimeout(http.readUntilClose(HEADER_READ.plus(SLACK)));
        }
    }

    @Test
    void tricklingHeadersAreCutOffAtTheHeaderReadTimeout() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.send("GET /hello HTTP/1.1\r\n");
            int sent = 0;
            // One header line every 50 ms: each read is quick, only the whole head is late (slowloris).
            while (http.trySend("X-Slow-" + sent + ": x\r\n")
                    && http.sinceOpened().compareTo(HEADER_READ.plus(SLACK)) < 0) {
                sent++;
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the trickle's pace; nothing is timed by it
            }
            RawHttp.Received received = http.readUntilClose(SLACK);
            assertThat(sent)
                    .as("header lines the server accepted before cutting off")
                    .isGreaterThan(3);
            assertRequestTimeout(received);
        }
    }

    @Test
    void aLaterRequestsHeadersAreTimedFromItsRequestLine() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.send(GET);
            assertThat(http.readResponse(SLACK, false).status()).isEqualTo(200);
            long requestLine = System.nanoTime();
            http.send("GET /hello HTTP/1.1\r\nHost: te"); // and nothing more
            RawHttp.Received received = http.readUntilClose(HEADER_READ.plus(SLACK));
            assertThat(received.status()).isEqualTo(408);
            assertThat(Duration.ofNanos(System.nanoTime() - requestLine)).isGreaterThanOrEqualTo(HEADER_READ);
        }
    }

    @Test
    void aLaterRequestLineThatNeverEndsIsCutOffByTheKeepAliveDeadline() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            long sent = System.nanoTime();
            http.send(GET);
            assertThat(http.readResponse(SLACK, false).status()).isEqualTo(200);
            http.send("GET /hel"); // a request line without its end
            RawHttp.Received received = http.readUntilClose(KEEP_ALIVE.plus(SLACK));
            assertThat(received.status()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(KEEP_ALIVE);
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedAfterTheKeepAliveTimeout() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            long sent = System.nanoTime(); // before the server can start the deadline: a lower bound holds
            http.send(GET);
            assertThat(http.readResponse(SLACK, false).status()).isEqualTo(200);
            RawHttp.Received rest = http.readUntilClose(KEEP_ALIVE.plus(SLACK));
            assertThat(rest.status()).as("closed silently, no second response").isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(KEEP_ALIVE);
        }
    }

    @Test
    void keepAliveServesSeveralRequestsWithinTheTimeout() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            for (int i = 0; i < 5; i++) {
                http.send(GET);
                assertThat(http.readResponse(SLACK, false).bodyText()).isEqualTo("hello");
            }
        }
    }

    @Test
    void connectionCloseIsHonouredRightAfterTheResponse() {
        RawHttp.Received received = RawHttp.exchange(
                server.port(), "GET /hello HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", SLACK);
        assertThat(received.status()).isEqualTo(200);
        assertThat(received.bodyText()).isEqualTo("hello");
        // closed by the request, not by a deadline: sooner than the keep-alive timeout
        assertThat(received.after()).isLessThan(KEEP_ALIVE);
    }

    @Test
    void connectionCloseIsHonouredForAProblemToo() {
        RawHttp.Received received = RawHttp.exchange(
                server.port(), "GET /nowhere HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", SLACK);
        assertThat(received.status()).isEqualTo(404);
        assertThat(received.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(received.after()).isLessThan(KEEP_ALIVE);
    }

    @Test
    void closedConnectionsAreForgotten() {
        int before = layer.deadlines().watched(); // other tests' connections may still be open
        for (int i = 0; i < 3; i++) {
            RawHttp.exchange(server.port(), "GET /hello HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n", SLACK);
        }
        Await.until(
                SLACK,
                "closed connections leave the watch list",
                () -> layer.deadlines().watched() <= before);
    }

    @Test
    void http2ConnectionOutlivesTheHttp1Deadlines() throws Exception {
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            assertOneHttp2ConnectionOutlivesTheDeadlines(client);
        }
    }

    private static void assertOneHttp2ConnectionOutlivesTheDeadlines(HttpClient client) throws Exception {
        URI port = URI.create("http://127.0.0.1:" + server.port() + "/port");
        HttpResponse<String> first =
                client.send(HttpRequest.newBuilder(port).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2); // upgraded (h2c)
        // Let both deadlines pass, proven by connections they close (opened after the HTTP/2 one).
        try (RawHttp silent = RawHttp.connect(server.port());
                RawHttp kept = RawHttp.connect(server.port())) {
            kept.send(GET);
            kept.readResponse(SLACK, false);
            assertThat(silent.readUntilClose(HEADER_READ.plus(SLACK)).status()).isEqualTo(408);
            assertThat(kept.readUntilClose(KEEP_ALIVE.plus(SLACK)).status()).isZero();
        }
        HttpResponse<String> second =
                client.send(HttpRequest.newBuilder(port).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(second.body())
                .as("the same client port: the same connection")
                .isEqualTo(first.body());
    }

    private static void assertRequestTimeout(RawHttp.Received received) {
        assertThat(received.status()).isEqualTo(408);
        assertThat(received.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(received.bodyText()).contains("\"status\":408");
        assertThat(received.after()).isGreaterThanOrEqualTo(HEADER_READ);
    }
}
