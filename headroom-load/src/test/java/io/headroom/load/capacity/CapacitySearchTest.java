package io.headroom.load.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.load.scenario.QuickScenario;
import io.headroom.load.scenario.Scenario;
import io.headroom.load.scenario.ScenarioException;
import io.headroom.load.scenario.Threshold;
import io.headroom.load.testing.SingleWorkerServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {

    /**
     * One worker, 10 ms per request: at most 100 requests/s. Above that the queue grows through the whole step and
     * the p99 with it, so no rate over 100/s can meet p(99)<100; at a third of that the queue is short.
     */
    @Test
    void findsTheKneeOfAServerWithAKnownCapacityWithinTheTimeLimit() throws Exception {
        try (SingleWorkerServer server = new SingleWorkerServer(10)) {
            Scenario base = QuickScenario.of(server.url(), "1/s", null, "1s", List.of());
            CapacitySettings settings = new CapacitySettings(List.of(Threshold.parse("p(99)<100"),
                    Threshold.parse("errors<0.1%")), 10, 1000, Duration.ofSeconds(3), Duration.ofSeconds(90), 0.10, 450);
            ByteArrayOutputStream console = new ByteArrayOutputStream();

            CapacityResult r = CapacitySearch.run(base, settings, true, new PrintStream(console, true, StandardCharsets.UTF_8));

            String log = console.toString(StandardCharsets.UTF_8);
            assertThat(r.knee()).as(log).isNotNull();
            assertThat(r.knee().offered()).as(log).isBetween(33, 100);
            assertThat(r.limit().offered()).as(log).isGreaterThan(r.knee().offered());
            assertThat(r.elapsedSeconds()).isLessThan(90);
            assertThat(r.limitingResource()).as(log).startsWith("the target's throughput saturates")
                    .contains("client-side only");
            assertThat(r.instancesNeeded()).isEqualTo((int) Math.ceil(450.0 / r.knee().offered()));
            assertThat(r.steps().getFirst().offered()).isEqualTo(10);
            assertThat(r.steps()).extracting(CapacityResult.Step::offered).contains(20, 40, 80);
            System.out.println(log);
            CapacityReport.print(r, System.out);
        }
    }

    @Test
    void aSearchWithoutGoalsIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CapacitySettings(List.of(), 10, 100,
                Duration.ofSeconds(3), Duration.ofMinutes(1), 0.1, 0)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("needs at least one --goal");
    }
}
