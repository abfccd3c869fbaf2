package io.headroom.explorer.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the lake's bytes live: a local directory (the embedded default) or S3. Discovery lists it,
 * analysis and downloads read from it. Keys are validated by implementations: a key never reaches
 * outside the store (no {@code ..}, no absolute paths).
 */
public interface ObjectStore extends AutoCloseable {

    /** Every object in the store, paging through the listing as needed (never stopping at a page limit). */
    Stream<StoredObject> list() throws IOException;

    /** One object's listing entry, if it exists. */
    Optional<StoredObject> stat(String key) throws IOException;

    /** The whole object, streamed. */
    InputStream open(String key) throws IOException;

    /** Bytes {@code [offset, offset + length)} of the object, for footers (Parquet) and prefixes. */
    InputStream openRange(String key, long offset, long length) throws IOException;

    /**
     * A short-lived URL the client can fetch the whole object from itself, for objects large enough that
     * the bytes should not flow through this service (S3 presigning); empty when the store offers none.
     *
     * @param fileName the name the client should save the download as
     */
    default Optional<URI> directDownload(StoredObject object, String fileName) {
        return Optional.empty();
    }

    /**
     * Whether a failure of one of these calls says the store itself is failing (unreachable, timing out, a
     * server error), which counts towards its circuit breaker and is a 503, rather than the store answering
     * about this object or request (missing, not readable as asked, interrupted by our own shutdown).
     */
    default boolean isOutage(IOException failure) {
        return !(failure instanceof NoSuchFileException
                || failure instanceof AccessDeniedException
                || failure instanceof UnsupportedContentException
                || failure instanceof InterruptedIOException
                || failure instanceof ClosedByInterruptException);
    }

    /** A short description for logs and health checks, e.g. {@code local:/data/lake}. */
    String describe();

    @Override
    default void close() throws IOException {}
}
