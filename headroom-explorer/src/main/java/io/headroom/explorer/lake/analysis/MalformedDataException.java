package io.headroom.explorer.lake.analysis;

import java.io.IOException;

/** A file whose content is not what its format promises; analysis records it as unreadable. */
public final class MalformedDataException extends IOException {
    public MalformedDataException(String message) {
        super(message);
    }

    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
