package io.headroom.toolkit.helidon;

import io.headroom.toolkit.cache.CacheMeterBinder;
import io.headroom.toolkit.cache.CacheSettings;
import io.headroom.toolkit.cache.SharedStore;
import io.headroom.toolkit.cache.TwoLevelCache;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.http.HttpSettings;
import io.headroom.toolkit.monitor.Monitoring;
import io.headroom.toolkit.monitor.MonitoringSettings;
import io.headroom.toolkit.monitor.ServerTiming;
import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Builds a {@link Headroom} feature, in the manner of {@code Caffeine.newBuilder()}: every setting has
 * a default, each part has a switch, and a combination that cannot work fails at {@link #build()} with
 * a message naming the setting. Defaults: monitoring on, problem details on, security headers on, the
 * HTTP layer on, the stats document at {@code /api/performance/stats} and the Prometheus scrape at
 * {@code /metrics}; no alerts endpoint, no response cache, no 404 fallback and no JFR allocation
 * sampling until asked for.
 */
public final class HeadroomBuilder {
    private MonitoringSettings monitoringSettings = MonitoringSettings.defaults();
    private HttpSettings httpSettings = HttpSettings.defaults();
    private MeterRegistry registry;
    private Path diskPath = Path.of(".");
    private boolean requestMonitoring = true;
    private boolean problemDetails = true;
    private boolean securityHeaders = true;
    private String contentSecurityPolicy = SecurityHeaders.API_CSP;
    private boolean http = true;
    private boolean allocationSampling;
    private TwoLevelCache cache;
    private CacheSettings cacheSettings;
    private boolean responseCaching = true;
    private StaleCopies staleCopies = StaleCopies.none();
    private String statsPath = MonitoringEndpoints.DEFAULT_STATS_PATH;
    private String metricsPath = MonitoringEndpoints.DEFAULT_METRICS_PATH;
    private List<String> alertsPaths = List.of();
    private UnaryOperator<Handler> endpointGuard = UnaryOperator.identity();
    private Predicate<ServerRequest> serverTimingCallers; // null: HEADROOM_SERVER_TIMING=token cannot be served
    private Function<UriPath, Set<Method>> fallback;
    private final List<HeadroomPart> extraParts = new ArrayList<>();
    private double weight = Headroom.DEFAULT_WEIGHT;
    private boolean built;

    HeadroomBuilder() {}

    /**
     * Monitoring and HTTP settings read from one source (environment with a prefix, Helidon config...). The
     * cache is not: a response cache is opt-in, with {@link #cache(CacheSettings)} or {@link #cache(TwoLevelCache)}.
     */
    public HeadroomBuilder settings(Settings settings) {
        monitoring(MonitoringSettings.from(settings));
        http(HttpSettings.from(settings));
        return this;
    }

    public HeadroomBuilder monitoring(MonitoringSettings settings) {
        this.monitoringSettings = Objects.requireNonNull(settings, "monitoring settings");
        this.requestMonitoring = settings.enabled();
        return this;
    }

    /** Off: no request filter and no query timing (the endpoints still answer, with what the samplers see). */
    public HeadroomBuilder requestMonitoring(boolean on) {
        this.requestMonitoring = on;
        return this;
    }

    /** The host's meter registry; without one a Prometheus registry is created and owned. */
    public HeadroomBuilder registry(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        return this;
    }

    /** The file system whose usage the stats document reports (default: the working directory's). */
    public HeadroomBuilder diskPath(Path diskPath) {
        this.diskPath = Objects.requireNonNull(diskPath, "diskPath");
        return this;
    }

    /** Opt-in: JFR's allocation samples estimate what slow requests allocated (a few % CPU at 1000 samples/s). */
    public HeadroomBuilder allocationSampling(boolean on) {
        this.allocationSampling = on;
        return this;
    }

    public HeadroomBuilder http(HttpSettings settings) {
        this.httpSettings = Objects.requireNonNull(settings, "http settings");
        return this;
    }

    /** Off: no server-level limits or deadlines and no HTTP guards (the response cache still compresses). */
    public HeadroomBuilder http(boolean on) {
        this.http = on;
        return this;
    }

    /** Off: Helidon's own error answers instead of problem+json. */
    public HeadroomBuilder problemDetails(boolean on) {
        this.problemDetails = on;
        return this;
    }

    public HeadroomBuilder securityHeaders(boolean on) {
        this.securityHeaders = on;
        return this;
    }

    /** The Content-Security-Policy of every answer (default: an API's, {@code default-src 'none'}). */
    public HeadroomBuilder contentSecurityPolicy(String policy) {
        this.contentSecurityPolicy = Objects.requireNonNull(policy, "contentSecurityPolicy");
        return this;
    }

    /** A cache for the response cache, closed with the feature (in-process, or {@code RedisCache.open}). */
    public HeadroomBuilder cache(TwoLevelCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
        return this;
    }

    /** An in-process cache from settings (a Redis URL needs {@code RedisCache.open} from headroom-cache-redis). */
    public HeadroomBuilder cache(CacheSettings settings) {
        this.cacheSettings = Objects.requireNonNull(settings, "cache settings");
        this.responseCaching = settings.enabled();
        return this;
    }

    /** Off: cached routes render every answer afresh ({@code X-Cache: BYPASS}), for comparison runs. */
    public HeadroomBuilder responseCaching(boolean on) {
        this.responseCaching = on;
        return this;
    }

    /**
     * Keep the last good copy of each cached response and answer from it ({@code X-Cache: STALE}, {@code Age})
     * while the database is down (stale-if-error).
     */
    public HeadroomBuilder staleIfError(StaleCopies copies) {
        this.staleCopies = Objects.requireNonNull(copies, "stale copies");
        return this;
    }

    /** The stats document's path; null for none. */
    public HeadroomBuilder statsPath(String path) {
        this.statsPath = path;
        return this;
    }

    /** The Prometheus scrape's path; null for none. */
    public HeadroomBuilder metricsPath(String path) {
        this.metricsPath = path;
        return this;
    }

    /** The alerts document's paths (none by default). */
    public HeadroomBuilder alertsPaths(String... paths) {
        this.alertsPaths = List.of(paths);
        return this;
    }

    /** Wraps every monitoring endpoint's handler: they show SQL and heap details, so guard them. */
    public HeadroomBuilder endpointGuard(UnaryOperator<Handler> guard) {
        this.endpointGuard = Objects.requireNonNull(guard, "endpointGuard");
        return this;
    }

    /**
     * Who counts as holding the monitoring token for {@code HEADROOM_SERVER_TIMING=token}: asked just before a
     * response's headers go out (after the host's own filters established the caller), only for requests that
     * carry an {@code Authorization} header.
     */
    public HeadroomBuilder serverTimingCallers(Predicate<ServerRequest> mayTime) {
        this.serverTimingCallers = Objects.requireNonNull(mayTime, "serverTimingCallers");
        return this;
    }

    /** Opt-in: an unmatched request is a 404 problem document, or 405 with {@code Allow} for a path served with other methods. */
    public HeadroomBuilder notFoundFallback(Function<UriPath, Set<Method>> allowedMethods) {
        this.fallback = Objects.requireNonNull(allowedMethods, "allowedMethods");
        return this;
    }

    /** Opt-in: the 404 fallback for a host that does not list its routes (no 405s). */
    public HeadroomBuilder notFoundFallback(boolean on) {
        this.fallback = on ? path -> Set.of() : null;
        return this;
    }

    /** Another module's part (a rate limiter, a bulkhead), registered at its weight among the built-in ones. */
    public HeadroomBuilder addPart(HeadroomPart part) {
        extraParts.add(Objects.requireNonNull(part, "part"));
        return this;
    }

    /** The feature's weight among the server's features (default {@value Headroom#DEFAULT_WEIGHT}). */
    public HeadroomBuilder weight(double weight) {
        this.weight = weight;
        return this;
    }

    /** Starts monitoring (and the cache, if asked) and returns the feature; misuse fails here, naming the setting. */
    public Headroom build() {
        validate();
        built = true;
        Monitoring.Builder monitoringBuilder =
                Monitoring.builder().settings(withSwitches(monitoringSettings)).diskPath(diskPath);
        if (registry != null) {
            monitoringBuilder.registry(registry);
        }
        Monitoring monitoring = monitoringBuilder.start();
        HttpLayer layer = null;
        TwoLevelCache owned = cache;
        try {
            layer = new HttpLayer(httpSettings);
            if (owned == null && cacheSettings != null) {
                owned = cacheSettings.open(SharedStore.none());
            }
            ResponseCache responses = null;
            if (owned != null) {
                responses = layer.responseCache(responseCaching, staleCopies);
                new CacheMeterBinder(owned).bindTo(monitoring.registry()); // per-keyspace series on /metrics
                monitoring.reportCache(owned::stats);
            }
            MonitoringEndpoints endpoints = new MonitoringEndpoints(monitoring, statsPath, metricsPath, alertsPaths);
            List<Headroom.Endpoint> routes = new ArrayList<>();
            endpoints.endpoints().forEach(e -> {
                routes.add(new Headroom.Endpoint(Method.GET, e.path()));
                routes.add(new Headroom.Endpoint(Method.HEAD, e.path()));
            });
            return new Headroom(
                    monitoring,
                    layer,
                    http,
                    owned,
                    responses,
                    parts(monitoring, layer, endpoints),
                    List.copyOf(routes),
                    fallback,
                    weight);
        } catch (RuntimeException e) {
            if (layer != null) {
                layer.close();
            }
            if (owned != null) {
                owned.close();
            }
            monitoring.close();
            throw e;
        }
    }

    private List<HeadroomPart> parts(Monitoring monitoring, HttpLayer layer, MonitoringEndpoints endpoints) {
        List<HeadroomPart> parts = new ArrayList<>();
        if (requestMonitoring) {
            parts.add(HeadroomPart.of(
                    "request-monitoring",
                    Headroom.MONITORING_WEIGHT,
                    routing -> routing.addFilter(new RequestMonitorFilter(
                            monitoring.requests(),
                            monitoringSettings.serverTiming(),
                            serverTimingCallers == null ? req -> false : serverTimingCallers))));
        }
        if (problemDetails) {
            parts.add(HeadroomPart.of("problem-details", Headroom.PROBLEM_DETAILS_WEIGHT, ProblemHandlers::register));
        }
        if (http) {
            parts.add(HeadroomPart.of(
                    "connection-deadlines", Headroom.CONNECTION_WEIGHT, layer::registerConnectionMarker));
        }
        if (securityHeaders) {
            String policy = contentSecurityPolicy;
            parts.add(HeadroomPart.of(
                    "security-headers",
                    Headroom.SECURITY_HEADERS_WEIGHT,
                    routing -> layer.registerSecurityHeaders(routing, policy)));
        }
        if (http) {
            parts.add(HeadroomPart.of("http-guards", Headroom.HTTP_GUARDS_WEIGHT, layer::registerGuards));
        }
        if (!endpoints.endpoints().isEmpty()) {
            UnaryOperator<Handler> guard = endpointGuard;
            parts.add(HeadroomPart.of(
                    "endpoints",
                    Headroom.ENDPOINTS_WEIGHT,
                    routing -> endpoints.endpoints().forEach(e -> {
                        Handler guarded = guard.apply(e.handler());
                        routing.get(e.path(), guarded);
                        routing.head(e.path(), HeadResponse.of(guarded));
                    })));
        }
        parts.addAll(extraParts);
        parts.sort(
                Comparator.comparingDouble(HeadroomPart::weight).reversed()); // stable: equal weights keep their order
        return List.copyOf(parts);
    }

    /** The settings with the builder's switches applied: request monitoring, and sampling only when opted in. */
    private MonitoringSettings withSwitches(MonitoringSettings s) {
        return new MonitoringSettings(
                requestMonitoring,
                s.slowRequest(),
                s.slowQueryWarning(),
                s.slowQueryError(),
                s.resourceSampleInterval(),
                s.resourceHistory(),
                s.querySummaryInterval(),
                allocationSampling && s.allocationSampling(),
                s.allocationSampleRate(),
                s.alerts(),
                s.serverTiming());
    }

    private void validate() {
        require(!built, "build() was already called: a builder makes one Headroom, which owns what it starts");
        require(Double.isFinite(weight), "weight=" + weight + " is not valid: expected a finite number");
        Set<String> paths = new HashSet<>();
        requirePath("statsPath", statsPath, paths);
        requirePath("metricsPath", metricsPath, paths);
        alertsPaths.forEach(path -> {
            require(path != null, "alertsPaths contains null: expected paths starting with '/'");
            requirePath("alertsPaths", path, paths);
        });
        if (metricsPath != null && registry != null) {
            require(
                    Monitoring.prometheusIn(registry).isPresent(),
                    "metricsPath '" + metricsPath + "' needs a Prometheus"
                            + " registry, and the registry given is a "
                            + registry.getClass().getSimpleName() + ": give a "
                            + PrometheusMeterRegistry.class.getSimpleName()
                            + " (or a composite holding one), or metricsPath(null)");
        }
        require(
                cache == null || cacheSettings == null,
                "cache(TwoLevelCache) and cache(CacheSettings) are both set: give one");
        require(
                cacheSettings == null || cacheSettings.redisUrl().isEmpty(),
                "cache(CacheSettings) has a redisUrl, which an"
                        + " in-process cache would ignore: build it with RedisCache.open(settings) (headroom-cache-redis) and"
                        + " give that to cache(TwoLevelCache)");
        require(
                !allocationSampling || requestMonitoring,
                "allocationSampling(true) needs requestMonitoring on: the estimate serves the slow-request log");
        require(
                monitoringSettings.serverTiming() != ServerTiming.TOKEN || serverTimingCallers != null,
                ServerTiming.SETTING + "=token needs serverTimingCallers(...): the toolkit does not know who holds the"
                        + " monitoring token (or use on/off)");
        require(
                fallback == null || problemDetails,
                "notFoundFallback needs problemDetails on: the fallback answers with problem documents");
        Set<String> names = new HashSet<>();
        for (HeadroomPart part : extraParts) {
            require(
                    Double.isFinite(part.weight()),
                    "addPart '" + part.name() + "': weight=" + part.weight()
                            + " is not valid: expected a finite number");
            require(names.add(part.name()), "addPart '" + part.name() + "' is added twice");
        }
    }

    private static void requirePath(String setting, String path, Set<String> seen) {
        if (path == null) {
            return;
        }
        require(path.startsWith("/"), setting + " '" + path + "' is not valid: expected a path starting with '/'");
        require(seen.add(path), setting + " '" + path + "' is also another endpoint's path");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
