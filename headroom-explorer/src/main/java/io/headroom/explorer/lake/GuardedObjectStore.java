package io.headroom.explorer.lake;

import io.headroom.toolkit.http.DependencyUnavailableException;
import io.headroom.toolkit.resilience.BreakerOpenException;
import io.headroom.toolkit.resilience.BreakerSettings;
import io.headroom.toolkit.resilience.DependencyBreaker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The object store behind a circuit breaker (RES-2). While the store fails (S3 unreachable, timing out or
 * answering 5xx), every call of a request would wait out the SDK's timeouts and retries; once half of the
 * recent calls failed, calls are refused at once for the open period instead. Either way the caller gets a
 * {@link DependencyUnavailableException}: a 503 with {@code Retry-After}, never a 500. A missing object or a
 * refused request is the store answering, not failing ({@link ObjectStore#isOutage}): it never opens the breaker.
 *
 * <p>A call is the opening of a read (the bytes that follow are the client's pace, not the store's health)
 * or a whole listing, which holds its permission until its last page or first failing page.
 */
public final class GuardedObjectStore implements ObjectStore {
    static final String DEPENDENCY = "The object store";
    private static final Duration RETRY_SOON = Duration.ofSeconds(1);

    private final ObjectStore store;
    private final DependencyBreaker breaker;

    public GuardedObjectStore(ObjectStore store, BreakerSettings settings) {
        this.store = store;
        this.breaker = new DependencyBreaker(
                DEPENDENCY, settings, failure -> failure instanceof IOException io && store.isOutage(io));
    }

    /** The breaker, for health and tests. */
    public DependencyBreaker breaker() {
        return breaker;
    }

    @Override
    public Stream<StoredObject> list() throws IOException {
        long start = acquire();
        Stream<StoredObject> listing;
        try {
            listing = store.list();
        } catch (IOException | RuntimeException | Error e) {
            throw failed(start, e);
        }
        GuardedListing guarded = new GuardedListing(listing.spliterator(), start);
        return StreamSupport.stream(guarded, false).onClose(() -> {
            try {
                listing.close();
            } finally {
                guarded.end();
            }
        });
    }

    @Override
    public Optional<StoredObject> stat(String key) throws IOException {
        return call(() -> store.stat(key));
    }

    @Override
    public InputStream open(String key) throws IOException {
        return call(() -> store.open(key));
    }

    @Override
    public InputStream openRange(String key, long offset, long length) throws IOException {
        return call(() -> store.openRange(key, offset, length));
    }

    /** Presigning is computed here, without a call to the store: nothing to guard. */
    @Override
    public Optional<URI> directDownload(StoredObject object, String fileName) {
        return store.directDownload(object, fileName);
    }

    @Override
    public boolean isOutage(IOException failure) {
        return failure instanceof DependencyUnavailableException || store.isOutage(failure);
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void close() throws IOException {
        store.close();
    }

    private interface StoreCall<T> {
        T run() throws IOException;
    }

    private <T> T call(StoreCall<T> call) throws IOException {
        long start = acquire();
        T result;
        try {
            result = call.run();
        } catch (IOException | RuntimeException | Error e) {
            throw failed(start, e);
        }
        breaker.succeeded(start);
        return result;
    }

    private long acquire() throws DependencyUnavailableException {
        try {
            return breaker.acquire();
        } catch (BreakerOpenException open) {
            throw new DependencyUnavailableException(
                    DEPENDENCY, "its circuit breaker is open", open.retryAfter(), open);
        }
    }

    /**
     * Records the failure (the breaker's predicate decides whether it counts) and returns what to throw:
     * an outage as {@link DependencyUnavailableException}, anything else as it was.
     */
    private IOException failed(long start, Throwable failure) {
        breaker.failed(start, failure);
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        IOException io = (IOException) failure;
        return store.isOutage(io) && !(io instanceof DependencyUnavailableException)
                ? new DependencyUnavailableException(DEPENDENCY, io.getMessage(), RETRY_SOON, io)
                : io;
    }

    /** A listing's pages as they come; the listing's one breaker call ends with its last or failing page. */
    private final class GuardedListing implements Spliterator<StoredObject> {
        private final Spliterator<StoredObject> pages;
        private final long start;
        private final AtomicBoolean ended = new AtomicBoolean();

        GuardedListing(Spliterator<StoredObject> pages, long start) {
            this.pages = pages;
            this.start = start;
        }

        @Override
        public boolean tryAdvance(Consumer<? super StoredObject> action) {
            boolean more;
            try {
                more = pages.tryAdvance(action);
            } catch (UncheckedIOException e) {
                if (ended.compareAndSet(false, true)) {
                    throw new UncheckedIOException(failed(start, e.getCause()));
                }
                throw e;
            }
            if (!more) {
                end();
            }
            return more;
        }

        /** The listing ended without a failing page (read to the end, or closed early). */
        void end() {
            if (ended.compareAndSet(false, true)) {
                breaker.succeeded(start);
            }
        }

        @Override
        public Spliterator<StoredObject> trySplit() {
            return null; // one listing, read in order
        }

        @Override
        public long estimateSize() {
            return pages.estimateSize();
        }

        @Override
        public int characteristics() {
            return pages.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
        }
    }
}
