package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.explorer.ExplorerServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diagnosis end to end on the real Explorer, started in-process: a monitored run prints it, writes it into
 * summary.json and report.html, and {@code analyze --server} gives the same from the saved summary; a run
 * against a service without the stats document is diagnosed client-side and says so. Which cause comes first
 * under an injected fault is checked by bench/diagnose-faults.sh (each fault needs its own JVM or the machine),
 * and the scoring by DiagnoserTest.
 */
class DiagnosisAgainstExplorerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    private static ExplorerServer explorer;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        // cache off: every request runs its statements, so the run's statements are there to tie to routes
        explorer = ExplorerInProcess.start(
                dir.resolve("explorer"),
                10,
                Map.of("HEADROOM_RESOURCE_SAMPLE_INTERVAL", "1s", "CACHE_ENABLED", "false"));
        base = "http://127.0.0.1:" + explorer.port();
    }

    @AfterAll
    static void stop() {
        if (explorer != null) {
            explorer.close();
        }
    }

    @Test
    void aMonitoredRunIsDiagnosedWithServerFiguresInTextJsonAndHtmlAndAnalyzeAgrees() throws Exception {
        Path out = dir.resolve("monitored");
        CommandRun run = CommandRun.of(
                "load",
                "--url",
                base + "/api/v1/datasets?limit=5",
                "--rate",
                "20/s",
                "--duration",
                "4s",
                "--monitor",
                base,
                "--monitor-token",
                ExplorerInProcess.METRICS_TOKEN,
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        JsonNode diagnosis = summary.path("diagnosis");
        assertThat(diagnosis.path("serverSide").asBoolean()).as(run.out()).isTrue();
        assertThat(diagnosis.has("note")).isFalse();
        assertThat(run.out()).contains("Diagnosis (client and server correlated)");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<h2>Diagnosis</h2>");
        // the statements the service ran during the run, tied to the one route that ran
        JsonNode statements = summary.path("server").path("statements");
        assertThat(statements.size()).as(summary.path("server").toString()).isPositive();
        assertThat(statements.get(0).path("routes").get(0).asText()).isEqualTo("GET /api/v1/datasets");

        CommandRun again =
                CommandRun.of("analyze", "--server", out.resolve("summary.json").toString(), "--json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode fromFile = MAPPER.readTree(again.out());
        assertThat(fromFile.path("findings")).isEqualTo(diagnosis.path("findings"));
    }

    @Test
    void withoutTheStatsDocumentTheDiagnosisIsClientSideAndSaysSo() throws Exception {
        Path out = dir.resolve("client-only");
        CommandRun run = CommandRun.of(
                "load",
                "--url",
                base + "/api/health",
                "--rate",
                "10/s",
                "--duration",
                "2s",
                "--monitor",
                base + "/no/such/api/performance/stats",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Note: client-side analysis only: no monitored instance gave a server timeline");
        JsonNode diagnosis =
                MAPPER.readTree(out.resolve("summary.json").toFile()).path("diagnosis");
        assertThat(diagnosis.path("serverSide").asBoolean()).isFalse();

        CommandRun analyzed =
                CommandRun.of("analyze", "--server", out.resolve("summary.json").toString());
        assertThat(analyzed.out()).contains("client-side analysis only");
    }

    @Test
    void analyzeServerRefusesWhatIsNotASummary() throws Exception {
        Path notSummary = dir.resolve("x.json");
        Files.writeString(notSummary, "{\"a\":1}");

        CommandRun run = CommandRun.of("analyze", "--server", notSummary.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a headroom load summary.json");
    }
}
