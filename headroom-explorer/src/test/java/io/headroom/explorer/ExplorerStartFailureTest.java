package io.headroom.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.StoreLakeReader;
import io.headroom.explorer.lake.analysis.AnalysisLimits;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.testing.Await;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that fails half-way closes what it opened: no monitoring, cache, deadline or pool thread is
 * left running, the port is not held, and the data directory can be started on again.
 */
class ExplorerStartFailureTest {
    /** Threads the parts of a start run; each is stopped by its part's close. */
    private static final List<String> PART_THREADS = List.of(
            "headroom-monitoring",
            "http-connection-deadlines",
            "cache-maintenance",
            "cache-warmer",
            "catalog housekeeper",
            "catalog connection adder");

    @TempDir
    Path dataDir;

    @Test
    void aPortTakenAtTheBindLeavesNothingRunning() throws Exception {
        Map<String, Long> before = partThreads();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ExplorerConfig config = config(Map.of("HEADROOM_PORT", String.valueOf(taken.getLocalPort())));
            Files.createDirectories(config.lake().directory());
            LocalObjectStore store = new LocalObjectStore(config.lake().directory());
            // start(config, store, lake) skips the up-front port check: the failure comes from the server's bind,
            // after the pool, the migrations, monitoring, the cache and the refresh service were all built
            assertThatThrownBy(() -> ExplorerServer.start(
                            config, store, new StoreLakeReader(store, AnalysisLimits.withExactCountLimit(1024))))
                    .isInstanceOf(ExplorerServer.StartFailure.class)
                    .hasMessageContaining("Address already in use");
        }
        awaitNoMoreThan(before);
        try (ExplorerServer again =
                ExplorerServer.start(config(Map.of("HEADROOM_PORT", "0")))) { // H2's file lock was released
            assertThat(again.port()).isPositive();
        }
    }

    private ExplorerConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "HEADROOM_HOST",
                "127.0.0.1",
                "HEADROOM_DATA_DIR",
                dataDir.toString(),
                "HEADROOM_SAMPLE_DATASETS",
                "0"));
        env.putAll(extra);
        return ExplorerConfig.from(new Settings(env));
    }

    private static void awaitNoMoreThan(Map<String, Long> before) {
        Await.until(Duration.ofSeconds(10), "the failed start's threads to stop (before: " + before + ")", () -> {
            Map<String, Long> now = partThreads();
            return PART_THREADS.stream().allMatch(name -> now.getOrDefault(name, 0L) <= before.getOrDefault(name, 0L));
        });
    }

    private static Map<String, Long> partThreads() {
        Map<String, Long> counts = new HashMap<>();
        Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(PART_THREADS::contains)
                .forEach(name -> counts.merge(name, 1L, Long::sum));
        return counts;
    }
}
