package io.headroom.toolkit.spring;

import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.RenderedResponse;
import io.headroom.toolkit.metrics.RequestCost;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The response cache, run after the handler mapping, so it knows the handler and the route template.
 * For a GET of a cached route it answers here and tells the DispatcherServlet not to run the handler
 * again: a hit from the in-process level directly; a miss through the keyspace's {@code getOrLoad}
 * with a {@link HandlerLoader}, which runs the handler once however many requests miss the key
 * together (the others wait and are answered from its entry), or reads the entry another instance
 * stored in Redis. Routes outside the cache get their {@code headroom.http.cache-control} policy, if any.
 */
final class ResponseCacheInterceptor implements HandlerInterceptor {
    private final ResponseCacheRoutes routes; // null when the response cache is off
    private final RenderedWriter writer;
    private final Map<String, CacheControlPolicy> policies;
    private final Supplier<List<HandlerAdapter>> adapters;

    /**
     * @param adapters the application's handler adapters in the DispatcherServlet's order; asked at the first
     *     miss, since Spring MVC builds them after its interceptors
     */
    ResponseCacheInterceptor(
            ResponseCacheRoutes routes,
            RenderedWriter writer,
            Map<String, CacheControlPolicy> policies,
            Supplier<List<HandlerAdapter>> adapters) {
        this.routes = routes;
        this.writer = writer;
        this.policies = policies;
        this.adapters = adapters;
    }

    @Override
    public boolean preHandle(HttpServletRequest req, HttpServletResponse res, Object handler) throws Exception {
        String pattern = (String) req.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        Optional<ResponseCacheRoutes.Route> cached = routes == null || !"GET".equals(req.getMethod())
                ? Optional.empty()
                : routes.find(handler instanceof HandlerMethod m ? m.getMethod() : null, pattern);
        if (cached.isEmpty()) {
            CacheControlPolicy policy = pattern == null ? null : policies.get(pattern);
            if (policy != null && !res.containsHeader("Cache-Control")) {
                res.setHeader("Cache-Control", policy.headerValue());
            }
            return true;
        }
        ResponseCacheRoutes.Route route = cached.get();
        String key = key(req);
        RequestCost cost = RequestCost.current();
        // The common case first, without building a loader: an in-process hit.
        Optional<RenderedResponse> hit = route.keyspace().getIfPresent(key);
        if (hit.isPresent()) {
            answer(req, res, route, hit.get(), true, cost);
            return false;
        }
        HandlerLoader loader = new HandlerLoader(req, res, handler, adapter(handler), writer.compression());
        RenderedResponse entry;
        try {
            entry = route.keyspace().getOrLoad(key, loader);
        } catch (RuntimeException e) {
            route.counters().bypasses().increment();
            if (!loader.ran()) {
                // Another request's load kept nothing (a 404, a failure): this one runs its own handler, uncached.
                res.setHeader(RenderedWriter.X_CACHE, "BYPASS");
                return true;
            }
            if (e instanceof HandlerLoader.NotKept) {
                loader.sendAsWritten();
                return false;
            }
            res.setHeader(RenderedWriter.X_CACHE, "BYPASS");
            throw e instanceof HandlerLoader.HandlerFailed failed ? failed.exception() : e;
        }
        answer(req, res, route, entry, !loader.ran(), cost);
        return false;
    }

    /** @param hit true when the handler did not run for this request (this level, a concurrent load, Redis) */
    private void answer(
            HttpServletRequest req,
            HttpServletResponse res,
            ResponseCacheRoutes.Route route,
            RenderedResponse entry,
            boolean hit,
            RequestCost cost)
            throws IOException {
        (hit ? route.counters().hits() : route.counters().misses()).increment();
        if (cost != null) {
            if (hit) {
                cost.cacheHit();
            } else {
                cost.cacheMiss();
            }
        }
        writer.write(req, res, entry, route.policy(), hit ? "HIT" : "MISS");
    }

    /** As the DispatcherServlet chooses: the first adapter, in order, that supports the handler. */
    private HandlerAdapter adapter(Object handler) {
        for (HandlerAdapter adapter : adapters.get()) {
            if (adapter.supports(handler)) {
                return adapter;
            }
        }
        throw new IllegalStateException("No HandlerAdapter supports " + handler);
    }

    /** The path and the query with parameters sorted by name (repeated ones keep their order). */
    static String key(HttpServletRequest req) {
        String path = req.getRequestURI();
        String query = req.getQueryString();
        if (query == null || query.isEmpty()) {
            return path;
        }
        List<String> params = new ArrayList<>(List.of(query.split("&")));
        params.removeIf(String::isEmpty);
        params.sort((a, b) -> name(a).compareTo(name(b))); // List.sort is stable
        return path + "?" + String.join("&", params);
    }

    private static String name(String param) {
        int eq = param.indexOf('=');
        return eq < 0 ? param : param.substring(0, eq);
    }
}
