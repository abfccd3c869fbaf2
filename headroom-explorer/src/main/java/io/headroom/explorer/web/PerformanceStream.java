package io.headroom.explorer.web;

import io.headroom.explorer.cache.CatalogCache;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.metrics.LatencySummary;
import io.headroom.toolkit.metrics.RouteSnapshot;
import io.headroom.toolkit.monitor.Monitoring;
import io.headroom.toolkit.monitor.PerformanceStats;
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
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /api/v1/performance/stream}: Server-Sent Events for the performance pages, one event a
 * second of the page named by {@code ?view=} (default {@code overview}; see {@link PerformanceFeeds}).
 * The overview: requests per second and the 5xx share over that second (from the difference of two
 * snapshots), requests in flight, per route the last minute's count, error rate and p50/p95/p99, and the
 * real users' Web Vitals per page ({@link RumBeacons}).
 * Each stream holds one virtual thread that sleeps between events; at most {@link #MAX_STREAMS} run at
 * once (a 503 beyond), and {@code ?events=N} ends a stream after N events (tests, curl).
 */
public final class PerformanceStream {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final int MAX_STREAMS = 32;
    private static final int TOP_ROUTES = 15;

    private final Monitoring monitoring;
    private final Instant startedAt;
    private final InFlightRequests inFlight;
    private final RumBeacons rum;
    private final PerformanceFeeds feeds;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);

    PerformanceStream(
            Monitoring monitoring, Instant startedAt, CatalogCache cache, InFlightRequests inFlight, RumBeacons rum) {
        this.monitoring = monitoring;
        this.startedAt = startedAt;
        this.inFlight = inFlight;
        this.rum = rum;
        this.feeds = new PerformanceFeeds(monitoring, cache);
    }

    /**
     * One overview event's data. Rates are null in the first event: there is no earlier snapshot to
     * subtract. {@code inFlight} leaves out the open performance streams themselves.
     */
    record Overview(
            long at,
            long uptimeSeconds,
            long requests,
            long serverErrors,
            Double requestsPerSecond,
            Double errorRate,
            int inFlight,
            List<RouteLine> routes,
            List<RumBeacons.PageVitals> rum) {}

    record RouteLine(
            String route, long lastMinuteCount, double lastMinuteErrorRate, double p50Ms, double p95Ms, double p99Ms) {}

    void handle(ServerRequest req, ServerResponse res) {
        QueryParameters query = new QueryParameters(req);
        long events = query.longValue("events", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        PerformanceFeeds.View view =
                PerformanceFeeds.View.parse(query.text("view").orElse("overview"));
        if (Method.HEAD.equals(req.prologue().method())) { // the headers the sink sends, without waiting for events
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.header(HeaderNames.CONTENT_TYPE, "text/event-stream");
            res.send();
            return;
        }
        if (!acceptsEventStream(req)) { // Helidon's sink would refuse it with a 500
            throw new ProblemException(Problem.of(
                    406,
                    "Not Acceptable",
                    "This route sends text/event-stream; send 'Accept: text/event-stream' (or */*)"));
        }
        if (!streams.tryAcquire()) {
            res.header(HeaderNames.RETRY_AFTER, "5");
            throw new ProblemException(Problem.of(
                    503,
                    "Too many streams",
                    "At most " + MAX_STREAMS + " performance streams run at once; retry in a few seconds"));
        }
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            PerformanceFeeds.Feed feed = view == PerformanceFeeds.View.OVERVIEW ? overviewFeed() : feeds.open(view);
            for (long sent = 0; sent < events; sent++) {
                if (sent > 0) {
                    Thread.sleep(INTERVAL);
                }
                sink.emit(SseEvent.builder()
                        .name(view.eventName())
                        .data(new String(Json.bytes(feed.next()), StandardCharsets.UTF_8))
                        .build());
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
        } catch (
                RuntimeException
                        e) { // Helidon's parse error types differ by what is wrong; isAccepted does nothing else
            throw ProblemException.badParameter("Accept", "is not a list of media ranges");
        }
    }

    /** Open streams: each is a request in flight for as long as it is open. */
    int openStreams() {
        return MAX_STREAMS - streams.availablePermits();
    }

    /** The overview from the request monitor alone (the stats document would also query the database). */
    private PerformanceFeeds.Feed overviewFeed() {
        Overview[] previous = {null};
        return () -> {
            long now = System.currentTimeMillis();
            Overview o = overview(
                    now,
                    (now - startedAt.toEpochMilli()) / 1000,
                    monitoring.requests().routes(),
                    previous[0]);
            previous[0] = o;
            return new Overview(
                    o.at(),
                    o.uptimeSeconds(),
                    o.requests(),
                    o.serverErrors(),
                    o.requestsPerSecond(),
                    o.errorRate(),
                    Math.max(0, inFlight.now() - openStreams()),
                    o.routes(),
                    rum.summary());
        };
    }

    static Overview overview(PerformanceStats stats, Overview previous) {
        return overview(
                stats.generatedAtEpochMillis(),
                stats.uptimeSeconds(),
                stats.requests().routes(),
                previous);
    }

    static Overview overview(long at, long uptimeSeconds, List<RouteSnapshot> routes, Overview previous) {
        long requests = routes.stream().mapToLong(RouteSnapshot::count).sum();
        long serverErrors = routes.stream().mapToLong(r -> r.status().s5xx()).sum();
        Double perSecond = null;
        Double errorRate = null;
        if (previous != null) {
            double seconds = Math.max(0.001, (at - previous.at()) / 1000.0);
            long newRequests = requests - previous.requests();
            perSecond = newRequests / seconds;
            errorRate = newRequests == 0 ? 0.0 : (double) (serverErrors - previous.serverErrors()) / newRequests;
        }
        List<RouteLine> top = routes.stream()
                .sorted(Comparator.comparingLong(RouteSnapshot::lastMinuteCount)
                        .reversed()
                        .thenComparing(RouteSnapshot::key))
                .limit(TOP_ROUTES)
                .map(r -> line(r.key(), r.lastMinuteCount(), r.lastMinuteErrorRate(), r.lastMinute()))
                .toList();
        return new Overview(at, uptimeSeconds, requests, serverErrors, perSecond, errorRate, 0, top, List.of());
    }

    private static RouteLine line(String route, long count, double errorRate, LatencySummary latency) {
        return new RouteLine(route, count, errorRate, latency.p50Ms(), latency.p95Ms(), latency.p99Ms());
    }
}
