package io.headroom.toolkit.spring;

import io.headroom.toolkit.cache.Keyspace;
import io.headroom.toolkit.cache.KeyspaceCache;
import io.headroom.toolkit.cache.TwoLevelCache;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.RenderedResponse;
import io.headroom.toolkit.http.RenderedResponseCodec;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Which handlers the response cache serves and where their entries live: routes listed in
 * {@code headroom.response-cache.routes} (by route template) and handlers marked
 * {@link HeadroomCached} (looked up once per handler method), each a keyspace of the application's
 * {@link TwoLevelCache} (in-process, or over Redis). Also counts hits, misses and bypasses per keyspace.
 */
final class ResponseCacheRoutes {
    /** A cached route: its keyspace, its Cache-Control and its counters. */
    record Route(KeyspaceCache<RenderedResponse> keyspace, CacheControlPolicy policy, Counters counters) {}

    record Counters(LongAdder hits, LongAdder misses, LongAdder bypasses) {
        Counters() {
            this(new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    /** What the stats document shows per keyspace. */
    record KeyspaceFigures(
            String keyspace, long ttlSeconds, long hits, long misses, long bypasses, long entries, long bytes) {}

    private final TwoLevelCache cache;
    private final Map<String, Route> byPattern = new LinkedHashMap<>();
    private final Map<Method, Optional<Route>> byMethod = new ConcurrentHashMap<>();
    private final Map<String, Route> byKeyspace = new ConcurrentHashMap<>();

    ResponseCacheRoutes(TwoLevelCache cache, List<HeadroomProperties.Route> listed) {
        this.cache = cache;
        for (int i = 0; i < listed.size(); i++) {
            HeadroomProperties.Route r = listed.get(i);
            String prefix = "headroom.response-cache.routes[" + i + "]";
            if (r.getPattern() == null || r.getPattern().isBlank()) {
                throw new IllegalArgumentException(
                        prefix + ".pattern is empty: expected a route template such as /api/items/{id}");
            }
            byPattern.put(
                    r.getPattern(),
                    route(
                            r.getKeyspace(),
                            r.getTtl(),
                            CachePolicies.parse(r.getCacheControl(), prefix + ".cache-control"),
                            prefix));
        }
    }

    /** The route for a handler method or, failing that, a route template; empty when not cached. */
    Optional<Route> find(Method handler, String pattern) {
        if (handler != null) {
            Optional<Route> annotated = byMethod.computeIfAbsent(handler, this::annotated);
            if (annotated.isPresent()) {
                return annotated;
            }
        }
        return pattern == null ? Optional.empty() : Optional.ofNullable(byPattern.get(pattern));
    }

    private Optional<Route> annotated(Method method) {
        HeadroomCached a = AnnotatedElementUtils.findMergedAnnotation(method, HeadroomCached.class);
        if (a == null) {
            return Optional.empty();
        }
        String where = "@HeadroomCached on " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
        Duration ttl = Settings.parseDuration(a.ttl())
                .filter(d -> !d.isZero())
                .orElseThrow(() -> new IllegalArgumentException(
                        where + ": ttl '" + a.ttl() + "' is not valid: expected a duration such as 30s, 5m or 1h"));
        return Optional.of(
                route(a.keyspace(), ttl, CachePolicies.parse(a.cacheControl(), where + " cacheControl"), where));
    }

    private synchronized Route route(String name, Duration ttl, CacheControlPolicy policy, String where) {
        Route existing = byKeyspace.get(name);
        if (existing != null) {
            if (!existing.keyspace().keyspace().ttl().equals(ttl)) {
                throw new IllegalArgumentException(where + ": keyspace '" + name + "' already has TTL "
                        + existing.keyspace().keyspace().ttl() + ", not " + ttl);
            }
            return new Route(existing.keyspace(), policy, existing.counters());
        }
        Keyspace keyspace;
        try {
            keyspace = new Keyspace(name, ttl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    where + ": " + e.getMessage()); // the message says it all; the key is what the reader needs
        }
        Route created = new Route(cache.keyspace(keyspace, new RenderedResponseCodec()), policy, new Counters());
        byKeyspace.put(name, created);
        return created;
    }

    List<KeyspaceFigures> figures() {
        return byKeyspace.values().stream()
                .map(r -> {
                    var s = r.keyspace().stats();
                    return new KeyspaceFigures(
                            r.keyspace().keyspace().name(),
                            r.keyspace().keyspace().ttl().toSeconds(),
                            r.counters().hits().sum(),
                            r.counters().misses().sum(),
                            r.counters().bypasses().sum(),
                            s.entries(),
                            s.bytes());
                })
                .sorted(Comparator.comparing(KeyspaceFigures::keyspace))
                .toList();
    }
}
