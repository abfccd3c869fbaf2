package io.headroom.load.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.load.scenario.MonitorSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/**
 * Polls each monitored instance's stats document once a second on the measured run's own ticks (time zero,
 * then every whole second), so the server points line up with the client's per-second series.
 *
 * <p>It must not disturb what it watches: it runs on its own platform thread with the JDK's HTTP client
 * (its own connections and threads, never the load engine's event loops or histograms), every poll has a
 * {@value #TIMEOUT_MILLIS} ms timeout, shorter than the interval, and a tick the thread reaches more than an
 * interval late is skipped and counted rather than sent in a burst. A target that answers with something
 * other than a Headroom stats document (404, not JSON) is dropped after one warning line: the run goes on
 * with client-side analysis only.
 */
public final class StatsPoller {

    static final long INTERVAL_NANOS = 1_000_000_000L;
    static final long TIMEOUT_MILLIS = 800;
    /** The most recent-ring entries asked for: the toolkit's maximum (the ring keeps 1,024). */
    static final int MAX_RECENT = 1000;

    private static final int MIN_RECENT = 50;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<Target> targets = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS))
            .build();
    private final String token;
    private final PrintStream warnings;
    private final Thread thread;
    private long startNanos;
    private long startEpochMillis;
    private boolean rebaseAtZero;

    private StatsPoller(MonitorSpec spec, PrintStream warnings) {
        this.token = spec.token();
        this.warnings = warnings;
        for (URI url : spec.statsUrls()) {
            targets.add(new Target(url, new InstanceTimeline(targets.size())));
        }
        this.thread =
                Thread.ofPlatform().name("headroom-load-server-poller").daemon().unstarted(this::pollEverySecond);
    }

    /**
     * Takes the baseline reading of every instance now, before the load starts (so no request of the run is
     * in it, and a target that is not a Headroom service is reported before the run), then waits for {@link #start}.
     */
    public static StatsPoller baseline(MonitorSpec spec, PrintStream warnings) {
        StatsPoller poller = new StatsPoller(spec, warnings);
        poller.pollAll(0);
        return poller;
    }

    /**
     * Polls every second after {@code startNanos} (the measured run's time zero). With {@code rebaseAtZero}
     * (a warm-up ran between the baseline and time zero) the reading at time zero becomes the baseline.
     */
    public StatsPoller start(long startNanos, long startEpochMillis, boolean rebaseAtZero) {
        this.startNanos = startNanos;
        this.startEpochMillis = startEpochMillis;
        this.rebaseAtZero = rebaseAtZero;
        thread.start();
        return this;
    }

    /** Stops the ticks, takes a last reading at the run's end (its drain included) and returns the timeline. */
    public ServerTimeline stop(long endNanos) throws InterruptedException {
        thread.interrupt();
        thread.join();
        pollAll(Math.max(1e-3, (endNanos - startNanos) / 1e9)); // never 0: that is the baseline
        List<ServerTimeline.Instance> instances = new ArrayList<>();
        List<ServerPoint> points = new ArrayList<>();
        Map<String, Histogram> routes = new HashMap<>();
        List<StatementUse> statements = new ArrayList<>();
        for (Target t : targets) {
            statements = StatementUse.merge(statements, t.timeline.statements());
            if (!t.headroom && t.warning == null) {
                t.warning = "no poll answered (" + t.failed + " failed or timed out)";
                warnings.println(
                        "headroom load: --monitor " + t.url + ": " + t.warning + "; client-side analysis only for it");
            }
            instances.add(
                    new ServerTimeline.Instance(t.url.toString(), t.headroom, t.polls, t.failed, t.skipped, t.warning));
            points.addAll(t.timeline.points());
            t.timeline
                    .routeMicros()
                    .forEach((route, h) ->
                            routes.computeIfAbsent(route, k -> new Histogram(3)).add(h));
        }
        points.sort(Comparator.comparingDouble(ServerPoint::elapsedSeconds).thenComparingInt(ServerPoint::instance));
        client.close();
        return new ServerTimeline(List.copyOf(instances), List.copyOf(points), Map.copyOf(routes), statements);
    }

    private void pollEverySecond() {
        for (long tick = rebaseAtZero ? 0 : 1; ; tick++) {
            long at = startNanos + tick * INTERVAL_NANOS;
            long wait = at - System.nanoTime();
            try {
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            } catch (InterruptedException e) {
                return;
            }
            if (System.nanoTime() - at > INTERVAL_NANOS) {
                targets.forEach(t -> t.skipped++);
                continue;
            }
            if (!pollAll((double) tick)) {
                return;
            }
        }
    }

    /** One poll of every live target, in parallel; false when interrupted. */
    private boolean pollAll(double elapsedSeconds) {
        List<CompletableFuture<HttpResponse<byte[]>>> pending = new ArrayList<>();
        for (Target t : targets) {
            pending.add(t.dropped ? null : client.sendAsync(request(t), HttpResponse.BodyHandlers.ofByteArray()));
            if (!t.dropped) {
                t.sent++;
            }
        }
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            CompletableFuture<HttpResponse<byte[]>> f = pending.get(i);
            if (f == null) {
                continue;
            }
            try {
                read(t, f.get(TIMEOUT_MILLIS + 100, TimeUnit.MILLISECONDS), elapsedSeconds);
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                f.cancel(true);
                t.failed++;
            }
        }
        return true;
    }

    private void read(Target t, HttpResponse<byte[]> response, double elapsedSeconds) {
        long polledAt = System.currentTimeMillis();
        JsonNode doc = null;
        if (response.statusCode() == 200) {
            try {
                doc = MAPPER.readTree(response.body());
            } catch (IOException e) {
                doc = null;
            }
        }
        if (!StatsReading.isStatsDocument(doc)) {
            if (t.polls == 0) {
                drop(t, response.statusCode());
            } else {
                t.failed++;
            }
            return;
        }
        long sequence = t.sent - 1;
        StatsReading reading = StatsReading.of(doc, polledAt);
        if (elapsedSeconds == 0) {
            t.timeline.rebase(reading);
        } else {
            t.timeline.accept(
                    reading,
                    elapsedSeconds,
                    startEpochMillis + Math.round(elapsedSeconds * 1000),
                    t.polls == 0 ? 0 : sequence - t.lastReadSequence);
        }
        t.recent = recentToAsk(t.timeline.points());
        t.lastReadSequence = sequence;
        t.polls++;
        t.headroom = true;
    }

    private void drop(Target t, int status) {
        t.dropped = true;
        t.warning = status == 401 || status == 403
                ? "HTTP " + status + ": the monitoring routes need the admin or metrics token (--monitor-token)"
                : "not a Headroom service (HTTP " + status + (status == 200 ? ", not a stats document" : "") + ")";
        warnings.println("headroom load: --monitor " + t.url + ": " + t.warning + "; client-side analysis only for it");
    }

    /**
     * The ring entries to ask for next: twice the last second's requests (and at least {@value #MIN_RECENT}),
     * at most {@value #MAX_RECENT}. The document's cost grows with the entries it renders (measured in
     * docs/load-testing.md), so a poll asks for what the next second will probably hold, not the whole ring.
     */
    static int recentToAsk(List<ServerPoint> points) {
        if (points.isEmpty()) {
            return MAX_RECENT;
        }
        ServerPoint last = points.getLast();
        long total = last.routes().values().stream()
                .mapToLong(ServerPoint.RoutePoint::count)
                .sum();
        double perSecond = total / Math.max(0.5, last.intervalSeconds());
        return Math.clamp(Math.round(2 * perSecond), MIN_RECENT, MAX_RECENT);
    }

    private HttpRequest request(Target t) {
        HttpRequest.Builder b = HttpRequest.newBuilder(withQuery(t.url, t.recent))
                .timeout(Duration.ofMillis(TIMEOUT_MILLIS))
                .GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    /**
     * Asks for {@code recent} ring entries (per-second route percentiles), no resource history and no database-health
     * section (neither is needed; the database section takes a pooled connection, so under pool saturation, the fault a
     * timeline must show, it made every poll wait behind the requests and time out).
     */
    private static URI withQuery(URI url, int recent) {
        String s = url.toString();
        return URI.create(s + (url.getQuery() == null ? "?" : "&") + "recent=" + recent + "&history=0&database=0");
    }

    /** One monitored instance; touched by the poller thread, then by {@link #stop} after joining it. */
    private static final class Target {
        final URI url;
        final InstanceTimeline timeline;
        int recent = MAX_RECENT;
        long sent;
        long lastReadSequence;
        long polls;
        long failed;
        long skipped;
        boolean headroom;
        boolean dropped;
        String warning;

        Target(URI url, InstanceTimeline timeline) {
            this.url = url;
            this.timeline = timeline;
        }
    }
}
