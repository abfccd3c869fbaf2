package io.headroom.load.analyze;

/** A JTL file that cannot be read; the message names the file, line and column at fault. */
public final class JtlFormatException extends RuntimeException {
    public JtlFormatException(String message) {
        super(message);
    }
}
