package io.headroom.toolkit.helidon;

import io.headroom.toolkit.cache.Keyspace;
import io.headroom.toolkit.cache.KeyspaceCache;
import io.headroom.toolkit.cache.TwoLevelCache;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.RenderedResponse;
import io.headroom.toolkit.http.RenderedResponseCodec;
import io.headroom.toolkit.monitor.Monitoring;
import io.helidon.common.Weighted;
import io.helidon.common.uri.UriPath;
import io.helidon.http.Method;
import io.helidon.http.PathMatcher;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.spi.ServerFeature;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The toolkit as one Helidon {@link ServerFeature}, built by {@link #builder()}: it registers, in
 * weight order, the request-monitoring filter, the problem+json error handlers, the connection and
 * security-header filters, the HTTP guards, the monitoring endpoints and (opt-in) the 404/405
 * fallback, and it owns what it started ({@link #close()}: monitoring, the HTTP layer's watchdog, the
 * cache). A switch that is off registers nothing.
 *
 * <pre>{@code
 * Headroom headroom = Headroom.builder().settings(Settings.fromEnvironment("MYAPP_")).build();
 * WebServer server = WebServer.builder().update(headroom::configure)
 *         .routing(r -> r.get("/items", headroom.cachedJson("items", Duration.ofMinutes(1), items::list)))
 *         .build().start();
 * }</pre>
 */
public final class Headroom implements ServerFeature, Weighted, AutoCloseable {
    /** Above Helidon's ObserveFeature (80), so its endpoints' requests are monitored too. */
    public static final double DEFAULT_WEIGHT = 90;

    public static final double MONITORING_WEIGHT = 1000;
    public static final double PROBLEM_DETAILS_WEIGHT = 990;
    public static final double CONNECTION_WEIGHT = 950;
    public static final double SECURITY_HEADERS_WEIGHT = 900;
    public static final double HTTP_GUARDS_WEIGHT = 850;
    public static final double ENDPOINTS_WEIGHT = 100;

    private final Monitoring monitoring;
    private final HttpLayer http;
    private final boolean httpServerSettings;
    private final TwoLevelCache cache; // null without a response cache
    private final ResponseCache responses;
    private final List<HeadroomPart> parts;
    private final List<Endpoint> endpoints;
    private final Function<UriPath, Set<Method>> fallback; // null when the fallback is off
    private final double weight;

    /** A route this feature registers: for a host that lists its routes (405 {@code Allow}, route tables). */
    public record Endpoint(Method method, String path) {}

    Headroom(
            Monitoring monitoring,
            HttpLayer http,
            boolean httpServerSettings,
            TwoLevelCache cache,
            ResponseCache responses,
            List<HeadroomPart> parts,
            List<Endpoint> endpoints,
            Function<UriPath, Set<Method>> fallback,
            double weight) {
        this.monitoring = monitoring;
        this.http = http;
        this.httpServerSettings = httpServerSettings;
        this.cache = cache;
        this.responses = responses;
        this.parts = parts;
        this.endpoints = endpoints;
        this.fallback = fallback;
        this.weight = weight;
    }

    public static HeadroomBuilder builder() {
        return new HeadroomBuilder();
    }

    /**
     * Server-level settings (request body and request-line limits, connection deadlines, TCP_NODELAY,
     * problem+json for errors found before routing) unless the HTTP layer is off, and this feature.
     */
    public WebServerConfig.Builder configure(WebServerConfig.Builder server) {
        if (httpServerSettings) {
            http.configure(server);
        }
        return server.addFeature(this);
    }

    @Override
    public void setup(ServerFeatureContext context) {
        register(context.socket(WebServer.DEFAULT_SOCKET_NAME).httpRouting());
    }

    /** Registers every part on a routing, highest weight first, then the fallback (for hosts without a server feature). */
    public void register(HttpRouting.Builder routing) {
        parts.forEach(part -> part.register(routing));
        if (fallback != null) {
            List<PathMatcher> matchers =
                    endpoints.stream().map(e -> PathMatchers.create(e.path())).toList();
            ProblemHandlers.registerFallback(
                    routing,
                    path -> { // the host's routes, and this feature's endpoints
                        Set<Method> allowed = new LinkedHashSet<>(fallback.apply(path));
                        for (int i = 0; i < endpoints.size(); i++) {
                            if (matchers.get(i).match(path).accepted()) {
                                allowed.add(endpoints.get(i).method());
                            }
                        }
                        return allowed;
                    });
        }
    }

    /** The parts in registration order, as {@code name@weight}. */
    public List<String> parts() {
        return parts.stream().map(p -> p.name() + "@" + p.weight()).toList();
    }

    /** The routes this feature registers (monitoring endpoints and their HEAD twins). */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /**
     * The data source the application should use: every statement timed by the query monitor (unless
     * request monitoring is off), and the database-health section of the stats document on the raw one.
     */
    public DataSource dataSource(DataSource raw) {
        monitoring.watchDatabase(raw);
        return monitoring.settings().enabled() ? monitoring.monitoredDataSource(raw) : raw;
    }

    public Monitoring monitoring() {
        return monitoring;
    }

    public HttpLayer http() {
        return http;
    }

    /** The cache behind the response cache; empty when none was given. */
    public Optional<TwoLevelCache> cache() {
        return Optional.ofNullable(cache);
    }

    /** Wraps JSON handlers so their rendered answers are cached; empty without a cache. */
    public Optional<ResponseCache> responses() {
        return Optional.ofNullable(responses);
    }

    /** The Cache-Control policy of public API answers (HTTP_PUBLIC_MAX_AGE and friends). */
    public CacheControlPolicy publicApi() {
        return http.publicApi();
    }

    /**
     * A GET handler whose JSON answers are kept rendered (bytes, brotli, gzip, strong ETag) in a keyspace
     * of their own for {@code ttl}, keyed by path and sorted query, sent with the public API's
     * Cache-Control: {@code X-Cache: HIT} costs neither the source nor serialisation nor compression.
     */
    public Handler cachedJson(String keyspace, Duration ttl, ResponseCache.JsonSource source) {
        if (responses == null) {
            throw new IllegalStateException("cachedJson needs a cache: HeadroomBuilder.cache(...) was not set");
        }
        KeyspaceCache<RenderedResponse> entries =
                cache.keyspace(new Keyspace(keyspace, ttl), new RenderedResponseCodec());
        return responses.json(entries, http.publicApi(), source);
    }

    @Override
    public String name() {
        return "headroom";
    }

    @Override
    public String type() {
        return "headroom";
    }

    @Override
    public double weight() {
        return weight;
    }

    /** Stops what the builder started, in reverse order; after the server has stopped. */
    @Override
    public void close() {
        http.close();
        if (cache != null) {
            cache.close();
        }
        monitoring.close();
    }
}
