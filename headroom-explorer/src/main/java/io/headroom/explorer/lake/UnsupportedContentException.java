package io.headroom.explorer.lake;

import java.io.IOException;

/**
 * A file in a format or encoding this service cannot decode (an Avro sample, a Parquet page in an
 * encoding we do not implement). Not a server fault: the web layer answers 422 with the message.
 */
public final class UnsupportedContentException extends IOException {
    public UnsupportedContentException(String message) {
        super(message);
    }
}
