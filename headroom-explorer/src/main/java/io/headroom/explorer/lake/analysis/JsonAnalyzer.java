package io.headroom.explorer.lake.analysis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.explorer.catalog.DatasetFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Streams a JSON array of objects or JSON Lines (one value per line) with Jackson's token parser:
 * each record is materialised only while it is profiled (the first rows), the rest are skipped
 * token by token. Columns are the keys in order of first appearance.
 */
public final class JsonAnalyzer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private final AnalysisLimits limits;

    public JsonAnalyzer(AnalysisLimits limits) {
        this.limits = limits;
    }

    /** The format is decided by the content: a root array is JSON, several root values JSON Lines. */
    public TableProfile analyze(InputStream stored, long sizeBytes, boolean gzip, DatasetFormat declared)
            throws IOException {
        try (TextInput input = TextInput.open(stored, gzip);
                JsonParser parser = FACTORY.createParser(input.bytes())) {
            return profile(input, parser, sizeBytes, declared);
        } catch (JsonProcessingException e) {
            throw new MalformedDataException("not valid " + declared.apiName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private TableProfile profile(TextInput input, JsonParser parser, long sizeBytes, DatasetFormat declared)
            throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return new TableProfile(declared, java.util.List.of(), 0L, true, null);
        }
        boolean array = token == JsonToken.START_ARRAY;
        if (array) {
            token = parser.nextToken();
        }
        ColumnStats stats = new ColumnStats();
        Map<String, Integer> columnIndex = new HashMap<>();
        long records = 0;
        boolean exactLimit = sizeBytes <= limits.exactCountLimitBytes();
        while (token != null && token != JsonToken.END_ARRAY) {
            if (records < limits.profileRows()) {
                profileRecord(parser.readValueAsTree(), stats, columnIndex);
            } else {
                if (!exactLimit && input.storedBytesRead() >= limits.estimatePrefixBytes()) {
                    RecordCount estimate = RecordCount.estimate(records, input.storedBytesRead(), sizeBytes);
                    return new TableProfile(format(array, records, declared), stats.columns(),
                            estimate.records(), false, stats.completeness());
                }
                parser.skipChildren();
            }
            records++;
            token = parser.nextToken();
        }
        return new TableProfile(format(array, records, declared), stats.columns(), records, true, stats.completeness());
    }

    private static DatasetFormat format(boolean array, long records, DatasetFormat declared) {
        if (array) {
            return DatasetFormat.JSON;
        }
        return records > 1 ? DatasetFormat.JSONL : declared;
    }

    private static void profileRecord(JsonNode record, ColumnStats stats, Map<String, Integer> columnIndex) {
        stats.countRow();
        if (!record.isObject()) {
            int column = columnIndex.computeIfAbsent(JsonTypes.SCALAR_COLUMN, stats::addColumn);
            stats.record(column, JsonTypes.typeOf(record));
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            int column = columnIndex.computeIfAbsent(field.getKey(), stats::addColumn);
            stats.record(column, JsonTypes.typeOf(field.getValue()));
        }
    }
}
