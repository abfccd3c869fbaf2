package io.headroom.explorer.web;

import io.headroom.explorer.cache.CatalogCache;
import io.headroom.explorer.catalog.CatalogException;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.refresh.RefreshService;
import io.headroom.toolkit.cache.CacheWarmer;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.HttpLayer;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemHandlers;
import io.headroom.toolkit.monitor.Monitoring;
import io.headroom.toolkit.monitor.helidon.MonitoringEndpoints;
import io.headroom.toolkit.monitor.helidon.RequestMonitorFilter;
import io.headroom.toolkit.http.ResponseCache;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The map of the API: every route of the Data Lake Explorer is declared here, and every
 * cross-cutting filter is attached here, once. Each {@code /api/v1/...} route is also served at
 * {@code /api/...} (HTTP-8).
 */
public final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
    private static final String V1 = "/api/v1";
    private static final String UNVERSIONED = "/api";

    private final HealthHandler health;
    private final DatasetHandlers datasets;
    private final FolderHandlers folders;
    private final StatsHandlers stats;
    private final RefreshHandlers refresh;
    private final AdminGuard admin;
    private final SampleHandler sample;
    private final Monitoring monitoring;
    private final ResponseCaching caching;
    private final CacheAdminHandlers cacheAdmin;
    private final List<DeclaredRoute> declared = new CopyOnWriteArrayList<>();

    /**
     * How catalog responses are cached and sent: the keyspaces, the HTTP layer (compression, ETag,
     * Cache-Control, security headers), the warmer, and whether caching is on (CACHE_ENABLED).
     */
    public record ResponseCaching(CatalogCache cache, HttpLayer http, CacheWarmer warmer, boolean enabled) {}

    public Routes(Instant startedAt, String version, DatasetRepository repository, RefreshService refreshService,
            SampleHandler sample, Optional<String> adminToken, Monitoring monitoring, ResponseCaching caching) {
        this.monitoring = monitoring;
        this.sample = sample;
        this.caching = caching;
        this.cacheAdmin = new CacheAdminHandlers(caching.cache(), caching.http(), caching.warmer());
        this.health = new HealthHandler(startedAt, version);
        this.datasets = new DatasetHandlers(repository);
        this.folders = new FolderHandlers(repository);
        this.stats = new StatsHandlers(repository);
        this.refresh = new RefreshHandlers(refreshService);
        this.admin = new AdminGuard(adminToken);
    }

    public void register(HttpRouting.Builder routing) {
        ProblemHandlers.register(routing);
        if (monitoring.settings().enabled()) {
            routing.addFilter(new RequestMonitorFilter(monitoring.requests())); // records by route template
        }
        caching.http().register(routing); // security headers on every response
        new MonitoringEndpoints(monitoring).register(routing); // /api/performance/stats, /metrics, /api/v1/alerts
        MonitoringEndpoints.PATHS.forEach(path -> declared.add(new DeclaredRoute(Method.GET, path)));
        routing.error(CatalogException.class, Routes::catalogUnavailable);
        route(routing, Method.GET, "/api/health", health::liveness);

        // Catalog reads: served from the response cache (rendered bytes + brotli + gzip, ETag/304).
        // Keys leave out the /api/v1 or /api prefix so a route and its alias share entries.
        ResponseCache responses = caching.http().responseCache(caching.enabled());
        CacheControlPolicy publicApi = caching.http().publicApi();
        CatalogCache cache = caching.cache();
        api(routing, Method.GET, "/datasets", responses.json(cache.datasets(), publicApi,
                req -> "list?" + ResponseCache.sortedQuery(req), req -> Set.of(), datasets::list));
        api(routing, Method.GET, "/datasets/{id}", responses.json(cache.datasets(), publicApi,
                req -> "id:" + req.path().pathParameters().get("id"), req -> Set.of(), datasets::byId));
        api(routing, Method.GET, "/datasets/{id}/sample", sample::handle);
        api(routing, Method.GET, "/folders", responses.json(cache.folders(), publicApi,
                req -> "list", req -> Set.of(), folders::list));
        api(routing, Method.GET, "/folders/community-data-points", responses.json(cache.folders(), publicApi,
                req -> "community-data-points", req -> Set.of(), folders::communityDataPoints)); // before {+rest}
        api(routing, Method.GET, "/folders/{+rest}", responses.json(cache.folderStats(), publicApi,
                FolderHandlers::folderOf, req -> Set.of(CatalogCache.folderTag(FolderHandlers.folderOf(req))),
                folders::stats));
        api(routing, Method.GET, "/stats", responses.json(cache.stats(), publicApi,
                req -> "global", req -> Set.of(), stats::stats));
        api(routing, Method.GET, "/stats/quick", responses.json(cache.stats(), publicApi,
                req -> "quick", req -> Set.of(), stats::quick));
        api(routing, Method.POST, "/admin/refresh", admin.protect(refresh::start));
        api(routing, Method.GET, "/admin/refresh/{id}", admin.protect(refresh::status));
        api(routing, Method.GET, "/admin/cache", admin.protect(cacheAdmin::stats));
        api(routing, Method.DELETE, "/admin/cache", admin.protect(cacheAdmin::invalidate));
        api(routing, Method.POST, "/admin/cache/warm", admin.protect(cacheAdmin::warm));

        ProblemHandlers.registerNotFoundFallback(routing); // keep last
    }

    /**
     * Every route {@link #register} declared, in order (each {@code /api/v1} route and its
     * {@code /api} alias): what the fuzz test enumerates, so a new route is fuzzed without editing it.
     */
    public List<DeclaredRoute> declared() {
        return List.copyOf(declared);
    }

    /**
     * A catalog query that could not get a connection in time (pool exhausted under overload, or the
     * database down) is a 503 the client may retry, not a 500 bug; any other database error stays a 500.
     */
    private static void catalogUnavailable(ServerRequest req, ServerResponse res, CatalogException e) {
        if (e.getCause() instanceof SQLTransientConnectionException) {
            res.header(HeaderNames.RETRY_AFTER, "1");
            ProblemHandlers.send(res, Problem.of(503, "Service Unavailable",
                    "The catalog database is busy or unreachable; retry shortly."));
        } else {
            LOG.error("Catalog failure on {} {}", req.prologue().method().text(), req.path().rawPath(), e);
            ProblemHandlers.send(res, Problem.of(500, "Internal Server Error", "The server failed to handle this request."));
        }
    }

    /** Declares a v1 route and its deprecated unversioned alias. */
    private void api(HttpRouting.Builder routing, Method method, String path, Handler handler) {
        route(routing, method, V1 + path, handler);
        route(routing, method, UNVERSIONED + path, deprecated(handler));
    }

    private void route(HttpRouting.Builder routing, Method method, String path, Handler handler) {
        routing.route(method, path, handler);
        declared.add(new DeclaredRoute(method, path));
    }

    /** The alias answers like v1, flagged deprecated (RFC 9745) with a link to its successor. */
    private static Handler deprecated(Handler handler) {
        return (req, res) -> {
            res.header(HeaderNames.create("Deprecation"), "true");
            String successor = V1 + req.path().rawPath().substring(UNVERSIONED.length());
            res.header(HeaderNames.create("Link"), "<" + successor + ">; rel=\"successor-version\"");
            handler.handle(req, res);
        };
    }
}
