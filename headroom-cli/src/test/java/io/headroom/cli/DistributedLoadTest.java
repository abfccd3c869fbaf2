package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.explorer.ExplorerServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed load: three real {@code headroom load --segment i/3} processes against the real Explorer,
 * merged with {@code headroom merge}, against one process running the whole scenario. The scenario ramps
 * its arrival rate, so the split has to hold at every moment, not only on average.
 */
class DistributedLoadTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** 12/s rising to 24/s over 2 s, then 24/s for 2 s: (12+24)/2 × 2 + 24 × 2 = 84 iterations. */
    private static final String SCENARIO = """
            name: distributed
            baseUrl: %s
            requests:
              - label: list datasets
                path: /api/v1/datasets?limit=20
                checks:
                  - status: 200
              - label: quick stats
                path: /api/v1/stats/quick
                checks:
                  - status: 200
            executor:
              type: ramping-arrival-rate
              startRate: 12
              stages:
                - duration: 2s
                  target: 24
                - duration: 2s
                  target: 24
              preAllocatedVUs: 6
              maxVUs: 60
            thresholds:
              - p(95)<60000
              - rate<0.5
            """;

    private static final int SCHEDULED = 84;

    @TempDir
    static Path dir;

    private static ExplorerServer explorer;
    private static Path scenario;

    @BeforeAll
    static void start() throws Exception {
        explorer = ExplorerInProcess.start(dir.resolve("explorer"), 20, Map.of());
        scenario = dir.resolve("scenario.yaml");
        Files.writeString(scenario, SCENARIO.formatted("http://127.0.0.1:" + explorer.port()));
    }

    @AfterAll
    static void stop() {
        if (explorer != null) {
            explorer.close();
        }
    }

    @Test
    void threeSegmentsMergedMakeTheWholeRunWithPercentilesOfTheRawValues() throws Exception {
        List<Process> segments = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            segments.add(headroom(
                    "segment-" + i,
                    "load",
                    scenario.toString(),
                    "--segment",
                    i + "/3",
                    "--out",
                    dir.resolve("seg" + i).toString()));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(exitOf(segments.get(i))).as(log("segment-" + i)).isZero();
        }
        Process whole = headroom(
                "whole",
                "load",
                scenario.toString(),
                "--out",
                dir.resolve("whole").toString());
        assertThat(exitOf(whole)).as(log("whole")).isZero();

        // Each segment ran exactly a third of the schedule (84 / 3); an iteration that could not start in time on a
        // starved machine is counted as dropped, so what was scheduled is count + dropped.
        long segmentCounts = 0;
        long segmentErrors = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode s = summary(dir.resolve("seg" + i));
            assertThat(s.at("/segment").asText()).isEqualTo(i + "/3");
            assertThat(s.at("/total/count").asLong() + s.at("/dropped").asLong())
                    .isEqualTo(SCHEDULED / 3);
            segmentCounts += s.at("/total/count").asLong();
            segmentErrors += s.at("/total/errors").asLong();
        }

        CommandRun merged = CommandRun.of(
                "merge",
                dir.resolve("seg0").toString(),
                dir.resolve("seg1").toString(),
                dir.resolve("seg2").toString(),
                "--out",
                dir.resolve("merged").toString());
        assertThat(merged.exitCode()).as(merged.out() + merged.err()).isZero();
        assertThat(merged.out()).contains("PASSED").contains("p(95)<60000");

        JsonNode m = summary(dir.resolve("merged"));
        JsonNode w = summary(dir.resolve("whole"));
        // Totals: the three segments together are exactly the whole scenario, iteration for iteration.
        assertThat(m.at("/total/count").asLong() + m.at("/dropped").asLong()).isEqualTo(SCHEDULED);
        assertThat(w.at("/total/count").asLong() + w.at("/dropped").asLong()).isEqualTo(SCHEDULED);
        assertThat(m.at("/total/count").asLong()).isEqualTo(segmentCounts);
        assertThat(m.at("/total/errors").asLong()).isEqualTo(segmentErrors);
        assertThat(m.at("/thresholds")).hasSize(2);

        // The merged JTL holds every request once; its per-label counts are the merged summary's.
        List<Long> elapsed = new ArrayList<>();
        Map<String, Long> perLabel = new HashMap<>();
        List<String> rows = Files.readAllLines(dir.resolve("merged/results.jtl"));
        assertThat(rows.getFirst()).startsWith("timeStamp,elapsed,label");
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            elapsed.add(Long.parseLong(f[1]));
            perLabel.merge(f[2], 1L, Long::sum);
        }
        assertThat((long) elapsed.size()).isEqualTo(segmentCounts);
        perLabel.forEach((label, n) -> assertThat(
                        m.at("/labels/" + label.replace("/", "~1") + "/count").asLong())
                .as(label)
                .isEqualTo(n));

        // Percentiles of the merged histograms are those of all the raw values, within HdrHistogram's precision:
        // the JTL holds whole milliseconds (truncated), the histograms microseconds to 3 significant digits
        // (a bucket's highest value), so raw <= merged < (raw + 1 ms) × 1.001.
        long[] raw = elapsed.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Double> percentiles =
                Map.of("med", 50.0, "p90", 90.0, "p95", 95.0, "p99", 99.0, "p999", 99.9, "max", 100.0);
        percentiles.forEach((field, p) -> {
            long exact = raw[(int) Math.max(0, Math.ceil(p / 100 * raw.length) - 1)];
            double fromHistograms = m.at("/total/" + field).asDouble();
            assertThat(fromHistograms)
                    .as(field + " (raw " + exact + " ms)")
                    .isGreaterThanOrEqualTo((double) exact)
                    .isLessThan((exact + 1) * 1.001);
        });

        // Thresholds are evaluated on the merged histograms: a limit below the merged median fails the merge.
        CommandRun strict = CommandRun.of(
                "merge",
                dir.resolve("seg0").toString(),
                dir.resolve("seg1").toString(),
                dir.resolve("seg2").toString(),
                "--out",
                dir.resolve("strict").toString(),
                "--threshold",
                "p(50)<0.001");
        assertThat(strict.exitCode()).isEqualTo(99);
        JsonNode failed = summary(dir.resolve("strict")).at("/thresholds/2");
        assertThat(failed.at("/threshold").asText()).isEqualTo("p(50)<0.001");
        assertThat(failed.at("/actual").asDouble()).isEqualTo(m.at("/total/med").asDouble());
        assertThat(failed.at("/passed").asBoolean()).isFalse();
    }

    @Test
    void aMissingSegmentIsRefused() throws Exception {
        Process only = headroom(
                "only",
                "load",
                scenario.toString(),
                "--segment",
                "1/2",
                "--duration",
                "1s",
                "--out",
                dir.resolve("half").toString());
        assertThat(exitOf(only)).as(log("only")).isZero();

        CommandRun run = CommandRun.of(
                "merge",
                dir.resolve("half").toString(),
                "--out",
                dir.resolve("x").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("segment 0/2 missing");
    }

    @Test
    void badSegmentsAreUsageErrors() {
        for (String bad : List.of("3/3", "1", "-1/2", "a/b")) {
            CommandRun run = CommandRun.of(
                    "load",
                    "--url",
                    "http://127.0.0.1:1/",
                    "--rate",
                    "1/s",
                    "--segment",
                    bad,
                    "--out",
                    dir.resolve("bad").toString());
            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.err()).as(bad).contains("--segment").contains("0 <= i < n");
        }
    }

    /** {@code headroom ARGS} as a separate JVM on this test's class path (the real CLI, one process per segment). */
    private static Process headroom(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.headroom.cli.HeadroomCommand"));
        command.addAll(Arrays.asList(args));
        File logFile = dir.resolve(name + ".log").toFile();
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile)
                .start();
    }

    private static int exitOf(Process p) throws InterruptedException {
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("a load process did not finish in 180 s");
        }
        return p.exitValue();
    }

    private static String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static JsonNode summary(Path out) throws IOException {
        return MAPPER.readTree(out.resolve("summary.json").toFile());
    }
}
