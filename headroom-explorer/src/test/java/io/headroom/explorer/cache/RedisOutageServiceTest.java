package io.headroom.explorer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.ExplorerServer;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.toolkit.cache.SharedStore;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.RedisServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CACHE-8 at the service level: Redis killed under a running explorer, every request still answered, then recovery. */
class RedisOutageServiceTest {
    private static final List<String> ROUTES = List.of(
            "/api/v1/datasets",
            "/api/v1/datasets?limit=5",
            "/api/v1/stats",
            "/api/v1/stats/quick",
            "/api/v1/folders",
            "/api/v1/folders/health/stats");

    @TempDir
    Path tempDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyRequestSucceedsWhileRedisIsDownAndTheCacheReconnects() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start();
                DatabaseUnderTest database = DatabaseUnderTest.h2(tempDir)) {
            Map<String, String> env = new HashMap<>(database.environment());
            env.put("HEADROOM_PORT", "0");
            env.put("HEADROOM_HOST", "127.0.0.1");
            env.put("HEADROOM_DATA_DIR", tempDir.toString());
            env.put("HEADROOM_SAMPLE_DATASETS", "0");
            env.put("HEADROOM_REFRESH_INTERVAL", "off");
            env.put("REDIS_URL", redis.url());
            env.put("REDIS_TIMEOUT", "200ms");
            env.put("REDIS_CIRCUIT_OPEN_FOR", "500ms");
            env.put("CACHE_SYNC_INTERVAL", "200ms");
            try (ExplorerServer server = ExplorerServer.start(
                    ExplorerConfig.from(new Settings(env)), new FixedLake(CatalogFixture.datasets(20)))) {
                Await.until(
                        Duration.ofSeconds(60),
                        "the initial refresh fills the catalog",
                        () -> get(server, "/api/v1/stats/quick").body().contains("\"totalCount\":20"));
                ROUTES.forEach(
                        route -> assertThat(get(server, route).statusCode()).isEqualTo(200));

                redis.kill();
                long slowest = 0;
                for (int round = 0; round < 5; round++) {
                    for (String route : ROUTES) {
                        long start = System.nanoTime();
                        HttpResponse<String> r = get(
                                server,
                                route + (round % 2 == 0 ? "" : (route.contains("?") ? "&" : "?") + "round=" + round));
                        slowest = Math.max(slowest, System.nanoTime() - start);
                        assertThat(r.statusCode())
                                .as(route + " with Redis down")
                                .isEqualTo(200);
                    }
                }
                System.out.printf(
                        "explorer with Redis killed: 30 requests all 200, slowest %.1f ms, cache state %s%n",
                        slowest / 1e6, server.cache().cache().stats().redis());
                assertThat(server.cache().cache().stats().redis()).isNotEqualTo(SharedStore.StoreState.UP);

                redis.restart();
                Await.until(
                        Duration.ofSeconds(30),
                        "the cache reconnects by itself",
                        () -> server.cache().cache().stats().redis() == SharedStore.StoreState.UP
                                && get(server, "/api/v1/datasets?limit=3").statusCode() == 200);
            }
        }
    }

    private HttpResponse<String> get(ExplorerServer server, String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " failed", e);
        }
    }
}
