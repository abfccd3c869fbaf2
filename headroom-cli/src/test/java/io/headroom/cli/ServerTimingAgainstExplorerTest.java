package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.ExplorerServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Explorer with {@code HEADROOM_SERVER_TIMING=token}: only the metrics token's holder gets the breakdown, and
 * {@code headroom load --header} with that token writes it into the JTL, which {@code analyze} splits.
 */
class ServerTimingAgainstExplorerTest {
    private static final String BEARER = "Bearer " + ExplorerInProcess.METRICS_TOKEN;

    @TempDir
    static Path dir;

    private static ExplorerServer explorer;
    private static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        explorer = ExplorerInProcess.start(dir.resolve("explorer"), 10, Map.of("HEADROOM_SERVER_TIMING", "token"));
        baseUrl = "http://127.0.0.1:" + explorer.port();
    }

    @AfterAll
    static void stop() {
        if (explorer != null) {
            explorer.close();
        }
    }

    @Test
    void onlyTheTokenHolderSeesTheTimings() throws Exception {
        // HTTP/1.1 as the load tool speaks it (the JDK client's h2c upgrade got RST_STREAM once on a loaded machine)
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI list = URI.create(baseUrl + "/api/v1/datasets?limit=3");
        HttpResponse<String> anonymous =
                http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.headers().firstValue("Server-Timing")).isEmpty();
        assertThat(anonymous.headers().firstValue("X-Request-Id")).isEmpty();

        HttpResponse<String> holder = http.send(
                HttpRequest.newBuilder(list)
                        .header("Authorization", BEARER)
                        .header("X-Request-Id", "run-1.req-9")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(holder.statusCode()).isEqualTo(200);
        assertThat(holder.headers().firstValue("Server-Timing").orElseThrow())
                .matches("db;dur=\\d+\\.\\d\\d, app;dur=\\d+\\.\\d\\d, cache;desc=(hit|miss)");
        assertThat(holder.headers().firstValue("X-Request-Id")).contains("run-1.req-9");
    }

    @Test
    void loadRecordsTheServersFiguresAndAnalyzeSplitsTheLatency() throws Exception {
        Path out = dir.resolve("run");
        CommandRun run = CommandRun.of(
                "load",
                "--url",
                baseUrl + "/api/v1/datasets?limit=5",
                "--header",
                "Authorization: " + BEARER,
                "--rate",
                "20/s",
                "--duration",
                "2s",
                "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<String> rows = Files.readAllLines(out.resolve("results.jtl"));
        assertThat(rows.size()).isGreaterThan(1);
        for (String row : rows.subList(1, rows.size())) {
            // the last two columns: app and db milliseconds as the service reported them
            assertThat(row).matches(".*,\\d+\\.\\d{3},\\d+\\.\\d{3}");
        }

        CommandRun analyzed =
                CommandRun.of("analyze", out.resolve("results.jtl").toString());
        assertThat(analyzed.exitCode()).as(analyzed.err()).isZero();
        assertThat(analyzed.out())
                .contains("Latency split")
                .contains("/api/v1/datasets?limit=5")
                .contains(">= p99");
    }

    @Test
    void aHeaderThatIsNotNameColonValueIsRefused() {
        CommandRun run = CommandRun.of(
                "load", "--url", baseUrl + "/api/health", "--header", "no colon", "--rate", "1/s", "--duration", "1s");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--header 'no colon': expected 'Name: value'");
    }
}
