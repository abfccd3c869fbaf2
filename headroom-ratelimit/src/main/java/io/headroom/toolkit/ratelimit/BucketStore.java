package io.headroom.toolkit.ratelimit;

/** Where buckets live: this process, or Redis (shared by every instance). */
public interface BucketStore extends AutoCloseable {
    /** Takes one token from the bucket {@code key} of {@code limit}, creating it full when it does not exist. */
    Probe take(String key, RateLimit limit);

    /** Which store answers now ({@code local}, {@code redis}, {@code local-fallback}), for logs and health. */
    String describe();

    @Override
    default void close() {}
}
