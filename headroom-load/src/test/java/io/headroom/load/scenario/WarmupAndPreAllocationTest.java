package io.headroom.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupAndPreAllocationTest {

    @TempDir
    Path dir;

    private Scenario parse(String executor, String extra) throws IOException {
        Path file = dir.resolve("s.yaml");
        Files.writeString(
                file, "baseUrl: http://127.0.0.1:1\nrequests:\n  - path: /\n" + extra + "executor:\n" + executor);
        return ScenarioParser.parse(file);
    }

    @Test
    void preAllocatedVusDefaultToTheOpeningRateTimesTheExpectedLatency() throws IOException {
        Scenario constant = parse("  type: constant-arrival-rate\n  rate: 2000\n  duration: 1m\n  maxVUs: 5000\n", "");
        Scenario perMinute = parse("  type: constant-arrival-rate\n  rate: 600\n  timeUnit: 1m\n  duration: 1m\n", "");
        Scenario ramping = parse(
                "  type: ramping-arrival-rate\n  startRate: 0\n  maxVUs: 20\n  stages:\n"
                        + "    - {duration: 1m, target: 500}\n",
                "");
        Scenario explicit =
                parse("  type: constant-arrival-rate\n  rate: 2000\n  duration: 1m\n  preAllocatedVUs: 7\n", "");

        // 2,000/s × 100 ms = 200 connections; 600/min = 10/s → 1; ramping from 0: its first target, capped by maxVUs.
        assertThat(((ExecutorSpec.ConstantArrivalRate) constant.executor()).preAllocatedVus())
                .isEqualTo(200);
        assertThat(((ExecutorSpec.ConstantArrivalRate) perMinute.executor()).preAllocatedVus())
                .isEqualTo(1);
        assertThat(((ExecutorSpec.RampingArrivalRate) ramping.executor()).preAllocatedVus())
                .isEqualTo(20);
        assertThat(((ExecutorSpec.ConstantArrivalRate) explicit.executor()).preAllocatedVus())
                .isEqualTo(7);
        assertThat(QuickScenario.of("http://h/", "2000/s", null, "10s", List.of())
                        .executor())
                .isEqualTo(new ExecutorSpec.ConstantArrivalRate(
                        2000, Duration.ofSeconds(1), Duration.ofSeconds(10), 200, 2000));
    }

    @Test
    void warmupIsReadFromTheFileAndOverriddenFromTheCommandLine() throws IOException {
        Scenario s = parse("  type: constant-vus\n  vus: 2\n  duration: 10s\n", "warmup: 5s\n");

        assertThat(s.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ScenarioOverrides.withWarmup(s, "1m").warmup()).isEqualTo(Duration.ofMinutes(1));
        assertThat(parse("  type: constant-vus\n  vus: 2\n  duration: 10s\n", "")
                        .warmup())
                .isZero();
        assertThatThrownBy(() -> parse("  type: constant-vus\n  vus: 2\n  duration: 10s\n", "warmup: soon\n"))
                .hasMessageContaining("s.yaml:4");
    }

    @Test
    void aWarmupPrecedesTheScheduleAtTheLevelItOpensWith() {
        Duration w = Duration.ofSeconds(10);
        List<ExecutorSpec.Stage> ramp = List.of(new ExecutorSpec.Stage(Duration.ofSeconds(60), 50));

        assertThat(new ExecutorSpec.ConstantVus(4, Duration.ofSeconds(30)).withWarmup(w))
                .isEqualTo(new ExecutorSpec.ConstantVus(4, Duration.ofSeconds(40)));
        assertThat(new ExecutorSpec.ConstantArrivalRate(100, Duration.ofSeconds(1), Duration.ofSeconds(30), 10, 50)
                        .withWarmup(w))
                .isEqualTo(new ExecutorSpec.ConstantArrivalRate(
                        100, Duration.ofSeconds(1), Duration.ofSeconds(40), 10, 50));
        // Starts at 5/s: 10 s at 5/s, then the original ramp from 5 to 50.
        assertThat(new ExecutorSpec.RampingArrivalRate(5, Duration.ofSeconds(1), ramp, 2, 60).withWarmup(w))
                .isEqualTo(new ExecutorSpec.RampingArrivalRate(
                        5, Duration.ofSeconds(1), List.of(new ExecutorSpec.Stage(w, 5), ramp.get(0)), 2, 60));
        // Starts at 0 VUs: warms up at the first target, which that stage then holds.
        assertThat(new ExecutorSpec.RampingVus(0, ramp).withWarmup(w))
                .isEqualTo(new ExecutorSpec.RampingVus(50, List.of(new ExecutorSpec.Stage(w, 50), ramp.get(0))));
        assertThat(new ExecutorSpec.ConstantVus(4, Duration.ofSeconds(30)).withWarmup(Duration.ZERO))
                .isEqualTo(new ExecutorSpec.ConstantVus(4, Duration.ofSeconds(30)));
    }
}
