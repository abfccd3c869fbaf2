package io.headroom.toolkit.cache;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** One keyspace of a {@link TwoLevelCache}, typed by its values. Thread-safe. */
public final class KeyspaceCache<V> {
    private final TwoLevelCache cache;
    private final KeyspaceState state;
    private final ValueCodec<V> codec;

    KeyspaceCache(TwoLevelCache cache, KeyspaceState state, ValueCodec<V> codec) {
        this.cache = cache;
        this.state = state;
        this.codec = codec;
    }

    public Keyspace keyspace() {
        return state.keyspace;
    }

    /** Read-through: L1, then L2, then the loader, which runs once however many threads miss this key together. */
    public V getOrLoad(String key, Supplier<V> loader) {
        return getOrLoad(key, Set.of(), loader);
    }

    /** As {@link #getOrLoad(String, Supplier)}, the entry carrying tags for {@link #invalidateTag}. */
    public V getOrLoad(String key, Set<String> tags, Supplier<V> loader) {
        checkKey(key);
        return cache.getOrLoad(state, codec, key, tags, loader);
    }

    /** The in-process entry only; counts nothing. */
    public Optional<V> getIfPresent(String key) {
        return cache.getIfPresent(state, key);
    }

    public void invalidate(String key) {
        cache.invalidate(new Invalidation.Key(name(), key));
    }

    public void invalidateTag(String tag) {
        cache.invalidate(new Invalidation.Tag(name(), tag));
    }

    public void invalidatePrefix(String prefix) {
        cache.invalidate(new Invalidation.Prefix(name(), prefix));
    }

    public void invalidateAll() {
        cache.invalidate(new Invalidation.All(name()));
    }

    public KeyspaceStats stats() {
        return state.snapshot();
    }

    private String name() {
        return state.keyspace.name();
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 1024) {
            throw new IllegalArgumentException("A cache key must be 1-1024 characters, not " + key);
        }
    }
}
