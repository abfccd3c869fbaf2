package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.testing.ApiClient;
import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.FixedLake;
import io.headroom.explorer.testing.ServiceUnderTest;
import io.headroom.toolkit.testing.TestRedis;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Response-cache keys cannot be inflated (CacheKeys): junk parameters and other spellings of one
 * query make no new entry, neither in process nor in Redis (the real one, HEADROOM_TEST_REDIS_URL),
 * and bad values are refused before the cache is looked at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseCacheKeysTest {
    private static final String TOKEN = ServiceUnderTest.ADMIN_TOKEN;
    private static final List<String> KEYSPACES = List.of("datasets", "folder-stats", "stats");

    @TempDir
    static Path tempDir;

    private TestRedis redis;
    private ServiceUnderTest service;
    private ApiClient api;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> connection;
    private long datasetId;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() {
        redis = TestRedis.require();
        service = ServiceUnderTest.start(
                DatabaseUnderTest.h2(tempDir),
                tempDir,
                new FixedLake(CatalogFixture.datasets(24)),
                Optional.of(TOKEN),
                Map.of(
                        "REDIS_URL",
                        redis.url(),
                        "CACHE_KEY_PREFIX",
                        redis.keyPrefix(),
                        "CACHE_WARM_INTERVAL",
                        "0")); // the start-up warm only: nothing refills the cache mid-test
        api = service.client();
        service.awaitRefresh(1);
        api.await(
                "/api/v1/admin/cache", TOKEN, r -> r.json().path("lastWarming").isObject());
        redisClient = RedisClient.create(redis.url());
        connection = redisClient.connect();
        datasetId = api.get("/api/v1/datasets?limit=1")
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asLong();
    }

    @AfterAll
    void stop() {
        if (connection != null) connection.close();
        if (redisClient != null) redisClient.shutdown();
        if (service != null) service.close();
    }

    @BeforeEach
    void emptyTheCache() {
        deleteEveryCacheEntry();
        for (String keyspace : KEYSPACES) {
            assertThat(entries(keyspace)).as(keyspace).isZero();
        }
    }

    @Test
    void aThousandDistinctJunkParametersCreateNoEntry() {
        List<String> routes = List.of(
                "/api/v1/datasets?limit=5",
                "/api/v1/datasets/" + datasetId,
                "/api/v1/folders/environment%2Fair/stats",
                "/api/v1/stats");
        for (String route : routes) {
            assertThat(api.get(route).header("X-Cache")).as(route).isEqualTo("MISS");
        }
        Map<String, Entries> before = entriesOfEachKeyspace();
        assertThat(before.get("datasets")).isEqualTo(new Entries(2, 2, 2));
        assertThat(before.get("folder-stats")).isEqualTo(new Entries(1, 1, 1));
        assertThat(before.get("stats")).isEqualTo(new Entries(1, 1, 1));
        long missesBefore = misses();

        for (int i = 0; i < 1000; i++) {
            String route = routes.get(i % routes.size());
            String junk = switch (i % 5) { // cache busters, trackers, typos of real names, odd characters
                case 0 -> "bust=" + i;
                case 1 -> "_=" + (1_700_000_000_000L + i);
                case 2 -> "utm_source=mail&utm_campaign=c" + i;
                case 3 -> "limitt=" + i;
                default -> "%E2%9C%93" + i + "=%20";
            };
            ApiClient.Response response = api.get(route + (route.contains("?") ? "&" : "?") + junk);
            assertThat(response.status()).as(route + " " + junk).isEqualTo(200);
            assertThat(response.header("X-Cache")).as(route + " " + junk).isEqualTo("HIT");
        }

        assertThat(entriesOfEachKeyspace()).isEqualTo(before);
        assertThat(misses()).isEqualTo(missesBefore);
    }

    @Test
    void equivalentSpellingsShareOneEntry() {
        sameEntry(
                "/api/v1/datasets?limit=7&sort=-size&modifiedAfter=2025-01-01",
                "/api/v1/datasets?sort=-size&limit=07&modifiedAfter=2025-01-01T00:00:00Z",
                "/api/datasets?modifiedAfter=2025-01-01T02:00:00%2B02:00&limit=7&offset=0&sort=-size",
                "/api/v1/datasets?modifiedAfter=2024-12-31T19:00-05:00&limit=%207&sort=-size&folder=&q=%20%20",
                "/api/v1/datasets?limit=7&limit=9&sort=-size&modifiedAfter=2025-01-01"); // the first value counts
        sameEntry(
                "/api/v1/datasets",
                "/api/v1/datasets?limit=20",
                "/api/v1/datasets?sort=name&offset=0",
                "/api/datasets?offset=0&limit=20&sort=name");
        sameEntry("/api/v1/datasets?q=air", "/api/v1/datasets?q=AIR", "/api/v1/datasets?q=%20Air%20&bust=2");
        sameEntry("/api/v1/datasets/" + datasetId, "/api/v1/datasets/00" + datasetId, "/api/datasets/" + datasetId);
        sameEntry(
                "/api/v1/folders/environment%2Fair/stats",
                "/api/v1/folders/environment/air/stats", "/api/folders/environment%2fair/stats");

        assertThat(entriesOfEachKeyspace().get("datasets")).isEqualTo(new Entries(4, 4, 4));
        assertThat(entriesOfEachKeyspace().get("folder-stats")).isEqualTo(new Entries(1, 1, 1));
    }

    @Test
    void badValuesAreRefusedBeforeTheCacheIsLookedAt() {
        long lookupsBefore = lookups();
        for (String bad : List.of(
                "/api/v1/datasets?limit=abc",
                "/api/v1/datasets?limit=0",
                "/api/v1/datasets?limit=101",
                "/api/v1/datasets?sort=color",
                "/api/v1/datasets?modifiedAfter=yesterday",
                "/api/v1/datasets?cursor=junk",
                "/api/v1/datasets?minSize=-1",
                "/api/v1/datasets?minSize=9&maxSize=1",
                "/api/v1/datasets?format=xls",
                "/api/v1/datasets?folder=a%00b",
                "/api/v1/datasets/abc",
                "/api/v1/datasets/0",
                "/api/v1/datasets/99999999999999999999",
                "/api/v1/folders/a%01b/stats",
                "/api/v1/folders/" + "x".repeat(2000) + "/stats")) {
            ApiClient.Response response = api.get(bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
            // BYPASS from the response cache, or no X-Cache at all when a filter before it refused the request (a NUL)
            assertThat(response.header("X-Cache")).as(bad).isNotIn("HIT", "MISS");
        }
        assertThat(lookups()).isEqualTo(lookupsBefore);
        for (String keyspace : KEYSPACES) {
            assertThat(entries(keyspace)).as(keyspace).isZero();
        }
    }

    /** DELETE /api/v1/admin/cache: every keyspace, here and in Redis. */
    private void deleteEveryCacheEntry() {
        HttpRequest delete = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.port() + "/api/v1/admin/cache"))
                .DELETE()
                .header("Authorization", "Bearer " + TOKEN)
                .build();
        try {
            assertThat(http.send(delete, HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isEqualTo(200);
        } catch (Exception e) {
            throw new AssertionError("DELETE /api/v1/admin/cache failed", e);
        }
    }

    /** The first spelling is a miss; every other one a hit on the same entry (same ETag). */
    private void sameEntry(String first, String... others) {
        ApiClient.Response miss = api.get(first);
        assertThat(miss.status()).as(first).isEqualTo(200);
        assertThat(miss.header("X-Cache")).as(first).isEqualTo("MISS");
        for (String other : others) {
            ApiClient.Response hit = api.get(other);
            assertThat(hit.header("X-Cache")).as(other).isEqualTo("HIT");
            assertThat(hit.header("ETag")).as(other).isEqualTo(miss.header("ETag"));
        }
    }

    /** A keyspace's entries: in process (the admin statistics), in Redis's key index, as Redis keys. */
    record Entries(long inProcess, long redisIndex, long redisKeys) {}

    private Map<String, Entries> entriesOfEachKeyspace() {
        JsonNode stats = adminStats();
        Map<String, Entries> result = new HashMap<>();
        for (String keyspace : KEYSPACES) {
            long inProcess = keyspaceStats(stats, keyspace).path("entries").asLong();
            result.put(keyspace, new Entries(inProcess, redisIndexSize(keyspace), redisKeys(keyspace)));
        }
        return result;
    }

    private long entries(String keyspace) {
        Entries e = entriesOfEachKeyspace().get(keyspace);
        return e.inProcess() + e.redisIndex() + e.redisKeys();
    }

    private long misses() {
        JsonNode stats = adminStats();
        return KEYSPACES.stream()
                .mapToLong(k -> keyspaceStats(stats, k).path("misses").asLong())
                .sum();
    }

    private long lookups() {
        JsonNode stats = adminStats();
        return KEYSPACES.stream()
                .mapToLong(k -> keyspaceStats(stats, k).path("misses").asLong()
                        + keyspaceStats(stats, k).path("hits").asLong())
                .sum();
    }

    private JsonNode adminStats() {
        ApiClient.Response response = api.get("/api/v1/admin/cache", TOKEN);
        assertThat(response.status()).isEqualTo(200);
        return response.json().path("cache").path("keyspaces");
    }

    private static JsonNode keyspaceStats(JsonNode keyspaces, String name) {
        for (JsonNode keyspace : keyspaces) {
            if (keyspace.path("keyspace").asText().equals(name)) {
                return keyspace;
            }
        }
        throw new AssertionError("no statistics for keyspace " + name + " in " + keyspaces);
    }

    private long redisIndexSize(String keyspace) {
        return redis().zcard(redis.keyPrefix() + keyspace + ":i");
    }

    /** SCAN, not KEYS: counts the entry keys of one keyspace under this test's prefix. */
    private long redisKeys(String keyspace) {
        RedisCommands<String, String> commands = redis();
        ScanArgs match =
                ScanArgs.Builder.matches(redis.keyPrefix() + keyspace + ":k:*").limit(1000);
        long count = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = commands.scan(cursor, match);
            count += page.getKeys().size();
            cursor = page;
        } while (!cursor.isFinished());
        return count;
    }

    private RedisCommands<String, String> redis() {
        return connection.sync();
    }
}
