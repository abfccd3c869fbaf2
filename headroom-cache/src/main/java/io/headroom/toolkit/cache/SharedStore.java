package io.headroom.toolkit.cache;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The second level, shared by every instance, and the invalidation bus between them. Every method
 * answers within a short timeout and never throws: when the store is unreachable a read is a miss,
 * a write is skipped, and {@link #invalidate} returns empty so the caller can replay it later.
 */
public interface SharedStore extends AutoCloseable {

    /** The encoded entry, empty on a miss or when the store is unavailable. */
    Optional<byte[]> get(Keyspace keyspace, String key);

    /**
     * Stores an entry unless the keyspace's version is no longer {@code loadedAtVersion}: a value
     * loaded before an invalidation must not overwrite it.
     */
    void put(Keyspace keyspace, String key, byte[] encoded, Set<String> tags, long loadedAtVersion);

    /** Removes the matching entries, bumps the keyspace version and publishes; the new version, or empty if unavailable. */
    Optional<Long> invalidate(Invalidation invalidation, String origin);

    /** The current versions of these keyspaces (0 when never invalidated), or empty if unavailable. */
    Optional<Map<String, Long>> versions(Collection<String> keyspaces);

    /** Starts delivering every instance's invalidation messages (including this one's) to the listener. */
    void subscribe(Consumer<InvalidationMessage> listener);

    /** Reconnects if needed; called by the cache's maintenance tick. */
    void maintain();

    StoreState state();

    /** Redis errors seen since start (timeouts, refused connections, script failures). */
    long errors();

    @Override
    void close();

    /** Where the shared level stands. */
    enum StoreState {
        DISABLED,
        UP,
        DOWN,
        CIRCUIT_OPEN
    }

    /** No shared level: the in-process cache alone, without cross-instance invalidation. */
    static SharedStore none() {
        return new SharedStore() {
            @Override
            public Optional<byte[]> get(Keyspace keyspace, String key) {
                return Optional.empty();
            }

            @Override
            public void put(Keyspace keyspace, String key, byte[] encoded, Set<String> tags, long loadedAtVersion) {}

            @Override
            public Optional<Long> invalidate(Invalidation invalidation, String origin) {
                return Optional.of(0L);
            }

            @Override
            public Optional<Map<String, Long>> versions(Collection<String> keyspaces) {
                return Optional.empty();
            }

            @Override
            public void subscribe(Consumer<InvalidationMessage> listener) {}

            @Override
            public void maintain() {}

            @Override
            public StoreState state() {
                return StoreState.DISABLED;
            }

            @Override
            public long errors() {
                return 0;
            }

            @Override
            public void close() {}
        };
    }
}
