package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.explorer.ExplorerServer;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.toolkit.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real Explorer started in-process on a fresh sample lake, returned once its first refresh catalogued it. */
final class ExplorerInProcess {
    /** The service's HEADROOM_METRICS_TOKEN: it opens the monitoring routes ({@code --monitor-token}). */
    static final String METRICS_TOKEN = "in-process-metrics-token";

    private ExplorerInProcess() {}

    static ExplorerServer start(Path dataDir, int datasets, Map<String, String> moreSettings) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "HEADROOM_HOST",
                "127.0.0.1",
                "HEADROOM_PORT",
                "0",
                "HEADROOM_DATA_DIR",
                dataDir.toString(),
                "HEADROOM_SAMPLE_DATASETS",
                Integer.toString(datasets),
                "HEADROOM_METRICS_TOKEN",
                METRICS_TOKEN,
                "HEADROOM_RATE_LIMITS",
                "off")); // load tests send far more than a client's quota
        settings.putAll(moreSettings);
        ExplorerServer explorer = ExplorerServer.start(ExplorerConfig.from(new Settings(settings)));
        URI quickStats = URI.create("http://127.0.0.1:" + explorer.port() + "/api/v1/stats/quick");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (new ObjectMapper()
                        .readTree(http.send(
                                        HttpRequest.newBuilder(quickStats).build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body())
                        .path("totalCount")
                        .asInt()
                < datasets) {
            assertThat(System.nanoTime())
                    .as("the first refresh catalogues the sample lake")
                    .isLessThan(deadline);
            Thread.sleep(50); // polling interval of the wait, not a timing assumption
        }
        return explorer;
    }
}
