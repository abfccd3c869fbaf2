package io.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.load.measure.LabelSummary;
import io.headroom.load.output.RunReport;
import io.headroom.load.scenario.ExecutorSpec;
import io.headroom.load.scenario.MonitorSpec;
import io.headroom.load.scenario.RequestSpec;
import io.headroom.load.scenario.Scenario;
import io.headroom.load.scenario.Template;
import io.headroom.load.testing.StallingServer;
import io.headroom.toolkit.testing.Await;
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

class RequestTimeoutTest {

    @TempDir
    Path dir;

    @Test
    void aServerThatNeverAnswersInTimeGivesTimeoutErrorsAndTheVuReconnects() throws Exception {
        // Stalls for the whole of every 60 s period: no response within the 300 ms timeout.
        try (StallingServer server = new StallingServer(60_000, 60_000)) {
            Scenario scenario = new Scenario(
                    "timeouts",
                    URI.create(server.url()),
                    Map.of(),
                    List.of(new RequestSpec(
                            "slow",
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
                    new ExecutorSpec.ConstantVus(1, Duration.ofMillis(1500)),
                    List.of(),
                    Duration.ZERO,
                    Duration.ofMillis(300),
                    null,
                    Duration.ZERO,
                    MonitorSpec.NONE);

            RunReport report = LoadRun.execute(
                    scenario, new RunOptions(dir, null, 0.1, false), new PrintStream(new ByteArrayOutputStream()));

            LabelSummary total = report.summary().total();
            assertThat(total.count()).isGreaterThanOrEqualTo(2);
            assertThat(total.errors()).isEqualTo(total.count());
            // Each timed-out request closed its connection; the next one opened a new connection (on a reused one
            // the server would never read it: its handler still holds the first). The server also got the warm-up
            // burst (unanswered as well), sent before time zero and in no figure. It counts a request when its
            // dispatcher gets to it, which on a loaded machine can be after the client has given up on it.
            long expected = total.count() + report.preparation().burstRequests();
            Await.until(
                    Duration.ofSeconds(10),
                    "the server saw all " + expected + " requests",
                    () -> server.requests() >= expected);
            assertThat(server.requests()).isEqualTo(expected);
            List<String> jtl = Files.readAllLines(dir.resolve("results.jtl"), StandardCharsets.UTF_8);
            assertThat(jtl.get(1)).contains(",SocketTimeoutException,").contains("no complete response within 300 ms");
            assertThat(total.min()).isGreaterThanOrEqualTo(300.0);
        }
    }
}
