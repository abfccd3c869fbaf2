package io.headroom.toolkit.helidon.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.helidon.ProblemHandlers;
import io.headroom.toolkit.resilience.AdmissionSettings;
import io.headroom.toolkit.resilience.AdmittedDataSource;
import io.headroom.toolkit.resilience.ConcurrencyLimit;
import io.headroom.toolkit.resilience.ConcurrencyLimits;
import io.headroom.toolkit.resilience.ConcurrencyLimits.Admit;
import io.headroom.toolkit.testing.Await;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-class limits over HTTP: a heavy class admitted on arrival, an API class admitted at its first
 * database connection (so a "cache hit", which never asks for one, passes a full class), an unlimited probe.
 */
class ConcurrencyLimitFilterTest {
    /** Long, so a refusal that waited for its deadline instead of being refused at once fails the test. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newHttpClient();
    private WebServer server;
    private ConcurrencyLimits<String> limits;

    private void start(int heavyQueue) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:limits;DB_CLOSE_DELAY=-1");
        DataSource database = new AdmittedDataSource(h2, new AdmissionSettings(10, 10, DEADLINE));
        limits = ConcurrencyLimits.<String>none()
                .with("heavy", "heavy", new AdmissionSettings(1, heavyQueue, DEADLINE), Admit.ON_ARRIVAL)
                .with("api", "api", new AdmissionSettings(1, 0, DEADLINE), Admit.ON_DATABASE_WORK);
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(r -> {
                    ProblemHandlers.register(r);
                    r.addFilter(new ConcurrencyLimitFilter<>(limits, req -> {
                        String path = req.path().path();
                        return path.startsWith("/health") ? "exempt" : path.startsWith("/heavy") ? "heavy" : "api";
                    }));
                    r.get("/heavy", (req, res) -> {
                        await(release);
                        res.send("done");
                    });
                    r.get("/cached", (req, res) -> res.send("from the cache")); // asks for no connection
                    r.get("/db", (req, res) -> {
                        try (Connection c = database.getConnection();
                                Statement s = c.createStatement()) {
                            s.execute("SELECT 1");
                            if (req.query().contains("hold")) {
                                await(release);
                            }
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        res.send("queried");
                    });
                    r.get("/health", (req, res) -> res.send("up"));
                })
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aFullClassIsRefusedAtOnceWith503AndRetryAfterWhileProbesAndOtherClassesPass() throws Exception {
        start(0);
        CompletableFuture<HttpResponse<String>> holding = getAsync("/heavy");
        Await.until(Duration.ofSeconds(30), "the first heavy request holds the place", () -> inFlight("heavy"));

        long began = System.nanoTime();
        HttpResponse<String> refused = get("/heavy");
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(tookMillis)
                .as("refused at once, not after the %s deadline", DEADLINE)
                .isLessThan(5_000);

        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/db").statusCode())
                .as("the api class has its own limit")
                .isEqualTo(200);

        release.countDown();
        assertThat(holding.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(get("/heavy").statusCode()).as("the place was given back").isEqualTo(200);
    }

    @Test
    void aCacheHitIsAdmittedWhileTheClassesDatabaseWorkIsFull() throws Exception {
        start(0);
        CompletableFuture<HttpResponse<String>> holding = getAsync("/db?hold");
        Await.until(Duration.ofSeconds(30), "a database request holds the api place", () -> inFlight("api"));

        assertThat(get("/cached").statusCode())
                .as("asks for no connection: never shed")
                .isEqualTo(200);
        HttpResponse<String> refused = get("/db");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");

        release.countDown();
        assertThat(holding.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // The place is given back once the request has ended, which can be after its client has the answer.
        Await.until(
                Duration.ofSeconds(30),
                "the api place is free again",
                () -> limits.limit("api").orElseThrow().inFlight() == 0);
        assertThat(get("/db").statusCode()).isEqualTo(200);
    }

    @Test
    void aQueuedRequestIsServedWhenAPlaceFreesUp() throws Exception {
        start(1);
        CompletableFuture<HttpResponse<String>> first = getAsync("/heavy");
        Await.until(Duration.ofSeconds(30), "the first heavy request holds the place", () -> inFlight("heavy"));
        CompletableFuture<HttpResponse<String>> second = getAsync("/heavy");
        ConcurrencyLimit heavy = limits.limit("heavy").orElseThrow();
        Await.until(Duration.ofSeconds(30), "the second waits in the queue", () -> heavy.waiting() == 1);
        assertThat(get("/heavy").statusCode()).as("the queue of one is full").isEqualTo(503);

        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private boolean inFlight(String routeClass) {
        return limits.limit(routeClass).orElseThrow().inFlight() == 1;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60))
                .build();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
