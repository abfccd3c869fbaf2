package io.headroom.explorer.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.lake.DiscoveredDataset;
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.StoreLakeReader;
import io.headroom.explorer.lake.analysis.AnalysisLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedWritesIdenticalBytesAndTimes() throws IOException {
        LakeGenerator.generate(dir.resolve("a"), 60, 7);
        LakeGenerator.generate(dir.resolve("b"), 60, 7);
        Map<String, String> a = fingerprint(dir.resolve("a"));
        Map<String, String> b = fingerprint(dir.resolve("b"));
        assertThat(a).hasSizeGreaterThanOrEqualTo(60).isEqualTo(b);
    }

    @Test
    void differentSeedWritesADifferentLake() throws IOException {
        LakeGenerator.generate(dir.resolve("a"), 30, 7);
        LakeGenerator.generate(dir.resolve("b"), 30, 8);
        assertThat(fingerprint(dir.resolve("a"))).isNotEqualTo(fingerprint(dir.resolve("b")));
    }

    @Test
    void defaultLakeIsSmallAndMixesFormatsFoldersSuffixesAndSidecars() throws IOException {
        long started = System.nanoTime();
        LakeGenerator.Summary summary = LakeGenerator.generate(dir, 300, 42);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "generated 300 datasets: %d files, %d bytes in %d ms%n", summary.files(), summary.bytes(), millis);
        assertThat(summary.bytes()).isLessThan(30L * 1024 * 1024);

        List<DatasetPlan> plans = LakeGenerator.plans(300, 42).toList();
        Map<DatasetFormat, Long> formats =
                plans.stream().collect(Collectors.groupingBy(DatasetPlan::format, Collectors.counting()));
        assertThat(formats.keySet())
                .contains(
                        DatasetFormat.CSV,
                        DatasetFormat.TSV,
                        DatasetFormat.JSON,
                        DatasetFormat.JSONL,
                        DatasetFormat.PARQUET);
        assertThat(plans.stream().map(DatasetPlan::folder).distinct().count()).isGreaterThan(8);
        assertThat(plans.stream().anyMatch(p -> p.folder().contains("/"))).isTrue();
        assertThat(plans.stream().filter(p -> p.files().size() > 1).count()).isGreaterThan(15);
        long sidecars = plans.stream().filter(DatasetPlan::sidecar).count();
        assertThat(sidecars).isBetween(60L, 120L);
        assertThat(plans.stream().map(DatasetPlan::delimiter).distinct().count())
                .isEqualTo(4);
    }

    @Test
    void analysisOfAGeneratedLakeFindsWhatWasPlanned() throws IOException {
        LakeGenerator.generate(dir, 120, 3);
        List<DatasetPlan> plans = LakeGenerator.plans(120, 3).toList();
        try (LocalObjectStore store = new LocalObjectStore(dir)) {
            StoreLakeReader reader = new StoreLakeReader(store, AnalysisLimits.withExactCountLimit(64L << 20));
            List<DiscoveredDataset> discovered = reader.discover();
            assertThat(discovered).hasSize(plans.size());
            Map<String, DiscoveredDataset> byPath = discovered.stream()
                    .collect(Collectors.toMap(d -> d.primary().key(), Function.identity()));
            for (DatasetPlan plan : plans) {
                DiscoveredDataset dataset = byPath.get(plan.key(plan.primary()));
                assertThat(dataset).as("primary %s", plan.key(plan.primary())).isNotNull();
                assertThat(dataset.name()).isEqualTo(plan.baseName());
                assertThat(dataset.folder()).isEqualTo(plan.folder());
                assertThat(dataset.files()).hasSize(plan.files().size() + (plan.sidecar() ? 1 : 0));
                assertThat(dataset.sidecar().isPresent()).isEqualTo(plan.sidecar());

                DatasetMetadata metadata = reader.analyze(dataset);
                assertThat(metadata.format()).as(plan.baseName()).isEqualTo(plan.format());
                if (plan.format() == DatasetFormat.OTHER) {
                    // not tabular: only a sidecar's row count tells how many records
                    Long declared = plan.sidecar() && plan.sidecarRowCount()
                            ? (long) plan.primary().rows()
                            : null;
                    assertThat(metadata.recordCount()).isEqualTo(declared);
                    assertThat(metadata.columns()).isEmpty();
                    continue;
                }
                assertThat(metadata.recordCount()).as(plan.baseName()).isEqualTo((long)
                        plan.primary().rows());
                assertThat(metadata.recordCountExact()).isTrue();
                if (plan.format() != DatasetFormat.JSONL) { // JSON Lines leave out keys of empty cells
                    assertThat(metadata.columns())
                            .extracting(c -> c.name())
                            .as(plan.baseName())
                            .isEqualTo(plan.columns().stream()
                                    .map(ColumnSpec::name)
                                    .toList());
                }
                assertThat(metadata.completeness()).isBetween(50.0, 100.0);
                if (plan.sidecar()) {
                    assertThat(metadata.license()).isEqualTo(plan.license());
                    assertThat(metadata.tags()).isEqualTo(plan.tags());
                }
            }
        }
    }

    private static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(p);
                files.put(
                        root.relativize(p).toString(),
                        Arrays.hashCode(bytes) + "/" + bytes.length + "/"
                                + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return files;
    }
}
