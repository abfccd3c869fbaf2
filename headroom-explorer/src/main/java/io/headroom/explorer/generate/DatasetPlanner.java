package io.headroom.explorer.generate;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.generate.DatasetPlan.PlannedFile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides each dataset of a generated lake from (seed, index) alone: the lake's distributions live
 * here. Dataset i is the same in a lake of 300 and a lake of 1,000,000 generated with one seed.
 */
final class DatasetPlanner {
    /** Generated files are dated in the year before this instant (fixed, so output never depends on the clock). */
    static final Instant NEWEST = Instant.parse("2025-06-01T00:00:00Z");

    private static final ColumnKind[] OPTIONAL_KINDS = {
        ColumnKind.CATEGORY,
        ColumnKind.PERSON,
        ColumnKind.AMOUNT,
        ColumnKind.COUNT,
        ColumnKind.FLAG,
        ColumnKind.NOTE,
        ColumnKind.AMOUNT,
        ColumnKind.COUNT,
        ColumnKind.CATEGORY
    };

    private DatasetPlanner() {}

    static DatasetPlan plan(long seed, int index) {
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        Vocabulary.Folder folder = Vocabulary.folder(random);
        String topic = Vocabulary.pick(random, folder.topics());
        String baseName = topic + "_" + Vocabulary.pick(random, Vocabulary.QUALIFIERS) + "_" + padded(index);
        DatasetFormat format = format(random.nextInt(100));
        char delimiter = format == DatasetFormat.TSV ? '\t' : delimiter(random.nextInt(100));
        List<ColumnSpec> columns = columns(random);
        int rows = rows(random);
        Instant modified = NEWEST.minusSeconds(random.nextLong(365L * 86_400));
        List<PlannedFile> files = files(random, baseName, extension(format), rows, modified);
        boolean sidecar = random.nextInt(100) < 30;
        List<String> tags = new ArrayList<>();
        int tagCount = 1 + random.nextInt(3);
        for (int i = 0; i < tagCount; i++) {
            String tag = Vocabulary.pick(random, folder.tags());
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        String description = "Synthetic " + topic.replace('_', ' ') + " data ("
                + (folder.path().isEmpty() ? "lake root" : folder.path()) + "), generated for testing.";
        String license = Vocabulary.pick(random, Vocabulary.LICENSES);
        boolean sidecarRowCount = random.nextBoolean();
        return new DatasetPlan(
                index,
                folder.path(),
                baseName,
                format,
                delimiter,
                columns,
                files,
                sidecar,
                tags,
                description,
                license,
                sidecarRowCount,
                random.nextLong());
    }

    private static DatasetFormat format(int percent) {
        if (percent < 42) return DatasetFormat.CSV;
        if (percent < 50) return DatasetFormat.TSV;
        if (percent < 62) return DatasetFormat.JSONL;
        if (percent < 72) return DatasetFormat.JSON;
        if (percent < 95) return DatasetFormat.PARQUET;
        return DatasetFormat.OTHER;
    }

    private static char delimiter(int percent) {
        if (percent < 70) return ',';
        if (percent < 85) return ';';
        if (percent < 95) return '|';
        return '\t';
    }

    static String extension(DatasetFormat format) {
        return switch (format) {
            case CSV -> ".csv";
            case TSV -> ".tsv";
            case JSONL -> ".jsonl";
            case JSON -> ".json";
            case PARQUET -> ".parquet";
            default -> ".txt";
        };
    }

    /** Mostly small (70 %: 20–500 rows), some medium (27 %: 500–2,500), a few large (3 %: 5,000–20,000). */
    private static int rows(SplittableRandom random) {
        int percent = random.nextInt(100);
        if (percent < 70) return 20 + random.nextInt(481);
        if (percent < 97) return 500 + random.nextInt(2001);
        return 5000 + random.nextInt(15_001);
    }

    private static List<ColumnSpec> columns(SplittableRandom random) {
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        columns.add(new ColumnSpec("id", ColumnKind.ID, 0));
        names.add("id");
        add(columns, names, ColumnKind.DATE, random);
        int extra = 2 + random.nextInt(7);
        for (int i = 0; i < extra; i++) {
            add(columns, names, OPTIONAL_KINDS[random.nextInt(OPTIONAL_KINDS.length)], random);
        }
        return columns;
    }

    private static void add(List<ColumnSpec> columns, Set<String> names, ColumnKind kind, SplittableRandom random) {
        String name = Vocabulary.pick(random, kind.names);
        for (int n = 2; !names.add(name); n++) {
            name = Vocabulary.pick(random, kind.names) + "_" + n;
        }
        int percent = random.nextInt(100);
        double nullRate =
                percent < 60 ? 0 : percent < 90 ? random.nextDouble() * 0.05 : 0.05 + random.nextDouble() * 0.25;
        columns.add(new ColumnSpec(name, kind, nullRate));
    }

    /**
     * The files of a dataset, primary first: 85 % one file, the rest exercise the grouping suffixes
     * (versions, raw/processed, a final of a later version, clean/plain).
     */
    private static List<PlannedFile> files(
            SplittableRandom random, String base, String extension, int rows, Instant modified) {
        int percent = random.nextInt(100);
        List<PlannedFile> files = new ArrayList<>();
        if (percent < 5) {
            int versions = 2 + random.nextInt(2);
            for (int v = versions; v >= 1; v--) {
                files.add(new PlannedFile(
                        base + "_v" + v + extension,
                        Math.max(10, rows * v / versions),
                        earlier(modified, versions - v, random)));
            }
        } else if (percent < 9) {
            files.add(new PlannedFile(base + "_processed" + extension, rows, modified));
            files.add(new PlannedFile(base + "_raw" + extension, rows, earlier(modified, 1, random)));
        } else if (percent < 12) {
            files.add(new PlannedFile(base + "_v2_final" + extension, rows, modified));
            files.add(new PlannedFile(base + "_v1" + extension, Math.max(10, rows / 2), earlier(modified, 1, random)));
        } else if (percent < 15) {
            files.add(new PlannedFile(base + "_clean" + extension, rows, modified));
            files.add(new PlannedFile(base + extension, rows, earlier(modified, 1, random)));
        } else {
            files.add(new PlannedFile(base + extension, rows, modified));
        }
        return files;
    }

    private static Instant earlier(Instant modified, int steps, SplittableRandom random) {
        return modified.minus(Duration.ofDays(steps * (1L + random.nextInt(30))));
    }

    private static String padded(int index) {
        String digits = Integer.toString(index);
        return digits.length() >= 4 ? digits : "0000".substring(digits.length()) + digits;
    }

    /** Mixes seed and index (SplitMix64 finaliser) so neighbouring indexes get unrelated streams. */
    static long mix(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
