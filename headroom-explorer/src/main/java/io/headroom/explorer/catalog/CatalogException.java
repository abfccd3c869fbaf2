package io.headroom.explorer.catalog;

/** A catalog database operation failed (connection lost, constraint broken). A server-side error, not bad input. */
public final class CatalogException extends RuntimeException {
    public CatalogException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
