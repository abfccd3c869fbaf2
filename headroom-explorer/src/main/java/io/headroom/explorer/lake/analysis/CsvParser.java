package io.headroom.explorer.lake.analysis;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 record reader: quoted fields with doubled quotes, delimiters and line breaks
 * inside quotes, CRLF / LF / CR line ends; blank lines skipped. Lenient where files in the wild are
 * not (text after a closing quote is kept, an unterminated quote ends at end of file). Holds one
 * record at a time; {@link #skip()} counts records without building strings.
 */
public final class CsvParser {
    /** A single field larger than this is not a table: guards memory against an unterminated quote. */
    public static final int MAX_FIELD_CHARS = 4 * 1024 * 1024;

    private final Reader in;
    private final char delimiter;
    private final char[] buffer = new char[16 * 1024];
    private final StringBuilder field = new StringBuilder();
    private int position;
    private int limit;
    private int pushedBack = -2; // -2: nothing pushed back
    private int fieldChars;

    public CsvParser(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    public char delimiter() {
        return delimiter;
    }

    /** The next record's fields, or null at end of input. */
    public List<String> next() throws IOException {
        List<String> record = new ArrayList<>();
        return readRecord(record) ? record : null;
    }

    /** Reads past the next record; false at end of input. */
    public boolean skip() throws IOException {
        return readRecord(null);
    }

    private boolean readRecord(List<String> record) throws IOException {
        int c = read();
        while (c == '\n' || c == '\r') { // blank lines are not records
            c = read();
        }
        if (c == -1) {
            return false;
        }
        while (true) {
            field.setLength(0);
            fieldChars = 0;
            if (c == '"') {
                c = readQuoted(record != null);
            }
            while (c != delimiter && c != '\n' && c != '\r' && c != -1) {
                append(c, record != null);
                c = read();
            }
            if (record != null) {
                record.add(field.toString());
            }
            if (c == delimiter) {
                c = read();
                continue;
            }
            if (c == '\r') {
                int after = read();
                if (after != '\n') {
                    pushedBack = after;
                }
            }
            return true;
        }
    }

    /** Reads a quoted field's content; returns the character after the closing quote. */
    private int readQuoted(boolean keep) throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                return -1;
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    return after;
                }
            }
            append(c, keep);
        }
    }

    private void append(int c, boolean keep) throws MalformedDataException {
        if (++fieldChars > MAX_FIELD_CHARS) {
            throw new MalformedDataException("a field longer than " + MAX_FIELD_CHARS + " characters");
        }
        if (keep) {
            field.append((char) c);
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++];
    }
}
