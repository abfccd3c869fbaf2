package io.headroom.explorer.generate;

import io.headroom.explorer.catalog.DatasetFormat;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Feeder CSVs for the load-test templates ({@code examples/load}), derived from the same plans as the
 * generated lake, so every id, folder and search term exists in the catalog of that lake.
 *
 * <p>Ids: a refresh discovers datasets sorted by their primary file's key and inserts them in that
 * order into an identity column, so after the first refresh of a fresh catalog, dataset {@code i}
 * (1-based) in key order has id {@code i}. {@link #catalogOrder} reproduces that order.
 */
public final class LoadFeeders {
    /** Formats whose sample the service serves ({@code GET .../sample}); others answer 422. */
    static final Set<DatasetFormat> SAMPLEABLE = EnumSet.of(
            DatasetFormat.CSV, DatasetFormat.TSV, DatasetFormat.JSON, DatasetFormat.JSONL, DatasetFormat.PARQUET);

    private static final List<String> SORTS =
            List.of("name", "-name", "size", "-size", "lastModified", "-lastModified");
    private static final int[] LIMITS = {10, 20, 50, 100};
    private static final int[] SAMPLE_ROWS = {5, 20, 50, 100};

    /** What was written: row counts of each file. */
    public record Written(int datasetIds, int searches, int folders) {}

    /** A dataset as the catalog will hold it after the first refresh. */
    public record CatalogEntry(long id, DatasetPlan plan) {}

    private LoadFeeders() {}

    /**
     * Writes {@code dataset-ids.csv} (id,name,folder,format,rows: only datasets whose sample is served,
     * half of the rows Pareto-skewed to a few popular ids so caches see a hot set), {@code searches.csv}
     * (q,folder,format,sort,limit) and {@code folders.csv} (folder) into {@code dir}.
     */
    public static Written write(Path dir, int datasets, long seed, int rows) throws IOException {
        Files.createDirectories(dir);
        List<CatalogEntry> catalog = catalogOrder(datasets, seed);
        // A separate stream from the lake's, so the feeders never shift the lake's bytes.
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDFEEDL);
        int ids = writeDatasetIds(dir.resolve("dataset-ids.csv"), catalog, random, rows);
        int searches = writeSearches(dir.resolve("searches.csv"), catalog, random, rows);
        int folders = writeFolders(dir.resolve("folders.csv"), catalog);
        return new Written(ids, searches, folders);
    }

    /** The lake's datasets in catalog id order (ids 1..N after the first refresh of a fresh catalog). */
    public static List<CatalogEntry> catalogOrder(int datasets, long seed) {
        List<DatasetPlan> plans =
                new ArrayList<>(LakeGenerator.plans(datasets, seed).toList());
        plans.sort(Comparator.comparing(plan -> plan.key(plan.primary())));
        List<CatalogEntry> entries = new ArrayList<>(plans.size());
        for (int i = 0; i < plans.size(); i++) {
            entries.add(new CatalogEntry(i + 1, plans.get(i)));
        }
        return entries;
    }

    private static int writeDatasetIds(Path file, List<CatalogEntry> catalog, SplittableRandom random, int rows)
            throws IOException {
        List<CatalogEntry> sampleable = catalog.stream()
                .filter(e -> SAMPLEABLE.contains(e.plan().format()))
                .toList();
        if (sampleable.isEmpty()) {
            sampleable = catalog; // a tiny lake of only unsupported formats: ids still serve GET /datasets/{id}
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,name,folder,format,rows\n");
            for (int i = 0; i < rows; i++) {
                CatalogEntry entry = sampleable.get(
                        random.nextBoolean()
                                ? popularIndex(random, sampleable.size())
                                : random.nextInt(sampleable.size()));
                DatasetPlan plan = entry.plan();
                out.write(entry.id() + "," + plan.baseName() + "," + plan.folder() + ","
                        + plan.format().apiName() + "," + SAMPLE_ROWS[random.nextInt(SAMPLE_ROWS.length)] + "\n");
            }
        }
        return rows;
    }

    /** Pareto (shape 1.2, scale 1) rank, capped: rank 0 is the most popular dataset. */
    private static int popularIndex(SplittableRandom random, int size) {
        double rank = Math.pow(1 - random.nextDouble(), -1 / 1.2);
        return (int) Math.min(size - 1, (long) rank - 1);
    }

    private static int writeSearches(Path file, List<CatalogEntry> catalog, SplittableRandom random, int rows)
            throws IOException {
        List<String> terms = List.copyOf(nameTerms(catalog));
        List<String> folders = List.copyOf(folders(catalog));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("q,folder,format,sort,limit\n");
            for (int i = 0; i < rows; i++) {
                // Folder and format of a random dataset: the mix follows the lake's own distribution.
                DatasetPlan someDataset =
                        catalog.get(random.nextInt(catalog.size())).plan();
                String folder = someDataset.folder().isEmpty() && !folders.isEmpty()
                        ? folders.get(random.nextInt(folders.size()))
                        : someDataset.folder();
                out.write(terms.get(random.nextInt(terms.size())) + "," + folder + ","
                        + someDataset.format().apiName() + "," + SORTS.get(random.nextInt(SORTS.size())) + ","
                        + LIMITS[random.nextInt(LIMITS.length)] + "\n");
            }
        }
        return rows;
    }

    private static int writeFolders(Path file, List<CatalogEntry> catalog) throws IOException {
        Set<String> folders = folders(catalog);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("folder\n");
            for (String folder : folders) {
                out.write(folder + "\n");
            }
        }
        return folders.size();
    }

    /** Words of dataset names (topics and qualifiers, not the numeric suffix): each matches a {@code q=} search. */
    static SortedSet<String> nameTerms(List<CatalogEntry> catalog) {
        TreeSet<String> terms = new TreeSet<>();
        for (CatalogEntry entry : catalog) {
            String[] words = entry.plan().baseName().split("_");
            for (int i = 0; i < words.length - 1; i++) { // the last word is the dataset's index
                terms.add(words[i]);
            }
        }
        return terms;
    }

    /** Folders holding at least one dataset; the lake root ("") is left out, it has no folder path. */
    static SortedSet<String> folders(List<CatalogEntry> catalog) {
        TreeSet<String> folders = new TreeSet<>();
        catalog.forEach(entry -> {
            if (!entry.plan().folder().isEmpty()) {
                folders.add(entry.plan().folder());
            }
        });
        return folders;
    }
}
