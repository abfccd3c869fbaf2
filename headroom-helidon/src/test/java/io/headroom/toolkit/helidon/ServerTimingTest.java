package io.headroom.toolkit.helidon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.headroom.toolkit.cache.CacheSettings;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.monitor.SlowRequest;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.TestPostgres;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server-Timing and X-Request-Id on a real server and a real database, in each HEADROOM_SERVER_TIMING mode. */
class ServerTimingTest {
    private static final Pattern DB = Pattern.compile("db;dur=(\\d+\\.\\d\\d)");
    private static final Pattern APP = Pattern.compile("app;dur=(\\d+\\.\\d\\d)");
    private static final String TOKEN = "Bearer timing-token";

    // HTTP/1.1: over an h2c-upgraded stream the headers set before sending reset the stream (seen with the JDK client)
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Headroom headroom;
    private WebServer server;
    private HikariDataSource pool;
    private TestPostgres pg;

    private void start(String mode) {
        pg = TestPostgres.createSchema();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(pg.jdbcUrl());
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        headroom = Headroom.builder()
                .settings(new Settings(Map.of("HEADROOM_SERVER_TIMING", mode, "HEADROOM_SLOW_REQUEST", "40ms")))
                .cache(CacheSettings.defaults())
                // the host's idea of a monitoring caller; asked before the headers go out
                .serverTimingCallers(req -> req.headers()
                        .first(HeaderNames.AUTHORIZATION)
                        .filter(TOKEN::equals)
                        .isPresent())
                .build();
        DataSource data = headroom.dataSource(pool);
        server = WebServer.builder()
                .update(headroom::configure)
                .host("127.0.0.1")
                .port(0)
                .routing(r -> r.get("/db", (req, res) -> {
                            try (Connection c = data.getConnection();
                                    Statement s = c.createStatement()) {
                                s.execute("SELECT pg_sleep(0.06)");
                            } catch (SQLException e) {
                                throw new IllegalStateException(e);
                            }
                            res.send("done");
                        })
                        .get("/cached", headroom.cachedJson("items", Duration.ofMinutes(1), req -> Map.of("a", 1))))
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
        if (pool != null) {
            pool.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void onSplitsTheServerTimeIntoDatabaseAndAppAndSaysWhetherTheCacheAnswered() throws Exception {
        start("on");
        long before = System.nanoTime();
        HttpResponse<String> db = get("/db", Optional.empty(), Optional.empty());
        double clientMs = (System.nanoTime() - before) / 1e6;
        String timing = db.headers().firstValue("Server-Timing").orElseThrow();
        double dbMs = figure(DB, timing);
        double appMs = figure(APP, timing);
        assertThat(dbMs).isGreaterThanOrEqualTo(60.0); // pg_sleep(0.06) ran on the monitored data source
        assertThat(dbMs + appMs).isLessThanOrEqualTo(clientMs); // the server's parts fit inside what the client saw
        assertThat(timing).doesNotContain("cache;");
        assertThat(db.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");

        String first = get("/cached", Optional.empty(), Optional.empty())
                .headers()
                .firstValue("Server-Timing")
                .orElseThrow();
        String second = get("/cached", Optional.empty(), Optional.empty())
                .headers()
                .firstValue("Server-Timing")
                .orElseThrow();
        assertThat(first).contains("cache;desc=miss").contains("db;dur=0.00");
        assertThat(second).contains("cache;desc=hit");
    }

    @Test
    void aWellFormedIncomingIdIsKeptAndReachesTheSlowLogWhileAMalformedOneIsReplaced() throws Exception {
        start("on");
        HttpResponse<String> kept = get("/db", Optional.empty(), Optional.of("load-7:vu3.42"));
        assertThat(kept.headers().firstValue("X-Request-Id")).contains("load-7:vu3.42");
        Await.until(
                Duration.ofSeconds(10),
                "the slow request with its id",
                () -> headroom.monitoring().requests().slowRequests().stream()
                        .map(SlowRequest::requestId)
                        .anyMatch("load-7:vu3.42"::equals));

        String tooLong = "x".repeat(65);
        HttpResponse<String> replaced = get("/db", Optional.empty(), Optional.of(tooLong));
        assertThat(replaced.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");
        HttpResponse<String> injected = get("/db", Optional.empty(), Optional.of("a b{}"));
        assertThat(injected.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");
    }

    @Test
    void offSendsNeitherHeaderButTheSlowLogStillCarriesTheCallersId() throws Exception {
        start("off");
        HttpResponse<String> db = get("/db", Optional.of(TOKEN), Optional.of("trace-1"));
        assertThat(db.headers().firstValue("Server-Timing")).isEmpty();
        assertThat(db.headers().firstValue("X-Request-Id")).isEmpty();
        Await.until(
                Duration.ofSeconds(10),
                "the slow request with the caller's id",
                () -> headroom.monitoring().requests().slowRequests().stream()
                        .map(SlowRequest::requestId)
                        .anyMatch("trace-1"::equals));
    }

    @Test
    void tokenTimesOnlyTheCallersTheHostTrusts() throws Exception {
        start("token");
        HttpResponse<String> anonymous = get("/db", Optional.empty(), Optional.empty());
        assertThat(anonymous.headers().firstValue("Server-Timing")).isEmpty();
        assertThat(anonymous.headers().firstValue("X-Request-Id")).isEmpty();
        HttpResponse<String> wrong = get("/db", Optional.of("Bearer guess"), Optional.empty());
        assertThat(wrong.headers().firstValue("Server-Timing")).isEmpty();
        HttpResponse<String> trusted = get("/db", Optional.of(TOKEN), Optional.empty());
        assertThat(figure(DB, trusted.headers().firstValue("Server-Timing").orElseThrow()))
                .isGreaterThanOrEqualTo(60.0);
        assertThat(trusted.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void tokenWithoutAWayToRecogniseTheTokenFailsAtBuildNamingTheSetting() {
        HeadroomBuilder builder = Headroom.builder().settings(new Settings(Map.of("HEADROOM_SERVER_TIMING", "token")));
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HEADROOM_SERVER_TIMING=token needs serverTimingCallers");
        assertThatThrownBy(
                        () -> Headroom.builder().settings(new Settings(Map.of("HEADROOM_SERVER_TIMING", "sometimes"))))
                .hasMessageContaining("HEADROOM_SERVER_TIMING='sometimes' is not valid: expected off, on or token");
    }

    private HttpResponse<String> get(String path, Optional<String> authorization, Optional<String> requestId)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        authorization.ifPresent(a -> request.header("Authorization", a));
        requestId.ifPresent(id -> request.header("X-Request-Id", id));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static double figure(Pattern metric, String header) {
        Matcher m = metric.matcher(header);
        assertThat(m.find()).as("%s in %s", metric, header).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
