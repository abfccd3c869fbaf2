package io.headroom.bench;

import io.headroom.toolkit.http.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** A realistic {@code GET /api/v1/datasets?limit=N} body (the Dataset shape of docs/api.md), for the cache and compression benchmarks. */
final class SampleDatasets {
    private SampleDatasets() {}

    record Dataset(
            long id,
            String name,
            String folder,
            String path,
            String format,
            long sizeBytes,
            Instant lastModified,
            long recordCount,
            boolean recordCountExact,
            int columnCount,
            double completeness,
            long communityDataPoints,
            List<String> tags,
            String description,
            String license) {}

    static Map<String, Object> page(int n) {
        String[] folders = {"environment", "finance", "health", "transport", "education", "energy", "geography"};
        String[] formats = {"csv", "parquet", "json", "jsonl", "tsv"};
        List<Dataset> items = IntStream.range(0, n)
                .mapToObj(i -> {
                    String folder = folders[i % folders.length];
                    String name = folder + "_survey_" + (2000 + i);
                    String format = formats[i % formats.length];
                    return new Dataset(
                            i + 1,
                            name,
                            folder,
                            folder + "/" + name + "." + format,
                            format,
                            1_048_576L + 7919L * i,
                            Instant.parse("2025-09-15T10:00:00Z").plusSeconds(3600L * i),
                            12_000L + 37L * i,
                            i % 3 != 0,
                            8 + i % 5,
                            90 + (i % 10) / 2.0,
                            (12_000L + 37L * i) * (8 + i % 5),
                            List.of(folder, i % 2 == 0 ? "open-data" : "sensors"),
                            "Yearly " + folder
                                    + " measurements collected by regional offices, cleaned and deduplicated.",
                            "CC-BY-4.0");
                })
                .toList();
        return Map.of("items", items, "total", 300, "limit", n, "offset", 0, "hasNext", true, "hasPrevious", false);
    }

    static byte[] pageJson(int n) {
        return Json.bytes(page(n));
    }
}
