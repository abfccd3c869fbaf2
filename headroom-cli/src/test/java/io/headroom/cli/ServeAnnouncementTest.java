package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.ExplorerServer;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.lake.DiscoveredDataset;
import io.headroom.explorer.lake.LakeReader;
import io.headroom.explorer.lake.StoredObject;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.testing.Await;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "is up" line tells the truth about the catalogue: still being built (with progress), or complete. */
class ServeAnnouncementTest {
    private static final String URL = "http://localhost:1234/";

    @TempDir
    Path dataDir;

    private final StringWriter printed = new StringWriter();
    private final PrintWriter out = new PrintWriter(printed, true);

    private ExplorerServer start(LakeReader lake) {
        return ExplorerServer.start(
                ExplorerConfig.from(new Settings(Map.of(
                        "HEADROOM_PORT",
                        "0",
                        "HEADROOM_HOST",
                        "127.0.0.1",
                        "HEADROOM_DATA_DIR",
                        dataDir.toString(),
                        "HEADROOM_SAMPLE_DATASETS",
                        "0",
                        "HEADROOM_REFRESH_INTERVAL",
                        "off"))),
                lake);
    }

    @Test
    void whileTheFirstCatalogueIsBuiltTheLineSaysSoAndALaterLineSaysWhenItIsComplete() {
        HeldLake lake = new HeldLake(3);
        try (ExplorerServer server = start(lake)) {
            var progress = server.initialRefresh().orElseThrow();
            Await.until(
                    Duration.ofSeconds(60),
                    "the lake listed",
                    () -> progress.discovered().isPresent());

            ServeCommand.announce(server, URL, out, new AtomicBoolean());
            assertThat(printed.toString())
                    .isEqualTo("Data Lake Explorer is up on " + URL
                            + " (cataloguing the lake: 0 of 3 datasets so far; lists fill in as it goes)"
                            + System.lineSeparator());

            lake.open();
            Await.until(
                    Duration.ofSeconds(60),
                    "the completion line",
                    () -> printed.toString().contains("Catalogue complete"));
            assertThat(printed.toString().lines().toList().get(1))
                    .matches("Catalogue complete: 3 datasets in \\d+\\.\\d s\\.");
        }
    }

    @Test
    void aCatalogThatAlreadyHasRowsIsAnnouncedWithItsSize() {
        HeldLake lake = new HeldLake(2);
        lake.open();
        try (ExplorerServer first = start(lake)) {
            first.initialRefresh().orElseThrow().ended().join();
        }
        try (ExplorerServer server = start(lake)) {
            assertThat(server.initialRefresh())
                    .as("no refresh of a catalog with rows")
                    .isEmpty();
            ServeCommand.announce(server, URL, out, new AtomicBoolean());
            assertThat(printed.toString())
                    .isEqualTo(
                            "Data Lake Explorer is up on " + URL + " (catalog: 2 datasets)" + System.lineSeparator());
        }
    }

    /** A lake of {@code count} CSV datasets whose analysis waits until {@link #open()}. */
    private static final class HeldLake implements LakeReader {
        private final int count;
        private final CountDownLatch gate = new CountDownLatch(1);

        HeldLake(int count) {
            this.count = count;
        }

        void open() {
            gate.countDown();
        }

        @Override
        public List<DiscoveredDataset> discover() {
            Instant modified = Instant.parse("2026-01-01T00:00:00Z");
            return IntStream.range(0, count)
                    .mapToObj(i -> {
                        StoredObject file = new StoredObject("folder/table" + i + ".csv", 100, modified);
                        return new DiscoveredDataset(
                                "table" + i, "folder", DatasetFormat.CSV, file, List.of(file), Optional.empty());
                    })
                    .toList();
        }

        @Override
        public DatasetMetadata analyze(DiscoveredDataset d) throws IOException {
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new IOException("the test never opened the lake");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
            return new DatasetMetadata(
                    d.primary().key(),
                    d.name(),
                    d.folder(),
                    d.format(),
                    d.primary().sizeBytes(),
                    d.primary().lastModified(),
                    null,
                    false,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    null,
                    null);
        }
    }
}
