package io.headroom.explorer.web;

import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.metrics.LatencySummary;
import io.headroom.toolkit.monitor.Monitoring;
import io.headroom.toolkit.monitor.PerformanceStats;
import io.headroom.toolkit.metrics.RouteSnapshot;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /api/v1/performance/stream}: Server-Sent Events for the performance pages, one
 * {@code overview} event a second: requests per second and the 5xx share over that second (from the
 * difference of two snapshots), and per route the last minute's count, error rate and p50/p95/p99.
 * Each stream holds one virtual thread that sleeps between events; at most {@link #MAX_STREAMS} run at
 * once (a 503 beyond), and {@code ?events=N} ends a stream after N events (tests, curl).
 */
public final class PerformanceStream {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final int MAX_STREAMS = 32;
    private static final int TOP_ROUTES = 15;

    private final Monitoring monitoring;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);

    PerformanceStream(Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    /** One event's data. Rates are null in the first event: there is no earlier snapshot to subtract. */
    record Overview(long at, long uptimeSeconds, long requests, long serverErrors, Double requestsPerSecond,
                    Double errorRate, List<RouteLine> routes) {}

    record RouteLine(String route, long lastMinuteCount, double lastMinuteErrorRate, double p50Ms, double p95Ms,
                     double p99Ms) {}

    void handle(ServerRequest req, ServerResponse res) {
        long events = new QueryParameters(req).longValue("events", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        if (req.prologue().method() == Method.HEAD) { // the headers the sink sends, without waiting for events
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
            res.send();
            return;
        }
        if (!acceptsEventStream(req)) { // Helidon's sink would refuse it with a 500
            throw new ProblemException(Problem.of(406, "Not Acceptable",
                    "This route sends text/event-stream; send 'Accept: text/event-stream' (or */*)"));
        }
        if (!streams.tryAcquire()) {
            res.header(HeaderNames.RETRY_AFTER, "5");
            throw new ProblemException(Problem.of(503, "Too many streams",
                    "At most " + MAX_STREAMS + " performance streams run at once; retry in a few seconds"));
        }
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            Overview previous = null;
            for (long sent = 0; sent < events; sent++) {
                if (sent > 0) {
                    Thread.sleep(INTERVAL);
                }
                Overview now = overview(monitoring.stats(0, 0), previous);
                sink.emit(SseEvent.builder().name("overview")
                        .data(new String(Json.bytes(now), StandardCharsets.UTF_8)).build());
                previous = now;
            }
        } catch (UncheckedIOException clientGone) {
            // the page was closed or navigated away: the stream simply ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the server is stopping
        } finally {
            streams.release();
        }
    }

    /** Helidon parses Accept only when asked, and throws on a value that is no media range ("garbage", "q=abc"). */
    private static boolean acceptsEventStream(ServerRequest req) {
        try {
            return req.headers().isAccepted(MediaTypes.TEXT_EVENT_STREAM);
        } catch (RuntimeException e) { // Helidon's parse error types differ by what is wrong; isAccepted does nothing else
            throw ProblemException.badParameter("Accept", "is not a list of media ranges");
        }
    }

    static Overview overview(PerformanceStats stats, Overview previous) {
        List<RouteSnapshot> routes = stats.requests().routes();
        long requests = routes.stream().mapToLong(RouteSnapshot::count).sum();
        long serverErrors = routes.stream().mapToLong(r -> r.status().s5xx()).sum();
        Double perSecond = null;
        Double errorRate = null;
        if (previous != null) {
            double seconds = Math.max(0.001, (stats.generatedAtEpochMillis() - previous.at()) / 1000.0);
            long newRequests = requests - previous.requests();
            perSecond = newRequests / seconds;
            errorRate = newRequests == 0 ? 0.0 : (double) (serverErrors - previous.serverErrors()) / newRequests;
        }
        List<RouteLine> top = routes.stream()
                .sorted(Comparator.comparingLong(RouteSnapshot::lastMinuteCount).reversed()
                        .thenComparing(RouteSnapshot::key))
                .limit(TOP_ROUTES)
                .map(r -> line(r.key(), r.lastMinuteCount(), r.lastMinuteErrorRate(), r.lastMinute()))
                .toList();
        return new Overview(stats.generatedAtEpochMillis(), stats.uptimeSeconds(), requests, serverErrors,
                perSecond, errorRate, top);
    }

    private static RouteLine line(String route, long count, double errorRate, LatencySummary latency) {
        return new RouteLine(route, count, errorRate, latency.p50Ms(), latency.p95Ms(), latency.p99Ms());
    }
}
