package io.headroom.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 record reader: quoted fields with doubled quotes, delimiters and line breaks
 * inside quotes, CRLF / LF / CR line ends; blank lines skipped. Lenient where files in the wild are
 * not: text after a closing quote is kept, a quote inside an unquoted field is text. Holds one record
 * at a time; {@link #skip()} counts records without building strings.
 *
 * <p>Two ways in, for the two kinds of input: {@link #lenient} for files from anywhere (an
 * unterminated quote ends at end of input) and {@link #strict} for files a tool wrote (JTLs, feeder
 * data: an unterminated quote is an error, since it means a truncated or broken file).
 */
public final class CsvReader {
    /** A single field larger than this is not a table: guards memory against an unterminated quote. */
    public static final int MAX_FIELD_CHARS = 4 * 1024 * 1024;

    private final Reader in;
    private final char delimiter;
    private final boolean strict;
    private final char[] buffer = new char[16 * 1024];
    private final StringBuilder field = new StringBuilder();
    private int position;
    private int limit;
    private int pushedBack = -2; // -2: nothing pushed back
    private int fieldChars;
    private long line = 1;

    private CsvReader(Reader in, char delimiter, boolean strict) {
        this.in = in;
        this.delimiter = delimiter;
        this.strict = strict;
    }

    /** A reader for files from anywhere: an unterminated quoted field ends at end of input. */
    public static CsvReader lenient(Reader in, char delimiter) {
        return new CsvReader(in, delimiter, false);
    }

    /** A reader for files a tool wrote: an unterminated quoted field throws {@link CsvFormatException}. */
    public static CsvReader strict(Reader in, char delimiter) {
        return new CsvReader(in, delimiter, true);
    }

    public char delimiter() {
        return delimiter;
    }

    /**
     * The 1-based line the reader stands on: before a {@link #next()} or {@link #skip()}, the line on
     * which the next record starts (blank lines before it not yet counted), for error messages. CRLF
     * and a lone CR count as one line end; line breaks inside quoted fields count too.
     */
    public long line() {
        return line;
    }

    /** The next record's fields, or null at end of input. */
    public List<String> next() throws IOException {
        List<String> record = new ArrayList<>();
        return readRecord(record) ? record : null;
    }

    /**
     * Reads past the next record; false at end of input. The counting path of every exact record
     * count, so it runs a small state machine straight over the char buffer instead of going through
     * {@link #read()} per character, and it never builds a string. It agrees with {@link #next()} on
     * where records end and on {@link #line()} (a randomised test holds it to that).
     */
    public boolean skip() throws IOException {
        int c = skipBlankLines(read());
        if (c == -1) {
            return false;
        }
        int state = advance(FIELD_START, (char) c);
        while (state < END) {
            if (position == limit) {
                int next = read(); // refills the buffer
                if (next == -1) {
                    if (state == QUOTED && strict) {
                        throw unterminated();
                    }
                    return true;
                }
                state = advance(state, (char) next);
                continue;
            }
            char[] chars = buffer;
            int p = position;
            int end = limit;
            while (p < end && state < END) {
                // Fast scans for the two states most characters are read in. Inside an unquoted field
                // only the delimiter, a quote or a line break (all <= '"' except the delimiter) matter;
                // inside a quoted field only a quote does, and a line feed for the line count.
                if (state == UNQUOTED) {
                    while (p < end && (chars[p] > '"' && chars[p] != delimiter)) {
                        p++;
                    }
                } else if (state == QUOTED) {
                    while (p < end && chars[p] != '"' && chars[p] != '\n') {
                        p++;
                    }
                }
                if (p < end) {
                    state = advance(state, chars[p++]);
                }
            }
            position = p;
        }
        if (state == END_AFTER_CR) {
            endLine('\r');
        }
        return true;
    }

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;
    private static final int END = 4;
    private static final int END_AFTER_CR = 5;

    /** One step of the record-boundary automaton of {@link #readRecord}, without the field contents. */
    private int advance(int state, char ch) {
        if (state == QUOTED) {
            if (ch == '\n') {
                line++;
            }
            return ch == '"' ? QUOTE_IN_QUOTED : QUOTED;
        }
        if (ch == '"') {
            if (state == FIELD_START) {
                return QUOTED;
            }
            if (state == QUOTE_IN_QUOTED) {
                return QUOTED; // a doubled quote inside a quoted field
            }
            return UNQUOTED; // a stray quote in an unquoted field is text
        }
        if (ch == delimiter) {
            return FIELD_START;
        }
        if (ch == '\n') {
            line++;
            return END;
        }
        if (ch == '\r') {
            return END_AFTER_CR; // counted by endLine, which also takes the LF of a CRLF
        }
        return UNQUOTED;
    }

    private boolean readRecord(List<String> record) throws IOException {
        int c = skipBlankLines(read());
        if (c == -1) {
            return false;
        }
        while (true) {
            field.setLength(0);
            fieldChars = 0;
            if (c == '"') {
                c = readQuoted();
            }
            while (c != delimiter && c != '\n' && c != '\r' && c != -1) {
                append(c);
                c = read();
            }
            record.add(field.toString());
            if (c == delimiter) {
                c = read();
                continue;
            }
            if (c != -1) {
                endLine(c);
            }
            return true;
        }
    }

    /** Blank lines are not records: reads past them, returns the first character of the next record. */
    private int skipBlankLines(int c) throws IOException {
        while (c == '\n' || c == '\r') {
            endLine(c);
            c = read();
        }
        return c;
    }

    /** Counts a line end; after a CR, takes the LF of a CRLF with it. */
    private void endLine(int c) throws IOException {
        line++;
        if (c == '\r') {
            int after = read();
            if (after != '\n') {
                pushedBack = after;
            }
        }
    }

    /** Reads a quoted field's content; returns the character after the closing quote. */
    private int readQuoted() throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                if (strict) {
                    throw unterminated();
                }
                return -1;
            }
            if (c == '"') {
                int after = read();
                if (after != '"') {
                    return after;
                }
            } else if (c == '\n') {
                line++;
            }
            append(c);
        }
    }

    private CsvFormatException unterminated() {
        return new CsvFormatException("unterminated quoted field before end of file");
    }

    private void append(int c) throws CsvFormatException {
        if (++fieldChars > MAX_FIELD_CHARS) {
            throw new CsvFormatException("a field longer than " + MAX_FIELD_CHARS + " characters");
        }
        field.append((char) c);
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
