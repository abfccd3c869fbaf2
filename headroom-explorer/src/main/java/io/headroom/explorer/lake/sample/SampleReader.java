package io.headroom.explorer.lake.sample;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.csv.CsvFormatException;
import io.headroom.csv.CsvReader;
import io.headroom.explorer.catalog.Column;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.lake.StoreKeys;
import io.headroom.explorer.lake.StoredObject;
import io.headroom.explorer.lake.UnsupportedContentException;
import io.headroom.explorer.lake.analysis.CellType;
import io.headroom.explorer.lake.analysis.DelimiterSniffer;
import io.headroom.explorer.lake.analysis.HeaderDetector;
import io.headroom.explorer.lake.analysis.JsonTypes;
import io.headroom.explorer.lake.analysis.MalformedDataException;
import io.headroom.explorer.lake.analysis.TextInput;
import io.headroom.explorer.lake.discovery.DatasetFileName;
import io.headroom.explorer.lake.parquet.ParquetRowReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the first N whole rows of a dataset, streaming and stopping after N (+1 to know whether
 * there are more): a 5 GB file costs the same as a 5 KB one. CSV/TSV cells are typed by the
 * column types inferred over the returned rows; JSON values keep their JSON types.
 */
public final class SampleReader {
    public static final int MAX_ROWS = 1000;
    /**
     * A sample reads N+1 records; a document read this far without getting there holds a record too
     * large to sample (one root object wrapping the data): refused (422) rather than loaded.
     */
    static final long MAX_JSON_BYTES_READ = 64L * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(MAX_JSON_BYTES_READ)
                    .build())
            .build());

    private final ObjectStore store;

    public SampleReader(ObjectStore store) {
        this.store = store;
    }

    public Sample read(String key, DatasetFormat format, int rows) throws IOException {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("rows must be 1.." + MAX_ROWS + ", got " + rows);
        }
        StoredObject file = store.stat(key).orElseThrow(() -> new NoSuchFileException(key));
        boolean gzip = DatasetFileName.parse(StoreKeys.fileNameOf(key)).gzip();
        return switch (format) {
            case CSV, TSV -> {
                try (InputStream in = store.open(key)) {
                    yield delimited(TextInput.open(in, gzip), format, rows);
                }
            }
            case JSON, JSONL -> {
                try (InputStream in = store.open(key)) {
                    yield json(TextInput.open(in, gzip), rows);
                }
            }
            case PARQUET -> {
                ParquetRowReader.Rows read = ParquetRowReader.read(store, file, rows);
                yield new Sample(read.columns(), read.rows(), read.truncated());
            }
            default ->
                throw new UnsupportedContentException("Samples of " + format.apiName()
                        + " files are not supported; supported: csv, tsv, json, jsonl, parquet");
        };
    }

    private static Sample delimited(TextInput input, DatasetFormat format, int wanted) throws IOException {
        try (input) {
            char delimiter = DelimiterSniffer.sniff(
                            input.headText(), input.headTruncated(), format == DatasetFormat.TSV ? '\t' : ',')
                    .delimiter();
            CsvReader parser = CsvReader.lenient(input.reader(), delimiter);
            List<String> first = parser.next();
            if (first == null) {
                return new Sample(List.of(), List.of(), false);
            }
            boolean header = HeaderDetector.isHeader(first);
            List<String> names = new ArrayList<>();
            if (header) {
                first.forEach(name -> names.add(name.strip()));
            }
            List<List<String>> records = new ArrayList<>();
            List<String> record = header ? parser.next() : first;
            while (record != null && records.size() < wanted) {
                records.add(record);
                record = parser.next();
            }
            boolean truncated = record != null;
            int width = names.size();
            for (List<String> r : records) {
                width = Math.max(width, r.size());
            }
            while (names.size() < width) {
                names.add(HeaderDetector.generatedName(names.size()));
            }
            CellType[] types = new CellType[width];
            Arrays.fill(types, CellType.EMPTY);
            for (List<String> r : records) {
                for (int i = 0; i < r.size(); i++) {
                    types[i] = types[i].widen(CellType.of(r.get(i)));
                }
            }
            List<Column> columns = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                columns.add(new Column(names.get(i), types[i].apiName()));
            }
            List<List<Object>> rows = new ArrayList<>(records.size());
            for (List<String> r : records) {
                Object[] row = new Object[width];
                for (int i = 0; i < r.size(); i++) {
                    row[i] = typed(r.get(i), types[i]);
                }
                rows.add(Arrays.asList(row));
            }
            return new Sample(columns, rows, truncated);
        } catch (CsvFormatException e) {
            throw new MalformedDataException(e.getMessage(), e);
        }
    }

    private static Object typed(String cell, CellType columnType) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return null;
        }
        return switch (columnType) {
            case INTEGER -> Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            case FLOAT -> Double.parseDouble(s);
            case BOOLEAN -> Boolean.parseBoolean(s);
            default -> cell;
        };
    }

    private static Sample json(TextInput input, int wanted) throws IOException {
        try (input;
                JsonParser parser = MAPPER.getFactory().createParser(input.bytes())) {
            JsonToken token = parser.nextToken();
            boolean array = token == JsonToken.START_ARRAY;
            if (array) {
                token = parser.nextToken();
            }
            List<JsonNode> records = new ArrayList<>();
            while (token != null && token != JsonToken.END_ARRAY && records.size() < wanted) {
                records.add(parser.readValueAsTree());
                token = parser.nextToken();
            }
            boolean truncated = token != null && token != JsonToken.END_ARRAY;
            Map<String, CellType> types = new LinkedHashMap<>();
            for (JsonNode node : records) {
                if (node.isObject()) {
                    node.properties()
                            .forEach(e -> types.merge(e.getKey(), JsonTypes.typeOf(e.getValue()), CellType::widen));
                } else {
                    types.merge(JsonTypes.SCALAR_COLUMN, JsonTypes.typeOf(node), CellType::widen);
                }
            }
            List<Column> columns = new ArrayList<>();
            types.forEach((name, type) -> columns.add(new Column(name, type.apiName())));
            List<List<Object>> rows = new ArrayList<>(records.size());
            for (JsonNode node : records) {
                List<Object> row = new ArrayList<>(columns.size());
                for (Column column : columns) {
                    JsonNode value = node.isObject()
                            ? node.get(column.name())
                            : column.name().equals(JsonTypes.SCALAR_COLUMN) ? node : null;
                    row.add(value == null || value.isNull() ? null : MAPPER.treeToValue(value, Object.class));
                }
                rows.add(row);
            }
            return new Sample(columns, rows, truncated);
        } catch (JsonProcessingException e) {
            throw new MalformedDataException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
