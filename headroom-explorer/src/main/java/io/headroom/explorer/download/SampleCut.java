package io.headroom.explorer.download;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.UnsupportedContentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The first N whole rows of a file in its own format, read as a stream (only what the rows need): CSV
 * and TSV keep their header line and cut after the Nth record, a newline inside a quoted field not
 * counting as a row end; JSON Lines cut after the Nth line; a JSON array is re-written with its first
 * N elements. Capped at {@link #MAX_BYTES}: rows beyond it are left out (never half a row).
 */
public final class SampleCut {
    public static final int MAX_ROWS = 10_000;
    public static final int DEFAULT_ROWS = 100;
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private SampleCut() {}

    /** Whether a sample download exists for the format (the others answer 422: download type=full). */
    public static boolean supports(DatasetFormat format) {
        return switch (format) {
            case CSV, TSV, JSONL, JSON -> true;
            default -> false;
        };
    }

    public static byte[] cut(InputStream in, DatasetFormat format, int rows) throws IOException {
        return switch (format) {
            case CSV, TSV -> delimited(in, rows);
            case JSONL -> lines(in, rows);
            case JSON -> jsonArray(in, rows);
            default ->
                throw new UnsupportedContentException("A sample download is offered for csv, tsv, json and jsonl; "
                        + "this dataset is " + format.apiName() + ": download type=full");
        };
    }

    /** Header + N records; a '"' toggles quoting, so a newline inside quotes belongs to the record. */
    private static byte[] delimited(InputStream in, int rows) throws IOException {
        return cutLines(in, rows + 1, true);
    }

    private static byte[] lines(InputStream in, int rows) throws IOException {
        return cutLines(in, rows, false);
    }

    private static byte[] cutLines(InputStream in, int wanted, boolean quotes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        ByteArrayOutputStream row = new ByteArrayOutputStream(256);
        byte[] buffer = new byte[65536];
        boolean quoted = false;
        int done = 0;
        int read;
        while (done < wanted && (read = in.read(buffer)) > 0) {
            for (int i = 0; i < read && done < wanted; i++) {
                byte b = buffer[i];
                row.write(b);
                if (quotes && b == '"') {
                    quoted = !quoted;
                } else if (b == '\n' && !quoted) {
                    if (out.size() + row.size() > MAX_BYTES) {
                        return out.toByteArray();
                    }
                    row.writeTo(out);
                    row.reset();
                    done++;
                }
            }
        }
        if (done < wanted && row.size() > 0 && !quoted && out.size() + row.size() <= MAX_BYTES) {
            row.writeTo(out); // the last row of a file without a final newline is whole too
        }
        return out.toByteArray();
    }

    private static byte[] jsonArray(InputStream in, int rows) throws IOException {
        JsonFactory factory = new JsonFactory();
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonParser parser = factory.createParser(in);
                JsonGenerator generator = factory.createGenerator(out)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new UnsupportedContentException(
                        "A sample of a JSON file needs a top-level array: download type=full");
            }
            generator.writeStartArray();
            int done = 0;
            while (done < rows && parser.nextToken() != JsonToken.END_ARRAY && out.size() < MAX_BYTES) {
                generator.copyCurrentStructure(parser);
                done++;
            }
            generator.writeEndArray();
        }
        return out.toByteArray();
    }

    /** The media type a download of the format is sent as. */
    public static String mediaType(DatasetFormat format) {
        return switch (format) {
            case CSV -> "text/csv; charset=utf-8";
            case TSV -> "text/tab-separated-values; charset=utf-8";
            case JSON -> "application/json";
            case JSONL -> "application/x-ndjson";
            case PARQUET -> "application/vnd.apache.parquet";
            case AVRO -> "application/avro";
            case EXCEL -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            default -> "application/octet-stream";
        };
    }
}
