package io.headroom.explorer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.ExplorerServer;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two explorer instances on one PostgreSQL catalog and one Redis (CACHE-5, HTTP-1): what one caches
 * the other serves without the database, and a refresh or an admin invalidation on one reaches the
 * other's in-process cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesCacheTest {
    private static final String TOKEN = "cache-admin-token";
    private static final List<DatasetMetadata> FIXTURE = CatalogFixture.datasets(31);

    @TempDir
    static Path tempDir; // static: a PER_CLASS @BeforeAll runs before instance fields are injected

    private final HttpClient http = HttpClient.newHttpClient();
    private DatabaseUnderTest database;
    private FixedLake lake;
    private ExplorerServer a;
    private ExplorerServer b;

    @BeforeAll
    void start() {
        TestRedis redis = TestRedis.require();
        database = DatabaseUnderTest.postgres();
        lake = new FixedLake(FIXTURE.subList(0, 30));
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("HEADROOM_PORT", "0");
        env.put("HEADROOM_HOST", "127.0.0.1");
        env.put("HEADROOM_SAMPLE_DATASETS", "0");
        env.put("HEADROOM_REFRESH_INTERVAL", "off");
        env.put("HEADROOM_ADMIN_TOKEN", TOKEN);
        env.put("REDIS_URL", redis.url());
        env.put("CACHE_KEY_PREFIX", redis.keyPrefix());
        env.put("CACHE_SYNC_INTERVAL", "200ms");
        env.put("HEADROOM_DATA_DIR", tempDir.resolve("a").toString());
        a = ExplorerServer.start(ExplorerConfig.from(new Settings(env)), lake);
        // Wait for the refresh to end, not for the count: after its last batch it still writes (removals, its log
        // row), and each write invalidates the cached lists, which would race the first test's entry.
        Await.until(
                Duration.ofSeconds(60),
                "a's initial refresh ends",
                () -> json(get(a, "/api/v1/admin/refresh/1", TOKEN))
                        .path("state")
                        .asText()
                        .equals("finished"));
        assertThat(json(get(a, "/api/v1/stats/quick")).path("totalCount").asInt())
                .isEqualTo(30);
        env.put("HEADROOM_DATA_DIR", tempDir.resolve("b").toString());
        b = ExplorerServer.start(ExplorerConfig.from(new Settings(env)), lake); // catalog not empty: no refresh
    }

    @AfterAll
    void stop() {
        if (b != null) b.close();
        if (a != null) a.close();
        if (database != null) database.close();
    }

    @Test
    void anEntryCachedByOneInstanceIsAHitOnTheOther() {
        // Right after a's own writes invalidated the lists (the start-up refresh, or another test's): a applies the
        // versions Redis gave its invalidations at once, so the first fresh page it loads reaches Redis.
        HttpResponse<String> first = get(a, "/api/v1/datasets?limit=7&sort=-size");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
        HttpResponse<String> other = get(b, "/api/datasets?sort=-size&limit=7"); // alias and other order: same entry
        assertThat(other.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(other.body()).isEqualTo(first.body());
        assertThat(other.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(b.cache().cache().stats().keyspaces()).anySatisfy(ks -> {
            assertThat(ks.keyspace()).isEqualTo("datasets");
            assertThat(ks.l2Hits()).isPositive();
        });
    }

    @Test
    void aRefreshOnOneInstanceInvalidatesTheOthersCachedStats() {
        int before = json(get(b, "/api/v1/stats")).path("totalDatasets").asInt();
        assertThat(get(b, "/api/v1/stats").headers().firstValue("X-Cache")).contains("HIT");
        assertThat(b.cache().stats().getIfPresent("public|global")).isPresent();

        lake.put(FIXTURE.get(30));
        long id = json(post(a, "/api/v1/admin/refresh")).path("refreshId").asLong();
        Await.until(
                Duration.ofSeconds(60),
                "the refresh ends",
                () -> json(get(a, "/api/v1/admin/refresh/" + id, TOKEN))
                        .path("state")
                        .asText()
                        .equals("finished"));
        long finished = System.nanoTime();
        // The bound is the wait's deadline: an entry still there after 10 s fails here.
        Await.until(
                Duration.ofSeconds(10),
                "b drops its cached stats",
                () -> b.cache().stats().getIfPresent("public|global").isEmpty());
        System.out.printf(
                "refresh on a -> b's stats entry dropped %.1f ms after the refresh reported finished "
                        + "(sender-to-receiver delay of the last message: %d ms)%n",
                (System.nanoTime() - finished) / 1e6, b.cache().cache().stats().lastInvalidationDelayMillis());

        HttpResponse<String> fresh = get(b, "/api/v1/stats");
        assertThat(fresh.headers().firstValue("X-Cache")).contains("MISS");
        assertThat(json(fresh).path("totalDatasets").asInt()).isEqualTo(before + 1);
    }

    @Test
    void theAdminRouteInvalidatesEverywhereAndReportsStatistics() {
        get(b, "/api/v1/folders");
        assertThat(get(b, "/api/v1/folders").headers().firstValue("X-Cache")).contains("HIT");

        HttpResponse<String> deleted = send(a, "DELETE", "/api/v1/admin/cache?keyspace=folders", TOKEN);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.headers().firstValue("Cache-Control")).contains("private, no-store");
        Await.until(
                Duration.ofSeconds(10),
                "b drops the folder list",
                () -> b.cache().folders().getIfPresent("public|list").isEmpty());
        assertThat(get(b, "/api/v1/folders").headers().firstValue("X-Cache")).contains("MISS");

        JsonNode report = json(get(b, "/api/v1/admin/cache", TOKEN));
        assertThat(report.path("cache").path("redis").asText()).isEqualTo("UP");
        assertThat(report.path("cache").path("keyspaces").findValuesAsText("keyspace"))
                .contains("datasets", "stats", "folders", "folder-stats");
        assertThat(report.path("cache").path("invalidationsReceived").asLong()).isPositive();
    }

    @Test
    void theAdminRouteRefusesBadRequestsAndStrangers() {
        assertThat(send(a, "DELETE", "/api/v1/admin/cache", null).statusCode()).isEqualTo(401);
        HttpResponse<String> unknown = send(a, "DELETE", "/api/v1/admin/cache?keyspace=colors", TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("keyspace");
        HttpResponse<String> orphanKey = send(a, "DELETE", "/api/v1/admin/cache?key=list", TOKEN);
        assertThat(orphanKey.statusCode()).isEqualTo(400);
        assertThat(orphanKey.body()).contains("\"key\"");
    }

    @Test
    void servesBrotliAndAnswers304OverRealHttp() throws Exception {
        HttpResponse<byte[]> br = http.send(
                HttpRequest.newBuilder(uri(a, "/api/v1/datasets?limit=50"))
                        .header("Accept-Encoding", "br, gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(br.headers().firstValue("Content-Encoding")).contains("br");
        assertThat(br.headers().firstValue("Cache-Control").orElseThrow())
                .contains("s-maxage", "stale-while-revalidate");
        String etag = br.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> notModified = http.send(
                HttpRequest.newBuilder(uri(b, "/api/v1/datasets?limit=50"))
                        .header("Accept-Encoding", "br, gzip")
                        .header("If-None-Match", etag)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(notModified.statusCode()).isEqualTo(304);
    }

    private URI uri(ExplorerServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(ExplorerServer server, String path) {
        return send(server, "GET", path, null);
    }

    private HttpResponse<String> get(ExplorerServer server, String path, String token) {
        return send(server, "GET", path, token);
    }

    private HttpResponse<String> post(ExplorerServer server, String path) {
        return send(server, "POST", path, TOKEN);
    }

    private HttpResponse<String> send(ExplorerServer server, String method, String path, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(server, path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }
}
