package io.headroom.explorer.lake.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.DiscoveredDataset;
import io.headroom.explorer.lake.StoredObject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DatasetGrouperTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static StoredObject file(String key, int dayOffset) {
        return new StoredObject(key, 100, T0.plusSeconds(dayOffset * 86_400L));
    }

    private static List<DiscoveredDataset> group(StoredObject... files) {
        return DatasetGrouper.group(Stream.of(files));
    }

    @Test
    void groupsSuffixedFilesOfAFolderUnderTheirBaseName() {
        List<DiscoveredDataset> datasets = group(
                file("env/sales_2024_v1.csv", 0), file("env/sales_2024_v2_final.csv", 0),
                file("env/sales_2024_raw.csv", 0), file("other/sales_2024.csv", 0));
        assertThat(datasets).hasSize(2);
        DiscoveredDataset env = datasets.getFirst();
        assertThat(env.name()).isEqualTo("sales_2024");
        assertThat(env.folder()).isEqualTo("env");
        assertThat(env.files()).hasSize(3);
        assertThat(datasets.get(1).folder()).isEqualTo("other");
    }

    @Test
    void highestVersionIsPrimaryEvenWhenOlder() {
        DiscoveredDataset d = group(file("d_v2.csv", 0), file("d_v10.csv", -30), file("d_v3.csv", 5))
                .getFirst();
        assertThat(d.primary().key()).isEqualTo("d_v10.csv");
    }

    @Test
    void withoutVersionsTheMostProcessedStageIsPrimary() {
        assertThat(group(file("d_raw.csv", 9), file("d.csv", 0))
                        .getFirst()
                        .primary()
                        .key())
                .isEqualTo("d.csv");
        assertThat(group(file("d.csv", 9), file("d_clean.csv", 0))
                        .getFirst()
                        .primary()
                        .key())
                .isEqualTo("d_clean.csv");
        assertThat(group(file("d_clean.csv", 9), file("d_processed.csv", 0))
                        .getFirst()
                        .primary()
                        .key())
                .isEqualTo("d_processed.csv");
        assertThat(group(file("d_processed.csv", 9), file("d_final.csv", 0))
                        .getFirst()
                        .primary()
                        .key())
                .isEqualTo("d_final.csv");
    }

    @Test
    void sameVersionAndStageThenMostRecentWins() {
        DiscoveredDataset d = group(file("d.csv", 0), file("d.parquet", 3)).getFirst();
        assertThat(d.primary().key()).isEqualTo("d.parquet");
        assertThat(d.format()).isEqualTo(DatasetFormat.PARQUET);
    }

    @Test
    void equalCandidatesAreBrokenByKeySoTheChoiceIsStable() {
        assertThat(group(file("d.json", 0), file("d.csv", 0))
                        .getFirst()
                        .primary()
                        .key())
                .isEqualTo("d.csv");
        assertThat(group(file("d.csv", 0), file("d.json", 0))
                        .getFirst()
                        .primary()
                        .key())
                .isEqualTo("d.csv");
    }

    @Test
    void attachesTheSidecarPreferringTheExactName() {
        DiscoveredDataset d = group(
                        file("f/d_v2.csv", 0), file("f/d_v2.yaml", 0), file("f/d.yml", 0), file("f/d.yaml", 0))
                .getFirst();
        assertThat(d.sidecar()).map(StoredObject::key).contains("f/d.yaml");
        assertThat(d.primary().key()).isEqualTo("f/d_v2.csv");
    }

    @Test
    void aSidecarWithoutDataIsListedAsOther() {
        DiscoveredDataset d = group(file("config.yaml", 0)).getFirst();
        assertThat(d.format()).isEqualTo(DatasetFormat.OTHER);
        assertThat(d.sidecar()).isEmpty();
        assertThat(d.primary().key()).isEqualTo("config.yaml");
    }

    @Test
    void rootFilesHaveAnEmptyFolder() {
        assertThat(group(file("top.csv", 0)).getFirst().folder()).isEmpty();
    }
}
