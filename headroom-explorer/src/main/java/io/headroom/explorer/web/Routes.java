package io.headroom.explorer.web;

import io.headroom.explorer.cache.CatalogCache;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.config.ExplorerConfig.AccessSettings;
import io.headroom.explorer.config.ExplorerConfig.UiSettings;
import io.headroom.explorer.refresh.RefreshService;
import io.headroom.explorer.web.assets.StaticAssets;
import io.headroom.toolkit.cache.CacheWarmer;
import io.headroom.toolkit.helidon.HeadResponse;
import io.headroom.toolkit.helidon.Headroom;
import io.headroom.toolkit.helidon.ResponseCache;
import io.headroom.toolkit.helidon.health.HealthEndpoints;
import io.headroom.toolkit.helidon.ratelimit.RateLimitFilter;
import io.headroom.toolkit.helidon.ratelimit.RequestClient;
import io.headroom.toolkit.helidon.resilience.ConcurrencyLimitFilter;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.ratelimit.ClientAddress;
import io.headroom.toolkit.ratelimit.RateLimitSettings;
import io.headroom.toolkit.ratelimit.RateLimiter;
import io.headroom.toolkit.ratelimit.RouteClass;
import io.headroom.toolkit.resilience.ConcurrencyLimitSettings;
import io.headroom.toolkit.resilience.ConcurrencyLimits;
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
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

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
    private final CallerFilter callers;
    private final List<Route> table;
    private final InFlightRequests inFlight = new InFlightRequests();

    /**
     * How catalog responses are cached and sent: the keyspaces, the toolkit's feature (compression,
     * ETag, Cache-Control, the response cache, which CACHE_ENABLED switches) and the warmer.
     */
    public record ResponseCaching(CatalogCache cache, Headroom headroom, CacheWarmer warmer) {}

    /**
     * How the routes protect the service (RES-1, RATE-1): the health answers, and the rate-limit settings
     * (whose trusted proxies name the client address the admin token's brute-force guard counts by).
     */
    public record Protection(HealthEndpoints health, RateLimitSettings rateLimits) {}

    public Routes(
            Instant startedAt,
            Protection protection,
            DatasetRepository repository,
            RefreshService refreshService,
            SampleHandler sample,
            AccessSettings access,
            UiSettings ui,
            AccessServices users,
            DataServices data,
            ResponseCaching caching) {
        this.headroom = caching.headroom();
        ClientAddress addresses = protection.rateLimits().clientAddress();
        TokenAttempts attempts = new TokenAttempts(
                protection.rateLimits().bruteForceGuard(), req -> RequestClient.address(req, addresses));
        this.callers = new CallerFilter(access.adminToken(), access.metricsToken(), users.authenticator(), attempts);
        MonitoringGuard monitoringAccess = monitoringGuard(access);
        CatalogAccess catalogAccess = new CatalogAccess(users.policy(), repository);
        AdminGuard admin = new AdminGuard(users.audit());
        List<Route> routes = table(
                monitoringAccess,
                protection.health(),
                new DatasetHandlers(repository, catalogAccess),
                new FolderHandlers(repository, catalogAccess),
                new StatsHandlers(repository, catalogAccess),
                new RefreshHandlers(refreshService),
                admin,
                sample,
                new CacheAdminHandlers(caching.cache(), headroom.http(), caching.warmer()),
                StaticAssets.fromClasspath(headroom.http().writer()),
                new PerformancePages(headroom.monitoring(), startedAt, caching.cache(), inFlight, ui.loadReports()),
                caching.cache(),
                catalogAccess,
                new ExportHandler(repository, catalogAccess));
        userRoutes(routes, users, admin);
        DownloadHandlers download =
                new DownloadHandlers(catalogAccess, data.store(), data.log(), data.stats(), data.accelRedirect());
        api(routes, Method.GET, "/datasets/{id}/download", catalogAccess.guarded(download::download));
        api(routes, Method.POST, "/datasets/download-stats", catalogAccess.guarded(download::stats));
        api(routes, Method.POST, "/batch", new BatchHandler(data.self())::batch); // each sub-request is checked itself
        this.table = withHead(routes);
    }

    /** Login, own password, user administration, private folders and the audit log (docs/users-and-access.md). */
    private static void userRoutes(List<Route> routes, AccessServices users, AdminGuard admin) {
        AuthHandlers auth = new AuthHandlers(
                users.users(),
                users.passwords(),
                users.tokens(),
                users.authenticator(),
                users.audit(),
                users.loginAttempts());
        UserAdminHandlers userAdmin =
                new UserAdminHandlers(users.users(), users.passwords(), users.authenticator(), users.policy());
        AccessAdminHandlers accessAdmin = new AccessAdminHandlers(
                users.privateFolders(), users.policy(), users.policy().repository(), users.audit());
        api(routes, Method.POST, "/auth/login", auth::login);
        api(routes, Method.POST, "/auth/password", auth::changePassword);
        api(routes, Method.GET, "/admin/users", admin.protect(userAdmin::list));
        api(routes, Method.POST, "/admin/users", admin.protect(userAdmin::create, "user.create"));
        api(routes, Method.GET, "/admin/users/{id}", admin.protect(userAdmin::get));
        api(routes, Method.PATCH, "/admin/users/{id}", admin.protect(userAdmin::patch, "user.update"));
        api(routes, Method.DELETE, "/admin/users/{id}", admin.protect(userAdmin::delete, "user.delete"));
        api(routes, Method.GET, "/admin/users/{id}/api-keys", admin.protect(userAdmin::listKeys));
        api(routes, Method.POST, "/admin/users/{id}/api-keys", admin.protect(userAdmin::createKey, "apikey.create"));
        api(
                routes,
                Method.DELETE,
                "/admin/users/{id}/api-keys/{keyId}",
                admin.protect(userAdmin::deleteKey, "apikey.delete"));
        api(routes, Method.GET, "/admin/folders/private", admin.protect(accessAdmin::privateFolders));
        api(
                routes,
                Method.PUT,
                "/admin/folders/private",
                admin.protect(accessAdmin::replacePrivateFolders, "folders.private"));
        api(routes, Method.GET, "/admin/audit", admin.protect(accessAdmin::audit));
    }

    /**
     * The access check of the monitoring endpoints (/api/performance/stats, /metrics, /api/v1/alerts and
     * /api/alerts, registered by the toolkit): the metrics or admin token or an admin, unless opened. It
     * reads the caller {@link CallerFilter} established, which runs before every route, the toolkit's too.
     */
    public static UnaryOperator<Handler> monitoringAccess(AccessSettings access) {
        return monitoringGuard(access)::protect;
    }

    /**
     * Who gets {@code Server-Timing} and {@code X-Request-Id} under {@code HEADROOM_SERVER_TIMING=token}: the
     * monitoring endpoints' audience (the metrics or admin token, an admin), as {@link CallerFilter} established it.
     */
    public static Predicate<ServerRequest> serverTimingCallers() {
        return req -> CallerFilter.of(req).mayMonitor();
    }

    /**
     * The rate limits as a filter (RATE-1..3): route classes from {@link RouteClasses}; the per-user limit
     * counts the admin and metrics tokens' holders by name, anyone else by address.
     */
    public static RateLimitFilter rateLimitFilter(
            RateLimiter limiter, RateLimitSettings settings, AccessSettings access) {
        return new RateLimitFilter(limiter, settings, RouteClasses::of, req -> knownUser(access, req));
    }

    /**
     * The concurrency limits per route class as a filter (RATE-5), on the rate limits' classes
     * ({@link RouteClasses}): API requests take their place at their first database connection (a cache hit
     * never does), heavy ones and logins as they arrive; health, readiness, metrics and pages are never limited.
     */
    public static ConcurrencyLimitFilter<RouteClass> concurrencyLimitFilter(ConcurrencyLimitSettings settings) {
        ConcurrencyLimits<RouteClass> limits = ConcurrencyLimits.<RouteClass>none()
                .with(RouteClass.API, "api", settings.of("api"), ConcurrencyLimits.Admit.ON_DATABASE_WORK)
                .with(RouteClass.HEAVY, "heavy", settings.of("heavy"), ConcurrencyLimits.Admit.ON_ARRIVAL)
                .with(RouteClass.AUTH, "auth", settings.of("auth"), ConcurrencyLimits.Admit.ON_ARRIVAL);
        return new ConcurrencyLimitFilter<>(limits, RouteClasses::of);
    }

    private static Optional<String> knownUser(AccessSettings access, ServerRequest req) {
        Optional<byte[]> presented = BearerToken.presented(req);
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        if (BearerToken.of(access.adminToken())
                .filter(t -> t.matches(presented.get()))
                .isPresent()) {
            return Optional.of("admin");
        }
        return BearerToken.of(access.metricsToken())
                .filter(t -> t.matches(presented.get()))
                .map(t -> "metrics");
    }

    private static MonitoringGuard monitoringGuard(AccessSettings access) {
        return new MonitoringGuard(access.monitoringPublic());
    }

    private List<Route> table(
            MonitoringGuard monitoringAccess,
            HealthEndpoints health,
            DatasetHandlers datasets,
            FolderHandlers folders,
            StatsHandlers stats,
            RefreshHandlers refresh,
            AdminGuard admin,
            SampleHandler sample,
            CacheAdminHandlers cacheAdmin,
            Optional<StaticAssets> ui,
            PerformancePages performance,
            CatalogCache cache,
            CatalogAccess access,
            ExportHandler export) {
        List<Route> routes = new ArrayList<>();
        // The UI (DASH-1, EDGE-1): the page (no-cache + ETag) and its content-hashed assets (immutable).
        routes.add(new Route(
                Method.GET, "/", ui.<Handler>map(assets -> assets::page).orElse(Routes::uiNotBuilt)));
        routes.add(new Route(
                Method.GET,
                "/assets/{name}",
                ui.<Handler>map(assets -> assets::asset).orElse(Routes::uiNotBuilt)));
        // The service worker (DASH-4): at the root so its scope is the whole page; revalidated like the page.
        routes.add(new Route(
                Method.GET,
                "/sw.js",
                ui.<Handler>map(assets -> assets::serviceWorker).orElse(Routes::uiNotBuilt)));

        // Health (RES-1): liveness and readiness for probes and balancers; the detailed report behind the token.
        routes.add(new Route(Method.GET, "/api/health", health::liveness));
        routes.add(new Route(Method.GET, "/api/health/ready", health::readiness));
        routes.add(new Route(Method.GET, "/api/health/detailed", monitoringAccess.protect(health::detailed)));

        // Catalog reads: served from the response cache (rendered bytes + brotli + gzip, ETag/304), each
        // under the caller's access scope (CatalogAccess: the scope prefixes every key, invisible datasets are 404s).
        // Keys leave out the /api/v1 or /api prefix so a route and its alias share entries.
        ResponseCache responses = headroom.responses().orElseThrow();
        CacheControlPolicy publicApi = headroom.publicApi();
        api(
                routes,
                Method.GET,
                "/datasets",
                access.cached(
                        responses,
                        cache.datasets(),
                        publicApi,
                        CacheKeys::datasetList,
                        req -> Set.of(),
                        datasets::list));
        api(routes, Method.GET, "/datasets/export", access.guarded(export::export)); // before /datasets/{id}
        api(
                routes,
                Method.GET,
                "/datasets/{id}",
                literalFirst(access.cached(
                        responses, cache.datasets(), publicApi, CacheKeys::dataset, req -> Set.of(), datasets::byId)));
        api(routes, Method.GET, "/datasets/{id}/sample", access.guarded((req, res) -> {
            access.visibleDataset(
                    req,
                    SampleHandler.id(req.path().pathParameters().first("id").orElse("")));
            sample.handle(req, res);
        }));
        api(
                routes,
                Method.GET,
                "/folders",
                access.cached(responses, cache.folders(), publicApi, req -> "list", req -> Set.of(), folders::list));
        api(
                routes,
                Method.GET,
                "/folders/community-data-points",
                access.cached(
                        responses,
                        cache.folders(),
                        publicApi,
                        req -> "community-data-points",
                        req -> Set.of(),
                        folders::communityDataPoints)); // before {+rest}
        api(
                routes,
                Method.GET,
                "/folders/{+rest}",
                access.cached(
                        responses,
                        cache.folderStats(),
                        publicApi,
                        CacheKeys::folderStats,
                        req -> Set.of(CatalogCache.folderTag(FolderHandlers.folderOf(req))),
                        folders::stats));
        api(
                routes,
                Method.GET,
                "/stats",
                access.cached(responses, cache.stats(), publicApi, req -> "global", req -> Set.of(), stats::stats));
        api(
                routes,
                Method.GET,
                "/stats/quick",
                access.cached(responses, cache.stats(), publicApi, req -> "quick", req -> Set.of(), stats::quick));
        // The performance pages' live feeds (Server-Sent Events, 1 s), real-user percentiles and load-test
        // reports: the same token as /api/performance/stats. The beacons come from every visitor: public, bounded.
        api(routes, Method.GET, "/performance/stream", monitoringAccess.protect(performance.stream()::handle));
        api(routes, Method.GET, "/performance/rum", monitoringAccess.protect(performance.rum()::report));
        api(routes, Method.POST, "/rum", performance.rum()::receive);
        api(routes, Method.GET, "/performance/reports", monitoringAccess.protect(performance.reports()::list));
        api(
                routes,
                Method.GET,
                "/performance/reports/{name}",
                monitoringAccess.protect(performance.reports()::summary));
        api(
                routes,
                Method.GET,
                "/performance/reports/{name}/report.html",
                monitoringAccess.protect(performance.reports()::html));
        api(routes, Method.POST, "/admin/refresh", admin.protect(refresh::start));
        api(routes, Method.GET, "/admin/refresh/{id}", admin.protect(refresh::status));
        api(routes, Method.GET, "/admin/cache", admin.protect(cacheAdmin::stats));
        api(routes, Method.DELETE, "/admin/cache", admin.protect(cacheAdmin::invalidate));
        api(routes, Method.POST, "/admin/cache/warm", admin.protect(cacheAdmin::warm));
        return routes;
    }

    /** Every route as registered, HEAD twins of the GET routes and the toolkit's endpoints included. */
    public List<DeclaredRoute> declared() {
        List<DeclaredRoute> all = new ArrayList<>(
                table.stream().map(r -> new DeclaredRoute(r.method(), r.path())).toList());
        headroom.endpoints().forEach(e -> all.add(new DeclaredRoute(e.method(), e.path())));
        return List.copyOf(all);
    }

    /**
     * The caller filter (who is calling, for every route, the toolkit's included; a credential that does
     * not hold is a 401) and the table's routes; the feature adds its filters, endpoints and the fallback.
     */
    public void register(HttpRouting.Builder routing) {
        routing.addFilter(callers);
        routing.addFilter(inFlight); // the overview's requests in flight
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

    /**
     * A parameter route that also matches a literal route of another method ({@code GET /datasets/download-stats}
     * matches {@code /datasets/{id}}, but that path is the POST-only stats route): the literal route wins, so
     * the answer is its 405 with {@code Allow}, not a 400 for a bad id. Only non-numeric ids are looked at.
     */
    private Handler literalFirst(Handler handler) {
        return (req, res) -> {
            String raw = req.path().rawPath();
            char last = raw.isEmpty() ? '0' : raw.charAt(raw.length() - 1);
            if (!Character.isDigit(last)) {
                Set<Method> allowed = new LinkedHashSet<>();
                table.stream().filter(r -> r.path().equals(req.path().path())).forEach(r -> allowed.add(r.method()));
                if (!allowed.isEmpty() && !allowed.contains(req.prologue().method())) {
                    res.header(
                            HeaderNames.ALLOW,
                            allowed.stream().map(Method::text).collect(Collectors.joining(", ")));
                    throw new ProblemException(Problem.of(
                            405,
                            "Method Not Allowed",
                            req.prologue().method().text()
                                    + " is not served on " + req.path().path() + "; "
                                    + allowed.stream().map(Method::text).collect(Collectors.joining(", ")) + " is"));
                }
            }
            handler.handle(req, res);
        };
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
