package io.headroom.toolkit.spring;

import io.headroom.toolkit.metrics.RequestCost;
import io.headroom.toolkit.monitor.RequestIds;
import io.headroom.toolkit.monitor.RequestMonitor;
import io.headroom.toolkit.monitor.SlowRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every request into the {@link RequestMonitor} under its route template, the handler
 * mapping's best-matching pattern (e.g. {@code /api/items/{id}}), never the raw path. Requests no
 * handler matched are {@value #UNMATCHED}; non-standard methods are {@code OTHER}; so a scanner
 * cannot create series. Runs just inside Spring's own observation filter, so both see the same
 * requests.
 */
final class RequestMonitoringFilter extends OncePerRequestFilter {
    static final String UNMATCHED = "(unmatched)";
    private static final Set<String> KNOWN = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final RequestMonitor monitor;
    private final RouteMeters meters; // null when headroom.metrics.enabled=false

    RequestMonitoringFilter(RequestMonitor monitor, RouteMeters meters) {
        this.monitor = monitor;
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        RequestCost cost = RequestCost.begin();
        CountingResponse counted = new CountingResponse(res);
        boolean threw = true;
        try {
            chain.doFilter(req, counted);
            threw = false;
        } finally {
            long nanos = System.nanoTime() - start;
            RequestCost.Breakdown breakdown = cost.end();
            String method = KNOWN.contains(req.getMethod()) ? req.getMethod() : "OTHER";
            String route = route(req);
            // An exception escaping the chain becomes the container's 500 error page after this filter.
            int status = threw && !res.isCommitted() ? 500 : res.getStatus();
            long now = System.currentTimeMillis();
            monitor.record(method, route, status, nanos, counted.bytesWritten(), now);
            if (meters != null) {
                meters.seen(method, route);
            }
            if (monitor.isSlow(nanos)) {
                monitor.recordSlow(new SlowRequest(
                        now,
                        method,
                        route,
                        req.getRequestURI(),
                        status,
                        nanos / 1_000_000.0,
                        breakdown,
                        RequestIds.acceptOrCreate(req.getHeader(RequestIds.HEADER))));
            }
        }
    }

    static String route(HttpServletRequest req) {
        Object pattern = req.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        // "/**" is the static-resource catch-all: whatever it did not find is no route of the application.
        return pattern instanceof String p && !p.isEmpty() && !p.equals("/**") ? p : UNMATCHED;
    }
}
