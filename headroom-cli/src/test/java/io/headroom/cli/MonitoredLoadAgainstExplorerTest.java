package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.explorer.ExplorerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom load --monitor} against the real Explorer, started in-process on a small sample lake. */
class MonitoredLoadAgainstExplorerTest {
    private static final int DATASETS = 10;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    private static ExplorerServer explorer;
    private static String baseUrl;

    @BeforeAll
    static void startExplorerAndWaitForTheFirstRefresh() throws Exception {
        // resources sampled every second, so CPU and GC have a point in every second of a short run
        explorer = ExplorerInProcess.start(
                dir.resolve("explorer"), DATASETS, Map.of("HEADROOM_RESOURCE_SAMPLE_INTERVAL", "1s"));
        baseUrl = "http://127.0.0.1:" + explorer.port();
    }

    @AfterAll
    static void stop() {
        if (explorer != null) {
            explorer.close();
        }
    }

    @Test
    void theServerTimelineCountsExactlyTheRequestsTheClientMeasuredOnTheClientsSeconds() throws Exception {
        Path out = dir.resolve("monitored");
        CommandRun run = CommandRun.of(
                "load",
                "--url",
                baseUrl + "/api/v1/datasets?limit=5",
                "--rate",
                "20/s",
                "--duration",
                "3s",
                "--monitor",
                baseUrl,
                "--monitor-token",
                ExplorerInProcess.METRICS_TOKEN,
                "--threshold",
                "server.cpu<=1",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        JsonNode instance = summary.path("server").path("instances").get(0);
        assertThat(instance.path("headroom").asBoolean())
                .as(summary.path("server").toString())
                .isTrue();
        assertThat(instance.path("polls").asLong()).isGreaterThanOrEqualTo(3);
        JsonNode timeline = summary.path("server").path("timeline");
        assertThat(timeline.size()).isGreaterThanOrEqualTo(2);

        long serverCount = 0;
        long serverRouteCount = 0;
        // the client rolls its seconds on the same ticks, a few ms late on a busy machine: second k ends near k
        Set<Long> clientSeconds = new HashSet<>();
        summary.path("series")
                .forEach(p ->
                        clientSeconds.add(Math.round(p.path("elapsedSeconds").asDouble())));
        for (JsonNode p : timeline) {
            serverCount += p.path("requests").asLong();
            serverRouteCount +=
                    p.path("routes").path("GET /api/v1/datasets").path("count").asLong();
            double second = p.path("elapsedSeconds").asDouble();
            if (second
                    == Math.rint(
                            second)) { // the ticks; the last reading is at the run's end, like the client's last point
                assertThat(clientSeconds)
                        .as("client and server share the per-second clock")
                        .contains((long) second);
            }
            assertThat(p.path("epochMillis").asLong())
                    .isEqualTo(summary.path("startEpochMillis").asLong() + Math.round(second * 1000));
        }
        long clientCount = summary.path("total").path("count").asLong();
        assertThat(clientCount).isPositive();
        assertThat(serverRouteCount).as("the route's count over the timeline").isEqualTo(clientCount);
        assertThat(serverCount)
                .as("every request the server finished, its stats polls excluded")
                .isEqualTo(clientCount);
        assertThat(timeline.findValues("cpu"))
                .as("resource figures come through")
                .isNotEmpty();
        assertThat(timeline.get(timeline.size() - 1)
                                .path("routes")
                                .path("GET /api/v1/datasets")
                                .has("p99")
                        || timeline.get(0)
                                .path("routes")
                                .path("GET /api/v1/datasets")
                                .has("p99"))
                .isTrue();
        assertThat(run.out()).contains("PASS server.cpu<=1").contains("  CPU max ");
        assertThat(Files.readString(out.resolve("report.html")))
                .contains("Server timeline", "Client p99 and server p99 per route", "server p99 GET /api/v1/datasets");
    }

    @Test
    void aFailingServerThresholdFailsTheRunWithExit99() {
        CommandRun run = CommandRun.of(
                "load",
                "--url",
                baseUrl + "/api/v1/datasets?limit=5",
                "--rate",
                "20/s",
                "--duration",
                "2s",
                "--monitor",
                baseUrl + "/api/performance/stats",
                "--monitor-token",
                ExplorerInProcess.METRICS_TOKEN,
                "--threshold",
                "server.route['/api/v1/datasets'].p99<0.001");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(99);
        assertThat(run.out())
                .contains("FAIL server.route['/api/v1/datasets'].p99<0.001")
                .contains("FAILED");
    }

    @Test
    void aServerThresholdWithoutMonitorIsAUsageErrorNamingIt() {
        CommandRun run = CommandRun.of(
                "load",
                "--url",
                baseUrl + "/api/health",
                "--rate",
                "5/s",
                "--duration",
                "1s",
                "--threshold",
                "server.pool.wait.p95<5");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("server threshold 'server.pool.wait.p95<5' needs --monitor URL");
    }

    @Test
    void aTargetThatIsNotAHeadroomServiceLeavesClientSideAnalysisWithOneWarning() throws Exception {
        Path out = dir.resolve("not-headroom");
        CommandRun run = CommandRun.of(
                "load",
                "--url",
                baseUrl + "/api/health",
                "--rate",
                "5/s",
                "--duration",
                "2s",
                "--monitor",
                baseUrl + "/no/such/api/performance/stats",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out().lines().filter(l -> l.startsWith("headroom load: --monitor")))
                .singleElement()
                .asString()
                .contains("not a Headroom service (HTTP 404)");
        JsonNode instance = MAPPER.readTree(out.resolve("summary.json").toFile())
                .path("server")
                .path("instances")
                .get(0);
        assertThat(instance.path("headroom").asBoolean()).isFalse();
        assertThat(instance.path("warning").asText()).contains("HTTP 404");
    }
}
