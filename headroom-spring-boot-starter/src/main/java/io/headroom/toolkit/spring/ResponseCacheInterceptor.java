package io.headroom.toolkit.spring;

import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.RenderedResponse;
import io.headroom.toolkit.metrics.RequestCost;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.WebUtils;

/**
 * Runs after the handler mapping, so it knows the handler and the route template. For a GET of a
 * cached route: a hit is written here and the handler never runs; a miss arms the
 * {@link CapturingResponse} so the {@link ResponseCacheFilter} can keep what the handler writes.
 * Routes outside the cache get their {@code headroom.http.cache-control} policy, if any.
 */
final class ResponseCacheInterceptor implements HandlerInterceptor {
    static final String MISS = ResponseCacheInterceptor.class.getName() + ".MISS";

    /** A miss in progress: where to store the body and under which key. */
    record Miss(ResponseCacheRoutes.Route route, String key) {}

    private final ResponseCacheRoutes routes; // null when the response cache is off
    private final RenderedWriter writer;
    private final Map<String, CacheControlPolicy> policies;

    ResponseCacheInterceptor(
            ResponseCacheRoutes routes, RenderedWriter writer, Map<String, CacheControlPolicy> policies) {
        this.routes = routes;
        this.writer = writer;
        this.policies = policies;
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
        CapturingResponse capture = WebUtils.getNativeResponse(res, CapturingResponse.class);
        String key = key(req);
        Optional<RenderedResponse> hit = route.keyspace().getIfPresent(key);
        RequestCost cost = RequestCost.current();
        if (hit.isPresent()) {
            route.counters().hits().increment();
            if (cost != null) {
                cost.cacheHit();
            }
            writer.write(req, res, hit.get(), route.policy(), "HIT");
            return false;
        }
        if (capture == null) { // the filter is not in the chain (e.g. a forward): serve uncached
            route.counters().bypasses().increment();
            res.setHeader(RenderedWriter.X_CACHE, "BYPASS");
            return true;
        }
        if (cost != null) {
            cost.cacheMiss();
        }
        capture.capture();
        req.setAttribute(MISS, new Miss(route, key));
        return true;
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
