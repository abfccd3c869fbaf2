package io.headroom.explorer.download;

import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.catalog.Dataset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The metadata download when a dataset has no sidecar: the catalog's record as YAML, in the sidecar's
 * own keys (description, tags, license, row count, completeness) plus what analysis found, so the
 * file can be edited and put next to the data as its sidecar.
 */
public final class MetadataYaml {
    private MetadataYaml() {}

    /** The sidecar candidates of a data file: {@code a/b/name_v2.csv} → {@code a/b/name_v2.yaml}, {@code .yml}. */
    public static List<String> sidecarKeys(Dataset dataset) {
        String path = dataset.path();
        int dot = path.lastIndexOf('.');
        String stem = dot > path.lastIndexOf('/') ? path.substring(0, dot) : path;
        String folder = dataset.folder().isEmpty() ? "" : dataset.folder() + "/";
        return List.of(
                        stem + ".yaml",
                        stem + ".yml",
                        folder + dataset.name() + ".yaml",
                        folder + dataset.name() + ".yml")
                .stream()
                .distinct()
                .toList();
    }

    public static byte[] generate(Dataset dataset) {
        Map<String, Object> yaml = new LinkedHashMap<>();
        yaml.put("name", dataset.name());
        yaml.put("folder", dataset.folder());
        yaml.put("path", dataset.path());
        yaml.put("format", dataset.format());
        yaml.put("size_bytes", dataset.sizeBytes());
        yaml.put("last_modified", dataset.lastModified().toString());
        putIfPresent(yaml, "description", dataset.description());
        if (!dataset.tags().isEmpty()) {
            yaml.put("tags", dataset.tags());
        }
        putIfPresent(yaml, "license", dataset.license());
        putIfPresent(yaml, "row_count", dataset.recordCount());
        putIfPresent(yaml, "completeness", dataset.completeness());
        if (dataset.columns() != null && !dataset.columns().isEmpty()) {
            List<Map<String, String>> columns = new ArrayList<>();
            for (Column column : dataset.columns()) {
                Map<String, String> c = new LinkedHashMap<>();
                c.put("name", column.name());
                c.put("type", column.type());
                columns.add(c);
            }
            yaml.put("columns", columns);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(yaml).getBytes(StandardCharsets.UTF_8);
    }

    private static void putIfPresent(Map<String, Object> yaml, String key, Object value) {
        if (value != null) {
            yaml.put(key, value);
        }
    }
}
