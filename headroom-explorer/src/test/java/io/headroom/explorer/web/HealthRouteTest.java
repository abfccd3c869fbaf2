package io.headroom.explorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.ExplorerServer;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.StoreLakeReader;
import io.headroom.explorer.lake.analysis.AnalysisLimits;
import io.headroom.toolkit.config.Settings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthRouteTest {

    @TempDir
    Path dataDir;

    @Test
    void livenessAnswersUpWithVersionAndUptime() throws Exception {
        ExplorerConfig config = ExplorerConfig.from(new Settings(Map.of(
                "HEADROOM_PORT",
                "0",
                "HEADROOM_HOST",
                "127.0.0.1",
                "HEADROOM_DATA_DIR",
                dataDir.toString(),
                "HEADROOM_SAMPLE_DATASETS",
                "0")));
        try (ExplorerServer server = ExplorerServer.start(config)) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
            assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"version\":\"0.1.0-SNAPSHOT\"");
        }
    }

    @Test
    void aTakenPortIsAClearStartFailureNotAServerOnPortMinusOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ExplorerConfig config = onPort(taken.getLocalPort());
            Assertions.assertThatThrownBy(() -> ExplorerServer.start(config))
                    .isInstanceOf(ExplorerServer.StartFailure.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("HEADROOM_PORT");
        }
        // Everything the failed start opened was closed: a second start in the same data directory works.
        ExplorerConfig config = ExplorerConfig.from(new Settings(Map.of(
                "HEADROOM_PORT",
                "0",
                "HEADROOM_HOST",
                "127.0.0.1",
                "HEADROOM_DATA_DIR",
                dataDir.toString(),
                "HEADROOM_SAMPLE_DATASETS",
                "0")));
        try (ExplorerServer server = ExplorerServer.start(config)) {
            assertThat(server.port()).isPositive();
        }
    }

    private ExplorerConfig onPort(int port) {
        return ExplorerConfig.from(new Settings(Map.of(
                "HEADROOM_PORT",
                String.valueOf(port),
                "HEADROOM_HOST",
                "127.0.0.1",
                "HEADROOM_DATA_DIR",
                dataDir.toString(),
                "HEADROOM_SAMPLE_DATASETS",
                "0")));
    }

    @Test
    void aPortTakenPastTheUpFrontCheckIsStillAOneLineStartFailure() throws Exception {
        // start(config, store, lake) skips the up-front check, as when the port is taken between it and the bind
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ExplorerConfig config = onPort(taken.getLocalPort());
            Files.createDirectories(config.lake().directory());
            var store = new LocalObjectStore(config.lake().directory());
            var lake = new StoreLakeReader(store, AnalysisLimits.withExactCountLimit(1024));
            Assertions.assertThatThrownBy(() -> ExplorerServer.start(config, store, lake))
                    .isInstanceOf(ExplorerServer.StartFailure.class)
                    .hasMessage("Cannot listen on 127.0.0.1:" + taken.getLocalPort()
                            + ": Address already in use (HEADROOM_PORT or serve --port chooses another port)");
        }
    }

    @Test
    void unknownRouteIsAProblemDocument() throws Exception {
        ExplorerConfig config = ExplorerConfig.from(new Settings(Map.of(
                "HEADROOM_PORT",
                "0",
                "HEADROOM_HOST",
                "127.0.0.1",
                "HEADROOM_DATA_DIR",
                dataDir.toString(),
                "HEADROOM_SAMPLE_DATASETS",
                "0")));
        try (ExplorerServer server = ExplorerServer.start(config)) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + server.port() + "/api/nothing-here"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
            assertThat(response.body()).contains("\"status\":404");
        }
    }
}
