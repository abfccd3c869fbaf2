package io.headroom.explorer.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.testing.CatalogFixture;
import io.headroom.explorer.testing.DatabaseUnderTest;
import io.headroom.explorer.testing.PooledCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh's writes beside other writers, once per database (H2 and PostgreSQL subclasses). */
abstract class CatalogWriterContract {
    @TempDir
    Path tempDir;

    private PooledCatalog catalog;
    private CatalogWriter writer;

    protected abstract DatabaseUnderTest openDatabase(Path dir);

    @BeforeEach
    void open() {
        catalog = PooledCatalog.open(openDatabase(tempDir));
        writer = new CatalogWriter(catalog.dataSource(), catalog.dialect());
    }

    @AfterEach
    void close() {
        if (catalog != null) { // null when the PostgreSQL variant was skipped (no server configured)
            catalog.close();
        }
    }

    @Test
    void concurrentUpsertsOfOnePathNeverFailAndTheNewestGenerationWins() throws Exception {
        int writers = 6;
        int rounds = 20;
        DatasetMetadata template = CatalogFixture.datasets(1).get(0);
        List<DatasetMetadata> own = CatalogFixture.datasets(1 + writers).subList(1, 1 + writers);
        // Every round, all writers insert the same new path at once (the race on the unique key).
        Phaser together = new Phaser(writers);
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(threads.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        long generation = 1 + (long) round * writers + writer; // distinct, growing
                        // each generation has its own size and tag, so the row tells which write it holds
                        List<DatasetMetadata> batch = List.of(
                                variant(racedPath(template, round), generation), variant(own.get(writer), generation));
                        together.arriveAndAwaitAdvance();
                        try {
                            this.writer.upsert(batch, generation, WriteFence.NONE);
                        } catch (RuntimeException e) {
                            together.arriveAndDeregister(); // the others go on without this writer
                            throw e;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(); // rethrows a failed upsert (a unique-key violation, a deadlock)
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(query("SELECT COUNT(*) FROM datasets")).containsExactly(String.valueOf(rounds + writers));
        for (int round = 0; round < rounds; round++) {
            DatasetMetadata raced = racedPath(template, round);
            long newest = (long) (round + 1) * writers;
            assertThat(query("SELECT refresh_generation, size_bytes FROM datasets WHERE path = '" + raced.path() + "'"))
                    .containsExactly(newest + " " + newest);
            assertThat(query("SELECT t.tag FROM dataset_tags t JOIN datasets d ON d.id = t.dataset_id WHERE d.path = '"
                            + raced.path() + "' ORDER BY t.tag"))
                    .containsExactlyElementsOf(tagsOf(raced, newest));
        }
    }

    private static DatasetMetadata racedPath(DatasetMetadata d, int round) {
        return new DatasetMetadata(
                "race/round-" + round + ".csv",
                d.name(),
                "race",
                d.format(),
                d.sizeBytes(),
                d.lastModified(),
                d.recordCount(),
                d.recordCountExact(),
                d.columnCount(),
                d.completeness(),
                d.columns(),
                d.tags(),
                d.description(),
                d.license());
    }

    @Test
    void anOlderGenerationNeitherOverwritesNorRemovesARowOfANewerOne() {
        DatasetMetadata dataset = CatalogFixture.datasets(1).get(0);
        assertThat(writer.upsert(List.of(variant(dataset, 5)), 5, WriteFence.NONE))
                .isEqualTo(new CatalogWriter.UpsertResult(1, 0));
        assertThat(writer.upsert(List.of(variant(dataset, 3)), 3, WriteFence.NONE))
                .isEqualTo(new CatalogWriter.UpsertResult(0, 0));
        assertThat(writer.removeOlderThan(5, WriteFence.NONE)).isZero();
        assertThat(query("SELECT refresh_generation, size_bytes FROM datasets")).containsExactly("5 5");
        assertThat(query("SELECT tag FROM dataset_tags ORDER BY tag")).containsExactlyElementsOf(tagsOf(dataset, 5));

        assertThat(writer.upsert(List.of(variant(dataset, 8)), 8, WriteFence.NONE))
                .isEqualTo(new CatalogWriter.UpsertResult(0, 1));
        assertThat(writer.removeOlderThan(9, WriteFence.NONE)).isEqualTo(1);
        assertThat(query("SELECT COUNT(*) FROM datasets")).containsExactly("0");
    }

    @Test
    void aWriteWhoseFenceRefusesLeavesTheCatalogUntouched() {
        WriteFence lost = c -> {
            throw new RefreshLeaseLostException(2);
        };
        writer.upsert(CatalogFixture.datasets(4), 1, WriteFence.NONE);
        assertThatThrownBy(() -> writer.upsert(CatalogFixture.datasets(6), 2, lost))
                .isInstanceOf(RefreshLeaseLostException.class);
        assertThatThrownBy(() -> writer.removeOlderThan(2, lost)).isInstanceOf(RefreshLeaseLostException.class);
        assertThat(query("SELECT refresh_generation, COUNT(*) FROM datasets GROUP BY refresh_generation"))
                .containsExactly("1 4");
    }

    /** The dataset as generation {@code generation} saw it: that size and one tag naming it. */
    private static DatasetMetadata variant(DatasetMetadata d, long generation) {
        List<String> tags = new ArrayList<>(d.tags());
        tags.add("generation-" + generation);
        return new DatasetMetadata(
                d.path(),
                d.name(),
                d.folder(),
                d.format(),
                generation,
                d.lastModified(),
                d.recordCount(),
                d.recordCountExact(),
                d.columnCount(),
                d.completeness(),
                d.columns(),
                tags,
                d.description(),
                d.license());
    }

    private static List<String> tagsOf(DatasetMetadata d, long generation) {
        return variant(d, generation).tags().stream().sorted().toList();
    }

    private List<String> query(String sql) {
        return catalog.rows(sql);
    }
}
