package io.headroom.toolkit.helidon;

import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.metrics.RequestCost;
import io.headroom.toolkit.monitor.RequestMonitor;
import io.headroom.toolkit.monitor.SlowRequest;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Set;

/**
 * Records every request into a {@link RequestMonitor} under its matched route template
 * ({@code req.matchingPattern()}, e.g. {@code /api/v1/datasets/{id}}), never the raw path.
 * Requests no route matched are recorded as {@value #UNMATCHED}, and non-standard methods as
 * {@code OTHER}, so a scanner cannot create new series.
 */
public final class RequestMonitorFilter implements Filter {
    public static final String UNMATCHED = "(unmatched)";
    private static final Set<Method> KNOWN =
            Set.of(Method.GET, Method.HEAD, Method.POST, Method.PUT, Method.DELETE, Method.PATCH, Method.OPTIONS);

    private final RequestMonitor monitor;

    public RequestMonitorFilter(RequestMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        RequestCost cost = RequestCost.begin();
        boolean threw = true;
        int thrownStatus = 500; // what the error handlers answer for an exception they do not know
        try {
            chain.proceed();
            threw = false;
        } catch (ProblemException e) { // a refusal thrown by a later filter: answered with its own status
            thrownStatus = e.problem().status();
            throw e;
        } catch (RequestException e) {
            thrownStatus = e.status().code();
            throw e;
        } finally {
            long nanos = System.nanoTime() - start;
            RequestCost.Breakdown breakdown = cost.end();
            Method method = req.prologue().method();
            String methodName = KNOWN.contains(method) ? method.text() : "OTHER";
            String route = req.matchingPattern()
                    .filter(p -> !p.isEmpty())
                    .orElse(UNMATCHED); // "" = a catch-all such as the 404 fallback
            // An exception escaping the chain is answered by the error handlers after this filter:
            // a problem or a request error with its status, anything else 500 (ProblemHandlers).
            int status = threw && !res.isSent() ? thrownStatus : res.status().code();
            long now = System.currentTimeMillis();
            monitor.record(methodName, route, status, nanos, res.bytesWritten(), now);
            if (monitor.isSlow(nanos)) {
                // still on the handling thread: the allocation estimate of a virtual thread is looked up by its id and
                // window
                monitor.recordSlow(
                        new SlowRequest(
                                now, methodName, route, req.path().rawPath(), status, nanos / 1_000_000.0, breakdown),
                        Thread.currentThread(),
                        start,
                        start + nanos);
            }
        }
    }
}
