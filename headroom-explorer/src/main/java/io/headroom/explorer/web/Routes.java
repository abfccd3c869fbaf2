package io.headroom.explorer.web;

import io.headroom.explorer.cache.CatalogCache;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.config.ExplorerConfig.AccessSettings;
import io.headroom.explorer.refresh.RefreshService;
import io.headroom.explorer.web.assets.StaticAssets;
import io.headroom.toolkit.cache.CacheWarmer;
import io.headroom.toolkit.helidon.HeadResponse;
import io.headroom.toolkit.helidon.Headroom;
import io.headroom.toolkit.helidon.ResponseCache;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.common.uri.UriPath;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The map of the API: every route of the Data Lake Explorer is declared here, in one table; the
 * cross-cutting filters, the monitoring endpoints and the 404/405 fallback come with the toolkit's
 * feature ({@link Headroom}), which asks this table for a path's methods. Each {@code /api/v1/...} route is also served at
 * {@code /api/...} (HTTP-8). Every GET route also answers HEAD (same status and headers, no body),
 * and a path served only with other methods answers 405 with {@code Allow}, both derived from the
 * table, so they cannot drift from it.
 */
public final class Routes {
    private static final String V1 = "/api/v1";
    private static final String UNVERSIONED = "/api";

    /** One row of the table; {@link #declared()} is its public view. */
    private record Route(Method method, String path, Handler handler, PathMatcher matcher) {
        Route(Method method, String path, Handler handler) {
            this(method, path, handler, PathMatchers.create(path));
        }
    }

    private final Headroom headroom;
    private final List<Route> table;

    /**
     * How catalog responses are cached and sent: the keyspaces, the toolkit's feature (compression,
     * ETag, Cache-Control, the response cache, which CACHE_ENABLED switches) and the warmer.
     */
    public record ResponseCaching(CatalogCache cache, Headroom headroom, CacheWarmer warmer) {}

    public Routes(Instant startedAt, String version, DatasetRepository repository, RefreshService refreshService,
            SampleHandler sample, AccessSettings access, ResponseCaching caching) {
        this.headroom = caching.headroom();
        MonitoringGuard monitoringAccess = monitoringGuard(access);
        this.table = withHead(table(monitoringAccess, new HealthHandler(startedAt, version),
                new DatasetHandlers(repository), new FolderHandlers(repository), new StatsHandlers(repository),
                new RefreshHandlers(refreshService), new AdminGuard(access.adminToken()), sample,
                new CacheAdminHandlers(caching.cache(), headroom.http(), caching.warmer()),
                StaticAssets.fromClasspath(headroom.http().writer()), new PerformanceStream(headroom.monitoring()),
                caching.cache()));
    }

    /**
     * The access check of the monitoring endpoints (/api/performance/stats, /metrics, /api/v1/alerts and
     * /api/alerts, registered by the toolkit): the metrics or admin token, unless opened.
     */
    public static UnaryOperator<Handler> monitoringAccess(AccessSettings access) {
        return monitoringGuard(access)::protect;
    }

    private static MonitoringGuard monitoringGuard(AccessSettings access) {
        return new MonitoringGuard(access.adminToken(), access.metricsToken(), access.monitoringPublic());
    }

    private List<Route> table(MonitoringGuard monitoringAccess, HealthHandler health, DatasetHandlers datasets,
            FolderHandlers folders, StatsHandlers stats, RefreshHandlers refresh, AdminGuard admin, SampleHandler sample,
            CacheAdminHandlers cacheAdmin, Optional<StaticAssets> ui, PerformanceStream performance, CatalogCache cache) {
        List<Route> routes = new ArrayList<>();
        // The UI (DASH-1, EDGE-1): the page (no-cache + ETag) and its content-hashed assets (immutable).
        routes.add(new Route(Method.GET, "/", ui.<Handler>map(assets -> assets::page).orElse(Routes::uiNotBuilt)));
        routes.add(new Route(Method.GET, "/assets/{name}",
                ui.<Handler>map(assets -> assets::asset).orElse(Routes::uiNotBuilt)));
        routes.add(new Route(Method.GET, "/api/health", health::liveness));

        // Catalog reads: served from the response cache (rendered bytes + brotli + gzip, ETag/304).
        // Keys leave out the /api/v1 or /api prefix so a route and its alias share entries.
        ResponseCache responses = headroom.responses().orElseThrow();
        CacheControlPolicy publicApi = headroom.publicApi();
        api(routes, Method.GET, "/datasets", responses.json(cache.datasets(), publicApi,
                CacheKeys::datasetList, req -> Set.of(), datasets::list));
        api(routes, Method.GET, "/datasets/{id}", responses.json(cache.datasets(), publicApi,
                CacheKeys::dataset, req -> Set.of(), datasets::byId));
        api(routes, Method.GET, "/datasets/{id}/sample", sample::handle);
        api(routes, Method.GET, "/folders", responses.json(cache.folders(), publicApi,
                req -> "list", req -> Set.of(), folders::list));
        api(routes, Method.GET, "/folders/community-data-points", responses.json(cache.folders(), publicApi,
                req -> "community-data-points", req -> Set.of(), folders::communityDataPoints)); // before {+rest}
        api(routes, Method.GET, "/folders/{+rest}", responses.json(cache.folderStats(), publicApi,
                CacheKeys::folderStats, req -> Set.of(CatalogCache.folderTag(FolderHandlers.folderOf(req))),
                folders::stats));
        api(routes, Method.GET, "/stats", responses.json(cache.stats(), publicApi,
                req -> "global", req -> Set.of(), stats::stats));
        api(routes, Method.GET, "/stats/quick", responses.json(cache.stats(), publicApi,
                req -> "quick", req -> Set.of(), stats::quick));
        // The performance pages' live feed (Server-Sent Events, 1 s): the same token as /api/performance/stats.
        api(routes, Method.GET, "/performance/stream", monitoringAccess.protect(performance::handle));
        api(routes, Method.POST, "/admin/refresh", admin.protect(refresh::start));
        api(routes, Method.GET, "/admin/refresh/{id}", admin.protect(refresh::status));
        api(routes, Method.GET, "/admin/cache", admin.protect(cacheAdmin::stats));
        api(routes, Method.DELETE, "/admin/cache", admin.protect(cacheAdmin::invalidate));
        api(routes, Method.POST, "/admin/cache/warm", admin.protect(cacheAdmin::warm));
        return routes;
    }

    /** Every route as registered, HEAD twins of the GET routes and the toolkit's endpoints included. */
    public List<DeclaredRoute> declared() {
        List<DeclaredRoute> all = new ArrayList<>(table.stream().map(r -> new DeclaredRoute(r.method(), r.path())).toList());
        headroom.endpoints().forEach(e -> all.add(new DeclaredRoute(e.method(), e.path())));
        return List.copyOf(all);
    }

    /** The table's routes; the feature adds filters, endpoints and the fallback around them. */
    public void register(HttpRouting.Builder routing) {
        table.forEach(r -> routing.route(r.method(), r.path(), r.handler()));
    }

    /** The methods the table serves for a path; empty when no route matches it (the feature's 405s). */
    public Set<Method> allowedMethods(UriPath path) {
        Set<Method> allowed = new LinkedHashSet<>();
        for (Route r : table) {
            if (r.matcher().match(path).accepted()) {
                allowed.add(r.method());
            }
        }
        return allowed;
    }

    /** Run from classes that Maven's process-classes phase has not seen (an IDE): say how to get the UI. */
    private static void uiNotBuilt(ServerRequest req, ServerResponse res) {
        throw ProblemException.notFound("The UI's assets are not on the classpath: they are built by"
                + " './mvnw -pl headroom-explorer -am process-classes' (AssetBuild)");
    }

    /** Declares a v1 route and its deprecated unversioned alias. */
    private static void api(List<Route> routes, Method method, String path, Handler handler) {
        routes.add(new Route(method, V1 + path, handler));
        routes.add(new Route(method, UNVERSIONED + path, deprecated(handler)));
    }

    /** The table with a HEAD route after each GET route (Helidon routes HEAD nowhere by itself). */
    private static List<Route> withHead(List<Route> routes) {
        List<Route> all = new ArrayList<>();
        for (Route r : routes) {
            all.add(r);
            if (Method.GET.equals(r.method())) {
                all.add(new Route(Method.HEAD, r.path(), HeadResponse.of(r.handler()), r.matcher()));
            }
        }
        return List.copyOf(all);
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
