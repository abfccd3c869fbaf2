package io.headroom.load.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.headroom.load.scenario.MonitorSpec;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StatsPollerTest {

    private static ServerPoint second(long requests, double interval) {
        return new ServerPoint(
                0,
                1,
                0,
                interval,
                requests,
                Map.of("GET /a", new ServerPoint.RoutePoint(requests, 0, 1, 1, 1)),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                Map.of(),
                0,
                0,
                0,
                0,
                0,
                0,
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }

    @Test
    void asksForTwiceTheLastSecondsRequestsFromTheRingWithinItsBounds() {
        assertThat(StatsPoller.recentToAsk(List.of())).as("no rate known yet").isEqualTo(StatsPoller.MAX_RECENT);
        assertThat(StatsPoller.recentToAsk(List.of(second(200, 1.0)))).isEqualTo(400);
        assertThat(StatsPoller.recentToAsk(List.of(second(100, 0.5))))
                .as("a rate, not a count")
                .isEqualTo(400);
        assertThat(StatsPoller.recentToAsk(List.of(second(3, 1.0)))).isEqualTo(50);
        assertThat(StatsPoller.recentToAsk(List.of(second(5000, 1.0)))).isEqualTo(StatsPoller.MAX_RECENT);
    }

    /** A stats document that counts the polls it answered (the poller's own requests are all there is). */
    private static HttpServer statsServer(String token, CountDownLatch polled, long delayMillis) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicLong polls = new AtomicLong();
        server.createContext("/api/performance/stats", exchange -> {
            byte[] body;
            int status;
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                status = 401;
                body = "{}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 200;
                body = ("{\"generatedAtEpochMillis\": " + System.currentTimeMillis() + ", \"requests\": {\"routes\": "
                                + "[{\"method\": \"GET\", \"route\": \"/api/performance/stats\", \"count\": "
                                + polls.getAndIncrement() + "}]}}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
            polled.countDown();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    private static MonitorSpec spec(HttpServer server, String token) {
        return new MonitorSpec(
                List.of(MonitorSpec.statsUrl(
                        "http://127.0.0.1:" + server.getAddress().getPort(), "--monitor")),
                token,
                List.of());
    }

    @Test
    void sendsTheTokenAndCountsOnlyOtherRequestsThanItsOwnPolls() throws Exception {
        CountDownLatch polled = new CountDownLatch(3); // the baseline and two ticks
        HttpServer server = statsServer("t0ken", polled, 0);
        try {
            StatsPoller poller =
                    StatsPoller.baseline(spec(server, "t0ken"), new PrintStream(OutputStream.nullOutputStream()));
            poller.start(System.nanoTime(), System.currentTimeMillis(), false);
            assertThat(polled.await(30, TimeUnit.SECONDS)).isTrue();
            ServerTimeline timeline = poller.stop(System.nanoTime());

            assertThat(timeline.instances().getFirst().headroom()).isTrue();
            // The baseline and the first tick were read: the second tick is sent only after the first is read.
            // The second tick's read and the closing poll can miss (interrupted, or past the 800 ms timeout on a
            // loaded machine), so they are not counted on.
            assertThat(timeline.instances().getFirst().polls()).isGreaterThanOrEqualTo(2);
            assertThat(timeline.points()).isNotEmpty().allMatch(p -> p.requests() == 0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRefusedTokenIsOneWarningAndNoTimeline() throws Exception {
        HttpServer server = statsServer("right", new CountDownLatch(1), 0);
        try {
            ByteArrayOutputStream warnings = new ByteArrayOutputStream();
            StatsPoller poller = StatsPoller.baseline(
                    spec(server, "wrong"), new PrintStream(warnings, true, StandardCharsets.UTF_8));
            ServerTimeline timeline = poller.start(System.nanoTime(), System.currentTimeMillis(), false)
                    .stop(System.nanoTime());

            assertThat(timeline.instances().getFirst().headroom()).isFalse();
            assertThat(warnings.toString(StandardCharsets.UTF_8).lines())
                    .singleElement()
                    .asString()
                    .contains("HTTP 401")
                    .contains("--monitor-token");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPollSlowerThanTheIntervalTimesOutAndIsCountedInsteadOfDelayingTheNext() throws Exception {
        CountDownLatch polled = new CountDownLatch(2);
        HttpServer server = statsServer("t", polled, 3_000); // every answer later than the interval
        try {
            StatsPoller poller =
                    StatsPoller.baseline(spec(server, "t"), new PrintStream(OutputStream.nullOutputStream()));
            long started = System.nanoTime();
            poller.start(started, System.currentTimeMillis(), false);
            assertThat(polled.await(30, TimeUnit.SECONDS))
                    .as("the server got the baseline poll and a tick's")
                    .isTrue();
            ServerTimeline timeline = poller.stop(System.nanoTime());

            ServerTimeline.Instance instance = timeline.instances().getFirst();
            assertThat(instance.polls()).isZero();
            assertThat(instance.failedPolls()).as("each one timed out").isGreaterThanOrEqualTo(2);
            assertThat(instance.warning()).contains("no poll answered");
        } finally {
            server.stop(0);
        }
    }
}
