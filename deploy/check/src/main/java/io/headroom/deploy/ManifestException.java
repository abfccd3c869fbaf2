package io.headroom.deploy;

/** A manifest the Kubernetes API would not accept as written; the message names file, object and field. */
public final class ManifestException extends RuntimeException {
    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
