package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.testing.Await;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code headroom serve} as a user meets it: the lines it prints, and one line when it cannot start. */
@Timeout(180)
class ServeCommandTest {
    @TempDir
    Path dir;

    private static Map<String, String> quietStart(Map<String, String> extra) {
        Map<String, String> env =
                new HashMap<>(Map.of("HEADROOM_SAMPLE_DATASETS", "0", "HEADROOM_REFRESH_INTERVAL", "off"));
        env.putAll(extra);
        return env;
    }

    @Test
    void aTakenPortIsOneLineWithTheReasonAndExit1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            try (ServeProcess serve = ServeProcess.start(
                    dir,
                    quietStart(Map.of()),
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(port),
                    "--data-dir",
                    dir.resolve("data").toString())) {
                assertThat(serve.awaitExit()).isEqualTo(1);
                assertThat(serve.stderrLines())
                        .as("no Helidon stack above the message")
                        .containsExactly("headroom serve: Cannot listen on 127.0.0.1:" + port
                                + ": Address already in use (HEADROOM_PORT or serve --port chooses another port)");
                assertThat(serve.stdoutLines()).noneMatch(line -> line.contains("is up"));
            }
        }
    }

    @Test
    void anUnreachableDatabaseKeepsTheServiceUpNotReadyRetryingWithOneLinePerAttemptAndThePasswordMasked()
            throws Exception {
        try (ServeProcess serve = ServeProcess.start(
                dir,
                quietStart(Map.of(
                        "DATABASE_URL",
                        "jdbc:postgresql://127.0.0.1:1/x?user=u&password=secret",
                        "HEADROOM_START_RETRY_MAX",
                        "200ms")),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString())) {
            String up = serve.awaitLine("Data Lake Explorer is up");
            assertThat(up).contains("waiting for the catalog database");
            String base = up.replaceFirst("^Data Lake Explorer is up on (http://\\S+/) .*$", "$1");
            HttpClient http = HttpClient.newHttpClient();
            assertThat(get(http, base + "api/health").statusCode()).isEqualTo(200);
            assertThat(get(http, base + "api/health/ready").statusCode()).isEqualTo(503);
            Await.until(
                    Duration.ofSeconds(60),
                    "three retries logged",
                    () -> serve.stderrLines().stream()
                                    .filter(line -> line.contains("The catalog database is not available (attempt"))
                                    .count()
                            >= 3);
            serve.close();
            List<String> retries = serve.stderrLines().stream()
                    .filter(line -> line.contains("is not available (attempt"))
                    .toList();
            assertThat(retries.getFirst())
                    .contains("(attempt 1)")
                    .contains("refused")
                    .contains("jdbc:postgresql://127.0.0.1:1/x?user=u&password=***");
            assertThat(String.join("\n", serve.stderrLines()))
                    .doesNotContain("secret")
                    .doesNotContainIgnoringCase("flyway");
            assertThat(String.join("\n", serve.stdoutLines())).doesNotContain("secret");
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSecondServeOnTheSameDataDirectoryIsOneLineWhileTheFirstRunsOn() throws Exception {
        Path data = dir.resolve("data");
        try (ServeProcess first = ServeProcess.start(
                dir,
                quietStart(Map.of()),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                data.toString())) {
            String up = first.awaitLine("Data Lake Explorer is up");
            assertThat(up).matches("Data Lake Explorer is up on http://127\\.0\\.0\\.1:\\d+/ .*");
            assertThat(first.stdoutLines().getFirst())
                    .startsWith("Starting the Data Lake Explorer: lake "
                            + data.toAbsolutePath().resolve("lake") + ", catalog in the H2 file "
                            + data.toAbsolutePath().resolve("catalog"));

            try (ServeProcess second = ServeProcess.start(
                    dir,
                    quietStart(Map.of()),
                    "serve",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--data-dir",
                    data.toString())) {
                assertThat(second.awaitExit()).isEqualTo(1);
                assertThat(second.stderrLines())
                        .containsExactly("headroom serve: The catalog database "
                                + data.toAbsolutePath().resolve("catalog")
                                + ".mv.db is in use by another process (another "
                                + "'headroom serve' on the same data directory?): stop that one, or give this one another "
                                + "data directory (--data-dir or HEADROOM_DATA_DIR).");
            }
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsOneLineAndExit1() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        CommandRun run = CommandRun.of("serve", "--port", "0", "--data-dir", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("headroom serve: Cannot open the lake directory " + file.resolve("lake"))
                .contains("(HEADROOM_LAKE_DIR)")
                .hasLineCount(1);
    }

    @Test
    void startUpLogsCarryNoLibraryChatter() throws Exception {
        try (ServeProcess serve = ServeProcess.start(
                dir,
                quietStart(Map.of("HEADROOM_SAMPLE_DATASETS", "3")),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--data-dir",
                dir.resolve("data").toString())) {
            serve.awaitLine("Data Lake Explorer is up");
            serve.close(); // stderr is complete once the process has ended
            String stderr = String.join("\n", serve.stderrLines());
            assertThat(stderr).as("the service's own log").contains("Generated a sample lake of 3 datasets");
            assertThat(stderr)
                    .doesNotContain("flyway")
                    .doesNotContain("+----")
                    .doesNotContain("Helidon")
                    .doesNotContain("HikariDataSource")
                    .doesNotContain("There is no Helidon logging");
        }
    }
}
