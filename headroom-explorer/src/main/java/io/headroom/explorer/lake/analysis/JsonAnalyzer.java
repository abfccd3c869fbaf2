package io.headroom.explorer.lake.analysis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.toolkit.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a JSON array of objects or JSON Lines (one value per line) with Jackson's token parser:
 * each record is materialised only while it is profiled (the first rows), the rest are skipped
 * token by token. Columns are the keys in order of first appearance.
 */
public final class JsonAnalyzer {
    private static final ObjectMapper MAPPER = Json.mapper();
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
            return new TableProfile(declared, List.of(), 0L, true, null);
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
                profileRecord(parser, stats, columnIndex);
            } else {
                if (!exactLimit && input.storedBytesRead() >= limits.estimatePrefixBytes()) {
                    RecordCount estimate = RecordCount.estimate(records, input.storedBytesRead(), sizeBytes);
                    return new TableProfile(
                            format(array, records, declared),
                            stats.columns(),
                            estimate.records(),
                            false,
                            stats.completeness());
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

    /**
     * Profiles the record at the parser's current token without materialising it, so even a single
     * record of gigabytes (a root object wrapping everything) streams through in constant memory.
     */
    private static void profileRecord(JsonParser parser, ColumnStats stats, Map<String, Integer> columnIndex)
            throws IOException {
        stats.countRow();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            int column = columnIndex.computeIfAbsent(JsonTypes.SCALAR_COLUMN, stats::addColumn);
            stats.record(column, typeOfValue(parser));
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            int column = columnIndex.computeIfAbsent(name, stats::addColumn);
            stats.record(column, typeOfValue(parser));
        }
    }

    /** The type of the value at the current token; a container is read past (to its end) and is a string. */
    private static CellType typeOfValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null) {
            throw new MalformedDataException("unexpected end of JSON");
        }
        return switch (token) {
            case VALUE_NULL -> CellType.EMPTY;
            case VALUE_NUMBER_INT -> CellType.INTEGER;
            case VALUE_NUMBER_FLOAT -> CellType.FLOAT;
            case VALUE_TRUE, VALUE_FALSE -> CellType.BOOLEAN;
            case VALUE_STRING -> JsonTypes.ofText(parser.getText());
            case START_OBJECT, START_ARRAY -> skipContainer(parser);
            default -> CellType.STRING;
        };
    }

    private static CellType skipContainer(JsonParser parser) throws IOException {
        JsonToken next = parser.nextToken();
        if (next == JsonToken.END_OBJECT || next == JsonToken.END_ARRAY) {
            return CellType.EMPTY;
        }
        while (next != JsonToken.END_OBJECT && next != JsonToken.END_ARRAY) {
            if (next == null) {
                throw new MalformedDataException("unexpected end of JSON");
            }
            if (next.isStructStart()) {
                parser.skipChildren();
            }
            next = parser.nextToken();
        }
        return CellType.STRING;
    }
}
