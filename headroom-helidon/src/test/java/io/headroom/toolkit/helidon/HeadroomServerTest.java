package io.headroom.toolkit.helidon;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.testing.Await;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The feature on a real server: what a request meets with the defaults, with switches off, and at custom paths. */
class HeadroomServerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private Headroom headroom;
    private WebServer server;

    private void start(Consumer<HeadroomBuilder> options) {
        HeadroomBuilder builder = Headroom.builder();
        options.accept(builder);
        headroom = builder.build();
        server = WebServer.builder()
                .update(headroom::configure)
                .host("127.0.0.1")
                .port(0)
                .routing(r -> r.get(
                        "/hello/{name}",
                        (req, res) ->
                                res.send("hi " + req.path().pathParameters().get("name"))))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (headroom != null) {
            headroom.close();
        }
    }

    @Test
    void defaultsRecordByRouteTemplateAddSecurityHeadersAndServeTheEndpoints() throws Exception {
        start(b -> {});
        HttpResponse<String> hello = get("/hello/ada");
        assertThat(hello.body()).isEqualTo("hi ada");
        assertThat(hello.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        Await.until(
                Duration.ofSeconds(10),
                "the route template in /metrics",
                () -> text("/metrics").contains("uri=\"/hello/{name}\""));
        assertThat(get("/api/performance/stats").body())
                .contains("\"route\":\"/hello/{name}\"")
                .doesNotContain("/hello/ada");
        assertThat(send("HEAD", "/metrics").statusCode()).isEqualTo(200);
        HttpResponse<String> unknown = get("/nowhere"); // Helidon's own 404, as a problem document
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(send("POST", "/hello/ada").statusCode()).isEqualTo(404); // no fallback by default: no 405
    }

    @Test
    void theOptInFallbackAnswers404And405AsProblems() throws Exception {
        start(b -> b.notFoundFallback(path -> path.path().startsWith("/hello/") ? Set.of(Method.GET) : Set.of()));
        HttpResponse<String> unknown = get("/nowhere");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
        HttpResponse<String> post = send("POST", "/hello/ada");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
        assertThat(send("POST", "/metrics").headers().firstValue("Allow"))
                .contains("GET, HEAD"); // its own endpoints too
    }

    @Test
    void switchedOffPartsAreNotOnTheWire() throws Exception {
        start(b -> b.requestMonitoring(false).securityHeaders(false).metricsPath(null));
        HttpResponse<String> hello = get("/hello/ada");
        assertThat(hello.headers().firstValue("X-Content-Type-Options")).isEmpty();
        assertThat(get("/metrics").statusCode()).isEqualTo(404);
        assertThat(headroom.monitoring().requests().totalRequests()).isZero();
    }

    @Test
    void endpointsAnswerAtTheHostsPathsBehindItsGuard() throws Exception {
        start(b -> b.statsPath("/ops/stats")
                .metricsPath("/ops/metrics")
                .alertsPaths("/ops/alerts")
                .endpointGuard(handler -> (req, res) -> {
                    if (req.headers().contains(HeaderNames.AUTHORIZATION)) {
                        handler.handle(req, res);
                    } else {
                        res.status(401).send();
                    }
                }));
        assertThat(get("/ops/stats").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/ops/stats", "Authorization", "Bearer x").statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/ops/metrics", "Authorization", "Bearer x").body())
                .contains("jvm_memory_used_bytes");
        assertThat(send("GET", "/ops/alerts", "Authorization", "Bearer x").body())
                .contains("\"active\"");
        assertThat(get("/metrics").statusCode()).isEqualTo(404);
        assertThat(get("/api/performance/stats").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
