package io.headroom.explorer.testing;

import io.headroom.explorer.ExplorerServer;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.lake.LakeReader;
import io.headroom.explorer.web.Routes;
import io.headroom.toolkit.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The real service on a free port, over a test database and lake; no schedule, so refreshes are on demand. */
public final class ServiceUnderTest implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token";
    /** Opens the monitoring routes (HEADROOM_METRICS_TOKEN) and nothing else. */
    public static final String METRICS_TOKEN = "test-metrics-token";
    /** The password of the 'admin' user a first start creates. */
    public static final String ADMIN_PASSWORD = "test-admin-password";
    /** The login tokens' signing key, so tests can also forge tokens (expired, other keys). */
    public static final String JWT_SECRET = "test-jwt-secret-of-at-least-thirty-two-bytes";

    private final ExplorerServer server;
    private final ApiClient client;
    /** Closed with the service when the service was started over it by {@link #overCatalog}; else null. */
    private final AutoCloseable ownedDatabase;

    private ServiceUnderTest(ExplorerServer server) {
        this(server, null);
    }

    private ServiceUnderTest(ExplorerServer server, AutoCloseable ownedDatabase) {
        this.server = server;
        this.client = new ApiClient(server.port());
        this.ownedDatabase = ownedDatabase;
    }

    /**
     * The service over {@code database} (which it then owns: closing the service closes it) and a
     * fixed lake of {@code datasets}, with the admin token set and the initial refresh (id 1) awaited.
     * The start of the API contract tests.
     */
    public static ServiceUnderTest overCatalog(
            DatabaseUnderTest database, Path dataDir, List<DatasetMetadata> datasets) {
        ServiceUnderTest started;
        try {
            started = start(database, dataDir, new FixedLake(datasets), Optional.of(ADMIN_TOKEN));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        ServiceUnderTest service = new ServiceUnderTest(started.server, database);
        service.awaitRefresh(1);
        return service;
    }

    public static ServiceUnderTest start(
            DatabaseUnderTest database, Path dataDir, LakeReader lake, Optional<String> adminToken) {
        return start(database, dataDir, lake, adminToken, Map.of());
    }

    /** @param overrides settings that win over the test defaults (pool sizes, timeouts) */
    public static ServiceUnderTest start(
            DatabaseUnderTest database,
            Path dataDir,
            LakeReader lake,
            Optional<String> adminToken,
            Map<String, String> overrides) {
        Map<String, String> env = environment(database, dataDir, adminToken);
        env.putAll(overrides);
        return new ServiceUnderTest(ExplorerServer.start(ExplorerConfig.from(new Settings(env)), lake));
    }

    /**
     * The service as {@code headroom serve} starts it: discovering and analysing the real lake that {@code
     * lakeSettings} point at (a local directory or an S3 bucket), with the initial refresh (id 1) awaited.
     */
    public static ServiceUnderTest overLake(
            DatabaseUnderTest database, Path dataDir, Map<String, String> lakeSettings) {
        Map<String, String> env = environment(database, dataDir, Optional.of(ADMIN_TOKEN));
        env.putAll(lakeSettings);
        ServiceUnderTest service;
        try {
            service = new ServiceUnderTest(ExplorerServer.start(ExplorerConfig.from(new Settings(env))), database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        service.awaitRefresh(1);
        return service;
    }

    private static Map<String, String> environment(
            DatabaseUnderTest database, Path dataDir, Optional<String> adminToken) {
        Map<String, String> env = new HashMap<>(database.environment());
        env.put("HEADROOM_PORT", "0");
        env.put("HEADROOM_HOST", "127.0.0.1");
        env.put("HEADROOM_DATA_DIR", dataDir.toString());
        env.put("HEADROOM_SAMPLE_DATASETS", "0");
        env.put("HEADROOM_REFRESH_INTERVAL", "off");
        env.put("HEADROOM_REFRESH_BATCH_SIZE", "16");
        env.put("HEADROOM_REFRESH_PARALLELISM", "3");
        adminToken.ifPresent(t -> env.put("HEADROOM_ADMIN_TOKEN", t));
        env.put("HEADROOM_METRICS_TOKEN", METRICS_TOKEN);
        // Contract tests send hundreds of requests from one address; the limits' own tests turn them on.
        env.put("HEADROOM_RATE_LIMITS", "off");
        // The fuzz and contract tests send wrong admin tokens on purpose, many in a row; RateLimitsH2Test
        // turns the brute-force guard's back-off on with a small allowance.
        env.put("HEADROOM_BRUTE_FORCE_FREE_ATTEMPTS", "1000");
        env.put("HEADROOM_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("HEADROOM_JWT_SECRET", JWT_SECRET);
        env.put("HEADROOM_BCRYPT_COST", "4"); // the minimum: tests log in often; the default (12) is measured in bench
        return env;
    }

    /**
     * Two instances on one database, in {@code dataDir}'s {@code a} and {@code b}: the first runs the initial
     * refresh (awaited), so the second starts on a full catalog and runs none of its own.
     */
    public static List<ServiceUnderTest> twoInstances(
            DatabaseUnderTest database, Path dataDir, LakeReader lake, Map<String, String> overrides) {
        ServiceUnderTest a = start(database, dataDir.resolve("a"), lake, Optional.of(ADMIN_TOKEN), overrides);
        try {
            a.awaitRefresh(1);
            return List.of(a, start(database, dataDir.resolve("b"), lake, Optional.of(ADMIN_TOKEN), overrides));
        } catch (RuntimeException | AssertionError e) {
            a.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** The service's route table ({@link Routes#declared()}). */
    public Routes routes() {
        return server.routes();
    }

    /** The server itself, for its stop sequence ({@link ExplorerServer#shutdown()}). */
    public ExplorerServer server() {
        return server;
    }

    public ApiClient client() {
        return client;
    }

    /** Waits for refresh {@code id} to end and returns its final status. */
    public ApiClient.Response awaitRefresh(long id) {
        return client.await(
                "/api/v1/admin/refresh/" + id,
                ADMIN_TOKEN,
                r -> r.status() == 200 && !r.json().path("state").asText().equals("running"));
    }

    @Override
    public void close() {
        server.close();
        if (ownedDatabase != null) {
            try {
                ownedDatabase.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close the test database", e);
            }
        }
    }
}
