package io.headroom.toolkit.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
        return cache.getOrLoad(state, codec, storedKey(key), tags, loader, false);
    }

    /**
     * As {@link #getOrLoad(String, Set, Supplier)}, except for the caller {@link #getIfCached} told to reload
     * an entry ahead of its expiry: here it gets the current entry at once (a hit), and the loader runs on the
     * cache's refresh threads (two, with a bounded queue), so no request waits for a refresh. Only for a loader
     * that still works after the call returns: one that reads the request it came from is fine while that
     * request's objects stay readable (Helidon's do), one that writes to its response is not.
     */
    public V getOrLoadRefreshingDetached(String key, Set<String> tags, Supplier<V> loader) {
        return cache.getOrLoad(state, codec, storedKey(key), tags, loader, true);
    }

    /**
     * The in-process entry, counted as a hit when it is there; null, with nothing counted, when it is not
     * (then call {@link #getOrLoad}, which counts). For a hot path that must not build a loader per call:
     * a hit allocates only the lookup key. Null rather than an Optional for the same reason.
     *
     * <p>Refresh ahead: once an entry has lived 80 % of its TTL, the first caller here gets null too, and
     * its {@link #getOrLoad} replaces the entry with a fresh load (not read from the shared level), while
     * every other caller keeps getting the current entry. A hot entry is then never missed at its expiry.
     * With {@link #getOrLoadRefreshingDetached}, that caller does not wait for the load either.
     */
    @SuppressWarnings("unchecked") // L1 holds this keyspace's values only
    public V getIfCached(String key) {
        return (V) cache.getIfCached(state, storedKey(key));
    }

    /**
     * As {@link #getIfCached}, as an Optional: a present entry counts as a hit, an absent one nothing, so a
     * host that splits the lookup from the load (the Spring starter's interceptor and filter) keeps exact
     * figures.
     */
    public Optional<V> getIfPresent(String key) {
        return Optional.ofNullable(getIfCached(key));
    }

    public void invalidate(String key) {
        cache.invalidate(new Invalidation.Key(name(), storedKey(key)));
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

    /**
     * Keys come from requests and may be long: beyond {@value #MAX_KEY} characters a key is kept as
     * its first {@value #KEPT} characters and a SHA-256 of the whole, so Redis keys stay small and
     * prefix invalidation still works on prefixes up to {@value #KEPT} characters.
     */
    static String storedKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("A cache key must not be empty");
        }
        if (key.length() <= MAX_KEY) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return key.substring(0, KEPT) + "#" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private static final int MAX_KEY = 256;
    private static final int KEPT = 128;
}
