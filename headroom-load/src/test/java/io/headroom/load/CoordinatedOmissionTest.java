package io.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.load.measure.LabelSummary;
import io.headroom.load.output.RunReport;
import io.headroom.load.scenario.ExecutorSpec;
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

/**
 * The wrk2 stall experiment: a constant rate over one connection against a server that stalls 1 s in
 * every 5 s. Requests due during a stall queue behind it; measured from their intended send time they
 * show the stall (wrk2's corrected p99 ≈ 0.9–0.95 s), while their service time (from the actual send)
 * does not, because only the one request in flight when the stall began waited on the server.
 */
class CoordinatedOmissionTest {

    @Test
    void responseTimeP99ShowsServerStallsWhileServiceTimeP99DoesNot() throws Exception {
        try (StallingServer server = new StallingServer(5_000, 1_000)) {
            Scenario scenario = new Scenario("stall", URI.create(server.url()), Map.of(),
                    List.of(new RequestSpec("get", RequestSpec.Type.HTTP, 1, "GET", Template.of("/"), Map.of(), null,
                            List.of(), null, List.of(), null)),
                    Map.of(), new ExecutorSpec.ConstantArrivalRate(100, Duration.ofSeconds(1), Duration.ofSeconds(10), 1, 1),
                    List.of(), Duration.ZERO, Duration.ofSeconds(30), null);
            ByteArrayOutputStream console = new ByteArrayOutputStream();

            RunReport report = LoadRun.execute(scenario, RunOptions.defaults(), new PrintStream(console, true));

            LabelSummary total = report.summary().total();
            System.out.println(console);
            System.out.printf("stall test: requests=%d dropped=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f | service p50=%.1f p99=%.1f max=%.1f ms%n",
                    total.count(), report.summary().dropped(), total.med(), total.p90(), total.p99(), total.max(), total.serviceP50(),
                    total.serviceP99(), total.serviceMax());
            // 10 s at 100/s is exactly 1000 scheduled iterations, one at a time on the single VU. Those still
            // queued behind a stall when the 10 s are over never start: they are dropped, not lost.
            assertThat(total.count() + report.summary().dropped()).isEqualTo(1000);
            assertThat(total.count()).isGreaterThan(500);
            assertThat(total.errors()).isZero();
            // At least one full 1 s stall fell inside the run; the queue behind it is in the p99.
            assertThat(total.p99()).isGreaterThan(700.0);
            assertThat(total.max()).isGreaterThan(900.0);
            // Only the request caught by each stall waited on the server: a handful out of ~1000.
            assertThat(total.serviceP99()).isLessThan(total.p99() / 3);
            assertThat(total.serviceMax()).isGreaterThan(500.0);
        }
    }
}
