package io.headroom.toolkit.helidon;

import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.metrics.RequestCost;
import io.headroom.toolkit.monitor.RequestIds;
import io.headroom.toolkit.monitor.RequestMonitor;
import io.headroom.toolkit.monitor.ServerTiming;
import io.headroom.toolkit.monitor.ServerTimingHeader;
import io.headroom.toolkit.monitor.SlowRequest;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Records every request into a {@link RequestMonitor} under its matched route template
 * ({@code req.matchingPattern()}, e.g. {@code /api/v1/datasets/{id}}), never the raw path.
 * Requests no route matched are recorded as {@value #UNMATCHED}, and non-standard methods as
 * {@code OTHER}, so a scanner cannot create new series.
 *
 * <p>With {@link ServerTiming} on (or {@code token}, for the callers {@code mayTime} accepts) every answer
 * gets {@code Server-Timing} and {@code X-Request-Id}, set just before its headers go out. Off, the
 * request path does no header work and allocates nothing more; a slow request still gets an id for its
 * log line.
 */
public final class RequestMonitorFilter implements Filter {
    public static final String UNMATCHED = "(unmatched)";
    private static final Set<Method> KNOWN =
            Set.of(Method.GET, Method.HEAD, Method.POST, Method.PUT, Method.DELETE, Method.PATCH, Method.OPTIONS);

    private static final HeaderName REQUEST_ID = HeaderNames.create(RequestIds.HEADER);
    private static final HeaderName SERVER_TIMING = HeaderNames.create(ServerTimingHeader.NAME);

    private final RequestMonitor monitor;
    private final ServerTiming serverTiming;
    private final Predicate<ServerRequest> mayTime;

    public RequestMonitorFilter(RequestMonitor monitor) {
        this(monitor, ServerTiming.OFF, req -> false);
    }

    /** {@code mayTime}: in {@link ServerTiming#TOKEN} mode, whether this caller may see the timings (asked before the headers go out). */
    public RequestMonitorFilter(RequestMonitor monitor, ServerTiming serverTiming, Predicate<ServerRequest> mayTime) {
        this.monitor = monitor;
        this.serverTiming = serverTiming;
        this.mayTime = mayTime;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        RequestCost cost = RequestCost.begin();
        String requestId = null; // made only when the response carries it, or for the slow log
        if (serverTiming == ServerTiming.ON
                // token: a request without credentials is nobody's to time, and costs one header look-up
                || (serverTiming == ServerTiming.TOKEN && req.headers().contains(HeaderNames.AUTHORIZATION))) {
            requestId =
                    RequestIds.acceptOrCreate(req.headers().first(REQUEST_ID).orElse(null));
            timeResponse(req, res, start, cost, requestId);
        }
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
                                now,
                                methodName,
                                route,
                                req.path().rawPath(),
                                status,
                                nanos / 1_000_000.0,
                                breakdown,
                                requestId != null
                                        ? requestId
                                        : RequestIds.acceptOrCreate(
                                                req.headers().first(REQUEST_ID).orElse(null))),
                        Thread.currentThread(),
                        start,
                        start + nanos);
            }
        }
    }

    /** Sets both headers just before the response's headers are written, when the server time is known. */
    private void timeResponse(RoutingRequest req, RoutingResponse res, long start, RequestCost cost, String id) {
        res.beforeSend(() -> {
            if (serverTiming == ServerTiming.ON || mayTime.test(req)) {
                try {
                    res.header(REQUEST_ID, id);
                    res.header(SERVER_TIMING, ServerTimingHeader.value(System.nanoTime() - start, cost));
                } catch (RuntimeException e) {
                    // an HTTP/2 stream (h2c upgrade) reset when these were set here: the answer matters more than them
                }
            }
        });
    }
}
