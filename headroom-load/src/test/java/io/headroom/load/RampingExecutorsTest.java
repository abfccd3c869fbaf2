package io.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.load.measure.TimeSeriesPoint;
import io.headroom.load.output.RunReport;
import io.headroom.load.scenario.ExecutorSpec;
import io.headroom.load.scenario.MonitorSpec;
import io.headroom.load.scenario.RequestSpec;
import io.headroom.load.scenario.Scenario;
import io.headroom.load.scenario.Template;
import io.headroom.load.testing.StallingServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RampingExecutorsTest {

    private static Scenario scenario(String url, ExecutorSpec executor, Duration think) {
        return new Scenario(
                "ramp",
                URI.create(url),
                Map.of(),
                List.of(new RequestSpec(
                        "get",
                        RequestSpec.Type.HTTP,
                        1,
                        "GET",
                        Template.of("/"),
                        Map.of(),
                        null,
                        List.of(),
                        null,
                        List.of(),
                        null)),
                Map.of(),
                executor,
                List.of(),
                think,
                Duration.ofSeconds(30),
                null,
                Duration.ZERO,
                MonitorSpec.NONE);
    }

    private static RunReport run(Scenario s) throws InterruptedException {
        return LoadRun.execute(s, RunOptions.defaults(), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void rampingArrivalRateStartsExactlyTheIntegralOfItsRate() throws Exception {
        try (StallingServer server = new StallingServer(0, 0)) {
            // 0 → 100/s over 2 s: 100 iterations; then 100 → 50/s over 1 s: 75 more.
            RunReport report = run(scenario(
                    server.url(),
                    new ExecutorSpec.RampingArrivalRate(
                            0,
                            Duration.ofSeconds(1),
                            List.of(
                                    new ExecutorSpec.Stage(Duration.ofSeconds(2), 100),
                                    new ExecutorSpec.Stage(Duration.ofSeconds(1), 50)),
                            2,
                            20),
                    Duration.ZERO));

            assertThat(report.summary().total().count() + report.summary().dropped())
                    .isEqualTo(175);
            assertThat(report.summary().total().errors()).isZero();
            // The server also got the unmeasured warm-up burst sent before time zero.
            assertThat(report.preparation().burstRequests()).isPositive();
            assertThat(server.requests())
                    .isEqualTo(report.summary().total().count()
                            + report.preparation().burstRequests());
        }
    }

    @Test
    void rampingVusReachesTheStageTargetAndComesBackDown() throws Exception {
        try (StallingServer server = new StallingServer(0, 0)) {
            RunReport report = run(scenario(
                    server.url(),
                    new ExecutorSpec.RampingVus(
                            0,
                            List.of(
                                    new ExecutorSpec.Stage(Duration.ofSeconds(1), 6),
                                    new ExecutorSpec.Stage(Duration.ofSeconds(2), 6),
                                    new ExecutorSpec.Stage(Duration.ofSeconds(1), 0))),
                    Duration.ofMillis(20)));

            List<TimeSeriesPoint> series = report.series();
            assertThat(series.stream().mapToInt(TimeSeriesPoint::vus).max().orElse(0))
                    .isEqualTo(6);
            assertThat(series.get(series.size() - 1).vus()).isLessThan(6);
            assertThat(report.summary().total().count()).isPositive();
        }
    }
}
