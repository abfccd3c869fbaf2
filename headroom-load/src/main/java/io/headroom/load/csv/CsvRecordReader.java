package io.headroom.load.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records the way JMeter writes them: fields separated by one character, optionally quoted
 * with {@code "}, a doubled quote inside quotes is a literal quote, and quoted fields may hold the
 * separator and line breaks. Line endings may be LF or CRLF.
 */
public final class CsvRecordReader {

    private final Reader in;
    private final char separator;
    private int pushedBack = -2;
    private long line = 1;

    public CsvRecordReader(Reader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    /** The 1-based line on which the next record starts (for error messages). */
    public long line() {
        return line;
    }

    /** The next record's fields, or {@code null} at end of input. Blank lines are skipped. */
    public List<String> next() throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\r' || c == '\n') {
                consumeLineEnd(c);
                continue;
            }
            unread(c);
            return readRecord();
        }
    }

    private List<String> readRecord() throws IOException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    throw new IOException("unterminated quoted field before end of file");
                }
                if (c == '"') {
                    int d = read();
                    if (d == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        unread(d);
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            if (c == -1 || c == '\r' || c == '\n') {
                fields.add(field.toString());
                if (c != -1) {
                    consumeLineEnd(c);
                }
                return fields;
            }
            if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                continue;
            }
            fieldStart = false;
            field.append((char) c);
        }
    }

    private void consumeLineEnd(int c) throws IOException {
        line++;
        if (c == '\r') {
            int d = read();
            if (d != '\n') {
                unread(d);
            }
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
