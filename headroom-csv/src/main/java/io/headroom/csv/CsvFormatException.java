package io.headroom.csv;

import java.io.IOException;

/** Input that is not CSV the reader can hold: an unterminated quote (strict mode) or a field over the size guard. */
public final class CsvFormatException extends IOException {
    public CsvFormatException(String message) {
        super(message);
    }
}
