package io.headroom.toolkit.cdn;

/** A purge the cache refused (status and the vendor's message) or that could not be sent. */
public final class CdnPurgeException extends RuntimeException {

    public CdnPurgeException(String message) {
        super(message);
    }

    public CdnPurgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
