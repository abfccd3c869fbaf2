package io.headroom.example.helidon;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.headroom.toolkit.cache.CacheSettings;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.helidon.Headroom;
import io.headroom.toolkit.helidon.JsonResponse;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A Helidon SE service that uses the toolkit: items from an embedded database as JSON, monitored per
 * route template and per statement, the list served from the response cache (brotli, gzip, ETag),
 * and alerts at {@code /alerts}. Settings come from {@code ITEMS_*} environment variables
 * ({@code ITEMS_SLOW_REQUEST}, {@code ITEMS_HTTP_PUBLIC_MAX_AGE}, {@code ITEMS_ALERT_ROUTE_BUDGETS}...).
 */
public final class ItemService implements AutoCloseable {
    private final Headroom headroom;
    private final HikariDataSource pool;
    private final WebServer server;

    private ItemService(Headroom headroom, HikariDataSource pool, WebServer server) {
        this.headroom = headroom;
        this.pool = pool;
        this.server = server;
    }

    public static void main(String[] args) {
        ItemService service = start(Settings.fromEnvironment("ITEMS_"), 8080);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
    }

    public static ItemService start(Settings settings, int port) {
        HikariConfig config = new HikariConfig(); // the service's own pool, which the toolkit observes below
        config.setJdbcUrl(settings.string("DATABASE_URL", "jdbc:h2:mem:items;DB_CLOSE_DELAY=-1"));
        // -- the toolkit's wiring: the feature, the observed pool, the server with one cached route --
        Headroom headroom = Headroom.builder()
                .settings(settings) // monitoring, alerts and HTTP settings: ITEMS_SLOW_REQUEST, ...
                .cache(CacheSettings.from(settings)) // an in-process response cache (RedisCache.open for Redis)
                .alertsPaths("/alerts") // besides /metrics and /api/performance/stats, the defaults
                .build();
        headroom.monitoring().pool().attachTo(config); // pool series and the stats document's pool section
        HikariDataSource pool = new HikariDataSource(config);
        Items items = Items.withSample(headroom.dataSource(pool)); // every statement timed by the query monitor
        WebServer server = WebServer.builder()
                .update(headroom::configure) // server limits and deadlines, and the feature
                .port(port)
                .routing(r -> r.get("/items", headroom.cachedJson("items", Duration.ofMinutes(1), req -> items.all()))
                        .get("/items/{id}", (req, res) -> JsonResponse.send(res, items.byId(id(req))))
                        .get("/slow", (req, res) -> JsonResponse.send(res, slow())))
                .build()
                .start();
        // -- end of the wiring --
        return new ItemService(headroom, pool, server);
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    /** A route that is slow on purpose (300 ms): what a latency alert is for. */
    private static Map<String, Object> slow() {
        LockSupport.parkNanos(Duration.ofMillis(300).toNanos());
        return Map.of("slept", "300ms");
    }

    public int port() {
        return server.port();
    }

    public Headroom headroom() {
        return headroom;
    }

    @Override
    public void close() {
        server.stop();
        pool.close();
        headroom.close();
    }
}
