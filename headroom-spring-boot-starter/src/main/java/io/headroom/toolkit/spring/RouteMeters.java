package io.headroom.toolkit.spring;

import io.headroom.toolkit.metrics.RouteSnapshot;
import io.headroom.toolkit.monitor.RequestMonitor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The request monitor's figures as meters of the application's own registry, one set per method
 * and route template, registered the first time a route is seen:
 * {@code headroom.http.requests}, {@code headroom.http.requests.errors} (5xx),
 * {@code headroom.http.requests.slow}, {@code headroom.http.response.bytes} (counters) and
 * {@code headroom.http.requests.latency} (gauges of the last minute's p95 and p99, in ms).
 *
 * <p>Named apart from Spring's {@code http.server.requests} on purpose: Spring's timer is the
 * latency histogram, these add what it lacks (slow requests, windowed percentiles the alert rules
 * use), and both count the same requests once each (docs/spring.md). Values are read from the
 * monitor at scrape time, from one snapshot per second at most, never on the request path.
 */
final class RouteMeters {
    private static final long SNAPSHOT_MILLIS = 1000;

    private final MeterRegistry registry;
    private final RequestMonitor requests;
    /** route → methods with meters: two look-ups per request, no allocation once seen. */
    private final Map<String, Set<String>> registered = new ConcurrentHashMap<>();

    private volatile Map<String, RouteSnapshot> latest = Map.of();
    private volatile long latestAt;

    RouteMeters(MeterRegistry registry, RequestMonitor requests) {
        this.registry = registry;
        this.requests = requests;
    }

    /** Called after each recorded request. */
    void seen(String method, String route) {
        Set<String> methods = registered.get(route);
        if (methods == null || !methods.contains(method)) {
            register(method, route);
        }
    }

    private synchronized void register(String method, String route) {
        Set<String> methods = registered.computeIfAbsent(route, r -> ConcurrentHashMap.newKeySet());
        if (methods.contains(method)) {
            return;
        }
        String key = method + " " + route;
        Tags tags = Tags.of("method", method, "uri", route);
        counter("headroom.http.requests", "Requests by method and route template", tags, key, RouteSnapshot::count);
        counter("headroom.http.requests.errors", "Requests answered 5xx", tags, key, RouteSnapshot::errors);
        counter(
                "headroom.http.requests.slow",
                "Requests over headroom.monitoring.slow-request",
                tags,
                key,
                RouteSnapshot::slow);
        counter(
                "headroom.http.response.bytes",
                "Body bytes the application wrote (before any server compression)",
                tags,
                key,
                RouteSnapshot::bytesOut);
        gauge(tags.and("quantile", "0.95"), key, s -> s.lastMinute().p95Ms());
        gauge(tags.and("quantile", "0.99"), key, s -> s.lastMinute().p99Ms());
        methods.add(method);
    }

    private void counter(String name, String help, Tags tags, String key, ToDoubleFunction<RouteSnapshot> value) {
        FunctionCounter.builder(name, this, m -> m.read(key, value))
                .description(help)
                .tags(tags)
                .register(registry);
    }

    private void gauge(Tags tags, String key, ToDoubleFunction<RouteSnapshot> value) {
        Gauge.builder("headroom.http.requests.latency.last.minute", this, m -> m.read(key, value))
                .description("Request latency percentile over the last minute")
                .baseUnit("milliseconds")
                .tags(tags)
                .register(registry);
    }

    private double read(String key, ToDoubleFunction<RouteSnapshot> value) {
        RouteSnapshot s = snapshot().get(key);
        return s == null ? 0 : value.applyAsDouble(s);
    }

    private Map<String, RouteSnapshot> snapshot() {
        long now = System.currentTimeMillis();
        if (now - latestAt > SNAPSHOT_MILLIS) {
            Map<String, RouteSnapshot> byKey = new HashMap<>();
            requests.routes().forEach(r -> byKey.put(r.key(), r));
            latest = byKey;
            latestAt = now;
        }
        return latest;
    }
}
