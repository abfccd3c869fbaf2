package io.headroom.explorer.lake.discovery;

import io.headroom.explorer.catalog.DatasetFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file name says about the dataset it belongs to (SVC-2): the base name it groups under, its
 * version and processing stage (which decide the primary file), its format and whether it is a
 * sidecar. See docs/lake.md, "Discovery rules".
 *
 * @param baseName the name with extensions and grouping suffixes stripped; never empty
 * @param version the N of the last {@code _vN} suffix, 0 without one
 * @param stage how processed the file says it is; a higher stage wins the primary choice
 * @param format by extension ({@code .gz} looked through); ambiguous extensions are sniffed later
 * @param gzip true for {@code .gz} / {@code .gzip}: readers decompress while streaming
 */
public record DatasetFileName(
        String baseName, long version, Stage stage, DatasetFormat format, boolean gzip, boolean sidecar) {

    /** Processing stages named by suffixes, in the order the primary choice prefers them (last wins). */
    public enum Stage {
        RAW,
        PLAIN,
        CLEANED,
        PROCESSED,
        FINAL
    }

    /**
     * One grouping suffix at the end of a stem: a separator ({@code _} or {@code -}) then a stage word
     * or a version {@code vN}. Stripped repeatedly, so {@code sales_2024_v2_final} → {@code sales_2024}.
     */
    private static final Pattern SUFFIX =
            Pattern.compile("[_-](processed|cleaned|clean|final|raw|v(\\d{1,9}))$", Pattern.CASE_INSENSITIVE);

    private static final Map<String, DatasetFormat> FORMATS = Map.ofEntries(
            Map.entry("csv", DatasetFormat.CSV),
            Map.entry("tsv", DatasetFormat.TSV),
            Map.entry("tab", DatasetFormat.TSV),
            Map.entry("json", DatasetFormat.JSON),
            Map.entry("jsonl", DatasetFormat.JSONL),
            Map.entry("ndjson", DatasetFormat.JSONL),
            Map.entry("parquet", DatasetFormat.PARQUET),
            Map.entry("pq", DatasetFormat.PARQUET),
            Map.entry("avro", DatasetFormat.AVRO),
            Map.entry("orc", DatasetFormat.ORC),
            Map.entry("xls", DatasetFormat.EXCEL),
            Map.entry("xlsx", DatasetFormat.EXCEL),
            Map.entry("xlsm", DatasetFormat.EXCEL));

    public static DatasetFileName parse(String fileName) {
        String stem = fileName;
        boolean gzip = false;
        String lower = stem.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz") || lower.endsWith(".gzip")) {
            gzip = true;
            stem = stem.substring(0, stem.lastIndexOf('.'));
        }
        String extension = "";
        int dot = stem.lastIndexOf('.');
        if (dot > 0) {
            extension = stem.substring(dot + 1).toLowerCase(Locale.ROOT);
            stem = stem.substring(0, dot);
        }
        boolean sidecar = !gzip && (extension.equals("yaml") || extension.equals("yml"));
        DatasetFormat format = FORMATS.getOrDefault(extension, DatasetFormat.OTHER);

        long version = 0;
        boolean versionSeen = false;
        Stage stage = null;
        Matcher m = SUFFIX.matcher(stem);
        while (m.find() && m.start() > 0) {
            String word = m.group(1).toLowerCase(Locale.ROOT);
            if (m.group(2) != null) {
                if (!versionSeen) { // the outermost version counts: data_v1_v3 is version 3
                    version = Long.parseLong(m.group(2));
                    versionSeen = true;
                }
            } else if (stage == null) { // the outermost stage counts: data_raw_processed is processed
                stage = switch (word) {
                    case "raw" -> Stage.RAW;
                    case "clean", "cleaned" -> Stage.CLEANED;
                    case "processed" -> Stage.PROCESSED;
                    default -> Stage.FINAL;
                };
            }
            stem = stem.substring(0, m.start());
            m = SUFFIX.matcher(stem);
        }
        return new DatasetFileName(stem, version, stage == null ? Stage.PLAIN : stage, format, gzip, sidecar);
    }
}
