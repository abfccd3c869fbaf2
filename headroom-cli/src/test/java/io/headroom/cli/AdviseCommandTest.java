package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom advise} on a ramp's summary.json whose numbers are chosen so each recommendation can be
 * worked out by hand: 2 instances, the rate climbing 100 req/s per second, p95 10 ms until 1000 req/s
 * and 900 ms from 1100 req/s on, CPU 40 % of 4 cores and 3 busy connections per instance at 1000 req/s.
 */
class AdviseCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path ramp() throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.put("executor", "ramping-arrival-rate (max 1000 VUs)");
        ArrayNode series = root.putArray("series");
        ObjectNode server = root.putObject("server");
        ArrayNode timeline = server.putArray("timeline");
        ArrayNode instances = server.putArray("instances");
        instances.addObject().put("statsUrl", "a");
        instances.addObject().put("statsUrl", "b");
        for (int s = 1; s <= 15; s++) {
            double rps = 100 * s;
            series.addObject()
                    .put("elapsedSeconds", s)
                    .put("rps", rps)
                    .put("errorsPerSecond", 0)
                    .put("p95", rps <= 1000 ? 10 : 900);
            for (String instance : new String[] {"a", "b"}) {
                ObjectNode p = timeline.addObject()
                        .put("instance", instance)
                        .put("elapsedSeconds", s)
                        .put("cpu", rps <= 1000 ? 0.4 * rps / 1000 : 0.95);
                p.putObject("pool").put("active", rps <= 1000 ? 3.0 * rps / 1000 : 10);
                p.putObject("db").put("timeMsPerRequest", 6.0);
            }
        }
        Path file = dir.resolve("summary.json");
        Files.writeString(file, root.toString());
        return file;
    }

    @Test
    void recommendsFromTheKneeWithItsReasoning() throws Exception {
        CommandRun run = CommandRun.of(
                "advise",
                "--summary",
                ramp().toString(),
                "--target-rate",
                "2000/s",
                "--p95-goal",
                "300",
                "--margin",
                "30%",
                "--instance-cores",
                "4",
                "--cpu-request",
                "1",
                "--max-connections",
                "100",
                "--reserved-connections",
                "10",
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = JSON.readTree(run.out()).path("recommendations");
        // Knee: the best 3-second window within the goal is seconds 8-10, a mean of 900 req/s over 2 instances.
        assertThat(r.path("capacityPerInstance").asDouble()).isEqualTo(450.0);
        // 2000 / (450 x 0.7 = 315) = 6.35 -> 7; max x 2 = 14.
        assertThat(r.path("plannedPerInstance").asDouble()).isEqualTo(315.0, Offset.offset(1e-9));
        assertThat(r.path("minReplicas").asInt()).isEqualTo(7);
        assertThat(r.path("maxReplicas").asInt()).isEqualTo(14);
        // Pool: (100 - 10) / 14 = 6 per pod; busy at the knee: mean of 2.4, 2.7 and 3.0 = 2.7, x 2 -> 6, at least
        // 4 cores x 2 + 1 = 9: the budget of 6 wins, and the reasoning says what to do about it.
        assertThat(r.path("dbPoolBudgetPerInstance").asInt()).isEqualTo(6);
        assertThat(r.path("dbPoolMax").asInt()).isEqualTo(6);
        assertThat(r.path("hpaRequestsPerPod").asLong()).isEqualTo(315);
        assertThat(r.path("hpaP95Millis").asLong()).isEqualTo(300);
        // CPU: 36 % (mean of 32, 36, 40) of 4 cores = 1.44 cores, x 0.7 = 1.008 of a 1-core request -> 101 %.
        assertThat(r.path("hpaCpuUtilisation").asInt()).isEqualTo(101);
        assertThat(JSON.readTree(run.out()).path("reasoning").toString()).contains("PgBouncer");
    }

    @Test
    void printsTheReasoningAndAnHpaPatch() throws Exception {
        CommandRun text = CommandRun.of(
                "advise",
                "--summary",
                ramp().toString(),
                "--target-rate",
                "2000",
                "--p95-goal",
                "300",
                "--instance-cores",
                "4");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out())
                .contains("knee: 900 req/s over seconds 7-10")
                .contains("Replicas: 2000 req/s")
                .contains("DB_POOL_MAX")
                .contains("Redis: no cache working set measured");

        CommandRun patch = CommandRun.of(
                "advise",
                "--summary",
                ramp().toString(),
                "--target-rate",
                "2000",
                "--p95-goal",
                "300",
                "--instance-cores",
                "4",
                "--hpa-patch");
        assertThat(patch.out())
                .contains("kind: HorizontalPodAutoscaler")
                .contains("minReplicas: 7")
                .contains("averageValue: \"315\"")
                .contains("averageValue: 300m");
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        CommandRun none = CommandRun.of("advise", "--target-rate", "100");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--summary");
        CommandRun margin =
                CommandRun.of("advise", "--summary", ramp().toString(), "--target-rate", "100", "--margin", "lots");
        assertThat(margin.exitCode()).isEqualTo(2);
        assertThat(margin.err()).contains("--margin 'lots'");
        Files.writeString(dir.resolve("bad.json"), "{\"series\":[]}");
        CommandRun bad =
                CommandRun.of("advise", "--summary", dir.resolve("bad.json").toString(), "--target-rate", "100");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("time series");
    }
}
