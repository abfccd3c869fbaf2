package io.headroom.explorer.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.generate.LakeGenerator;
import io.headroom.explorer.lake.analysis.AnalysisLimits;
import io.headroom.explorer.lake.parquet.ParquetColumn;
import io.headroom.explorer.lake.parquet.ParquetFileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLakeReaderTest {

    @TempDir
    Path root;

    StoreLakeReader reader;

    @BeforeEach
    void setUp() throws IOException {
        reader = new StoreLakeReader(new LocalObjectStore(root), new AnalysisLimits(100, 50, 1000));
    }

    private DatasetMetadata only() throws IOException {
        List<DiscoveredDataset> datasets = reader.discover();
        assertThat(datasets).hasSize(1);
        return reader.analyze(datasets.getFirst());
    }

    @Test
    void analysesThePrimaryAndMergesTheSidecar() throws IOException {
        Files.createDirectories(root.resolve("env/air"));
        Files.writeString(root.resolve("env/air/quality_v1.csv"), "a\n1\n");
        Files.writeString(root.resolve("env/air/quality_v2.csv"), "station,pm25\nA,1.5\nB,\n");
        Instant modified = Instant.parse("2025-03-04T05:06:07Z");
        Files.setLastModifiedTime(root.resolve("env/air/quality_v2.csv"), FileTime.from(modified));
        Files.writeString(
                root.resolve("env/air/quality.yaml"), "description: Air\ntags: [air, sensors]\nlicense: CC0-1.0\n");
        DatasetMetadata m = only();
        assertThat(m.path()).isEqualTo("env/air/quality_v2.csv");
        assertThat(m.name()).isEqualTo("quality");
        assertThat(m.folder()).isEqualTo("env/air");
        assertThat(m.format()).isEqualTo(DatasetFormat.CSV);
        assertThat(m.lastModified()).isEqualTo(modified);
        assertThat(m.sizeBytes()).isEqualTo(Files.size(root.resolve("env/air/quality_v2.csv")));
        assertThat(m.columns()).containsExactly(new Column("station", "string"), new Column("pm25", "float"));
        assertThat(m.recordCount()).isEqualTo(2);
        assertThat(m.recordCountExact()).isTrue();
        assertThat(m.columnCount()).isEqualTo(2);
        assertThat(m.completeness()).isEqualTo(75.0);
        assertThat(m.communityDataPoints()).isEqualTo(3);
        assertThat(m.description()).isEqualTo("Air");
        assertThat(m.tags()).containsExactly("air", "sensors");
        assertThat(m.license()).isEqualTo("CC0-1.0");
    }

    @Test
    void aSidecarRowCountReplacesAnEstimateButNotAnExactCount() throws IOException {
        StringBuilder big = new StringBuilder("n\n");
        for (int i = 0; i < 30_000; i++) {
            big.append(i).append('\n');
        }
        // above the exact limit (100 bytes) and longer than what the first read takes in: estimated
        Files.writeString(root.resolve("big.csv"), big);
        DatasetMetadata withoutSidecar = reader.analyze(reader.discover().getFirst());
        assertThat(withoutSidecar.recordCountExact()).isFalse();
        Files.writeString(root.resolve("big.yaml"), "row_count: 12345\ncompleteness: 88\n");
        DatasetMetadata estimated = only();
        assertThat(estimated.recordCount()).isEqualTo(12_345);
        assertThat(estimated.recordCountExact()).isTrue();
        assertThat(estimated.completeness()).isEqualTo(88.0);

        Files.delete(root.resolve("big.csv"));
        Files.writeString(root.resolve("big.csv"), "n\n1\n2\n");
        DatasetMetadata exact = only();
        assertThat(exact.recordCount()).isEqualTo(2);
    }

    @Test
    void aMalformedSidecarIsIgnored() throws IOException {
        Files.writeString(root.resolve("d.csv"), "a\n1\n");
        Files.writeString(root.resolve("d.yaml"), "description: [unclosed\n");
        DatasetMetadata m = only();
        assertThat(m.recordCount()).isEqualTo(1);
        assertThat(m.description()).isNull();
        assertThat(m.tags()).isEmpty();
    }

    @Test
    void aFileThatLiesAboutItsFormatIsCataloguedWithoutStatistics() throws IOException {
        Files.writeString(root.resolve("fake.parquet"), "not parquet at all");
        DatasetMetadata m = only();
        assertThat(m.format()).isEqualTo(DatasetFormat.PARQUET);
        assertThat(m.recordCount()).isNull();
        assertThat(m.columnCount()).isNull();
        assertThat(m.communityDataPoints()).isZero();
    }

    @Test
    void sniffsTablesBehindUnknownExtensions() throws IOException {
        Files.writeString(root.resolve("export.txt"), "a|b\n1|2\n3|4\n");
        assertThat(only().format()).isEqualTo(DatasetFormat.CSV);
    }

    @Test
    void sniffsParquetWithoutAnExtension() throws IOException {
        try (OutputStream out = Files.newOutputStream(root.resolve("blob"))) {
            ParquetFileWriter.write(out, List.of(new ParquetColumn("x", ParquetColumn.Kind.INT64, List.of(1L, 2L))));
        }
        DatasetMetadata m = only();
        assertThat(m.format()).isEqualTo(DatasetFormat.PARQUET);
        assertThat(m.recordCount()).isEqualTo(2);
    }

    @Test
    void jsonBehindAJsonExtensionMayBeJsonLines() throws IOException {
        Files.writeString(root.resolve("events.json"), "{\"a\":1}\n{\"a\":2}\n");
        assertThat(only().format()).isEqualTo(DatasetFormat.JSONL);
    }

    @Test
    void analysisFromSeveralThreadsAgreesWithOneThread() throws Exception {
        LakeGenerator.generate(root, 60, 9);
        StoreLakeReader lake =
                new StoreLakeReader(new LocalObjectStore(root), AnalysisLimits.withExactCountLimit(1 << 20));
        List<DiscoveredDataset> datasets = lake.discover();
        List<DatasetMetadata> sequential = new ArrayList<>();
        for (DiscoveredDataset dataset : datasets) {
            sequential.add(lake.analyze(dataset));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<DatasetMetadata>> parallel = new ArrayList<>();
            for (DiscoveredDataset dataset : datasets) {
                parallel.add(pool.submit(() -> lake.analyze(dataset)));
            }
            for (int i = 0; i < datasets.size(); i++) {
                assertThat(parallel.get(i).get()).isEqualTo(sequential.get(i));
            }
        }
    }

    @Test
    void proseStaysOther() throws IOException {
        Files.writeString(root.resolve("README"), "This lake holds test data.\nNothing to see.\n");
        DatasetMetadata m = only();
        assertThat(m.format()).isEqualTo(DatasetFormat.OTHER);
        assertThat(m.recordCount()).isNull();
    }
}
