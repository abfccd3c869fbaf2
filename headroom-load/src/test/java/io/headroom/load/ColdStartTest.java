package io.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.load.measure.BehindSchedule;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's own cold start: connections opened and the engine warmed before the schedule's time
 * zero, an optional warm-up phase measured apart, and the seconds it fell behind its schedule flagged.
 */
class ColdStartTest {

    @TempDir
    Path dir;

    private static Scenario scenario(String url, String method, ExecutorSpec executor, Duration warmup) {
        return new Scenario(
                "cold",
                URI.create(url),
                Map.of(),
                List.of(new RequestSpec(
                        "r",
                        RequestSpec.Type.HTTP,
                        1,
                        method,
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
                Duration.ZERO,
                Duration.ofSeconds(30),
                null,
                warmup,
                MonitorSpec.NONE);
    }

    private RunReport run(Scenario s, ByteArrayOutputStream console) throws InterruptedException {
        return LoadRun.execute(
                s, new RunOptions(dir, null, 0.1, false), new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    /** The JTL's Connect column (last of 17) of every measured request. */
    private List<String> connectColumn() throws Exception {
        List<String> lines = Files.readAllLines(dir.resolve("results.jtl"));
        int connect = List.of(lines.get(0).split(",")).indexOf("Connect"); // the header names the column
        return lines.stream().skip(1).map(line -> line.split(",", -1)[connect]).toList();
    }

    @Test
    void connectionsOpenBeforeTimeZeroAndAnUnmeasuredBurstWarmsTheEngine() throws Exception {
        try (StallingServer server = new StallingServer(0, 0)) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            RunReport report = run(
                    scenario(
                            server.url(),
                            "GET",
                            new ExecutorSpec.ConstantArrivalRate(
                                    40, Duration.ofSeconds(1), Duration.ofSeconds(1), 5, 5),
                            Duration.ZERO),
                    console);

            assertThat(report.preparation().planned()).isEqualTo(5);
            assertThat(report.preparation().opened()).isEqualTo(5);
            // Every pre-opened VU carried at least one burst request; none of them is in a figure.
            assertThat(report.preparation().burstRequests()).isGreaterThanOrEqualTo(5);
            assertThat(server.requests())
                    .isEqualTo(report.summary().total().count()
                            + report.preparation().burstRequests());
            // No measured request waited for a connect: they were all open at time zero.
            assertThat(connectColumn()).isNotEmpty().allMatch("0"::equals);
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .contains("5 of 5 connections opened in advance; unmeasured warm-up burst of");
        }
    }

    @Test
    void aScenarioThatWritesGetsItsConnectionsOpenedButNoBurst() throws Exception {
        try (StallingServer server = new StallingServer(0, 0)) {
            RunReport report = run(
                    scenario(
                            server.url(),
                            "POST",
                            new ExecutorSpec.ConstantArrivalRate(
                                    20, Duration.ofSeconds(1), Duration.ofSeconds(1), 3, 3),
                            Duration.ZERO),
                    new ByteArrayOutputStream());

            assertThat(report.preparation().opened()).isEqualTo(3);
            assertThat(report.preparation().burstRequests()).isZero();
            assertThat(report.preparation().burstSkipped()).isEqualTo("POST requests");
            assertThat(server.requests()).isEqualTo(report.summary().total().count());
            assertThat(connectColumn()).isNotEmpty().allMatch("0"::equals);
        }
    }

    @Test
    void warmupIsMeasuredApartFromTheRunItsThresholdsAndItsJtl() throws Exception {
        try (StallingServer server = new StallingServer(0, 0)) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            RunReport report = run(
                    scenario(
                            server.url(),
                            "GET",
                            new ExecutorSpec.ConstantArrivalRate(
                                    30, Duration.ofSeconds(1), Duration.ofSeconds(1), 3, 10),
                            Duration.ofSeconds(1)),
                    console);

            // One schedule at 30/s: exactly 30 iterations due in the warm-up second and 30 in the measured one,
            // each counted in the phase of its intended start (ran, or dropped if still queued at the end).
            assertThat(report.warmup().total().count() + report.warmup().dropped())
                    .isEqualTo(30);
            assertThat(report.summary().total().count() + report.summary().dropped())
                    .isEqualTo(30);
            assertThat(report.warmup().total().count()).isPositive();
            List<String> jtl = Files.readAllLines(dir.resolve("results.jtl"));
            assertThat(jtl).hasSize(1 + (int) report.summary().total().count());
            // The JTL's time stamps (intended starts) are all in the measured phase.
            assertThat(jtl.stream().skip(1).mapToLong(line -> Long.parseLong(line.substring(0, line.indexOf(',')))))
                    .allMatch(t -> t >= report.startEpochMillis() - 1);
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .contains("Warm-up (apart)")
                    .contains("not in Total, the thresholds or results.jtl");
            String json = Files.readString(dir.resolve("summary.json"));
            assertThat(json).contains("\"warmup\"").contains("\"percentileMethod\"");
        }
    }

    @Test
    void secondsInWhichTheGeneratorFellBehindItsScheduleAreFlagged() throws Exception {
        // One VU at 50/s against a server that stalls 400 ms in every second: iterations queue behind
        // the stall, so sends run hundreds of ms behind their intended times.
        try (StallingServer server = new StallingServer(1_000, 400)) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            RunReport report = run(
                    scenario(
                            server.url(),
                            "GET",
                            new ExecutorSpec.ConstantArrivalRate(
                                    50, Duration.ofSeconds(1), Duration.ofSeconds(3), 1, 1),
                            Duration.ZERO),
                    console);

            BehindSchedule behind = report.behindSchedule();
            assertThat(behind.seconds()).isNotEmpty();
            assertThat(behind.seconds()).allMatch(s -> s.maxSendLagMs() > behind.boundMs() || s.dropped() > 0);
            assertThat(behind.seconds().stream()
                            .mapToDouble(BehindSchedule.Second::maxSendLagMs)
                            .max()
                            .orElse(0))
                    .isGreaterThan(100.0);
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("The generator fell behind its schedule");
            assertThat(Files.readString(dir.resolve("summary.json")))
                    .contains("\"behindSchedule\"")
                    .contains("\"maxSendLagMs\"");
        }
    }

    @Test
    void theClosedModelHasNoScheduleToFallBehind() throws Exception {
        try (StallingServer server = new StallingServer(0, 0)) {
            RunReport report = run(
                    scenario(
                            server.url(),
                            "GET",
                            new ExecutorSpec.ConstantVus(2, Duration.ofMillis(500)),
                            Duration.ZERO),
                    new ByteArrayOutputStream());

            assertThat(report.behindSchedule()).isNull();
            assertThat(report.preparation().opened()).isEqualTo(2);
        }
    }
}
