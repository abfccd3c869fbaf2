package io.headroom.toolkit.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two-level cache (CACHE-1..5, 7, 8): Caffeine in process over a {@link SharedStore} (Redis),
 * read-through with single flight, invalidation by key, tag, prefix or keyspace that reaches every
 * instance.
 *
 * <p>How an instance stays coherent (docs/decisions/cache-invalidation.md): an invalidation is run
 * as one atomic Redis script that deletes the L2 entries, increments the keyspace's version and
 * publishes the message carrying that version, then applied to the local L1 (with that version, at
 * once: the invalidating instance does not wait for its own message). Receivers apply
 * messages in version order; a maintenance tick compares the versions in Redis with the ones applied
 * here, and a keyspace whose version moved on without its message (a reconnect, a failover, a lost
 * subscriber) is dropped from L1 rather than served stale. Invalidations made while Redis is
 * unreachable are queued and replayed when it is back; until then L2 is not read for that keyspace.
 * That protocol lives in {@link InvalidationSync}; this class is the read path and L1.
 */
public final class TwoLevelCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TwoLevelCache.class);
    /** The share of its TTL after which an entry read through {@link #getIfCached} is reloaded ahead of expiry. */
    static final int REFRESH_AHEAD_PERCENT = 80;
    /** Refreshes ahead of expiry run on at most this many threads, with at most REFRESH_QUEUE waiting. */
    private static final int REFRESH_THREADS = 2;

    private static final int REFRESH_QUEUE = 256;

    private final Cache<L1Key, L1Entry> l1;
    private final Map<String, KeyspaceState> keyspaces = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<L1Key, Flight> inFlight = new ConcurrentHashMap<>();
    private final SharedStore shared;
    private final String instanceId;
    private final long maxBytes;
    private final long maxEntries;
    private final ScheduledExecutorService maintenance;
    private final ExecutorService refresher;
    private final InvalidationSync sync;
    private final List<Consumer<String>> keyspaceListeners = new CopyOnWriteArrayList<>();
    /**
     * Test seam (StoreGate): runs after a load's first "nothing was invalidated" check, just before it
     * stores its value in L1. A plain field read, on the miss path only.
     */
    Runnable beforeLocalStore = () -> {};

    private TwoLevelCache(Builder b) {
        this.shared = b.shared;
        this.instanceId = b.instanceId;
        this.maxBytes = b.maxBytes;
        this.maxEntries = b.maxEntries;
        // Caffeine bounds a cache by entry count or by weight, not both. Weighing each entry at least
        // maxBytes/maxEntries gives both bounds at once: the weights sum to at most maxBytes, so there
        // are at most maxEntries entries, and since weight >= size, at most maxBytes bytes.
        long floor = Math.max(1, maxBytes / maxEntries);
        this.l1 = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((L1Key k, L1Entry e) -> (int) Math.min(Integer.MAX_VALUE, Math.max(floor, e.weight())))
                // writing, not creating: a refresh ahead of expiry replaces the entry, and the new value must
                // live a whole TTL from then; with creating, it kept the old entry's expiry, so the hot page
                // still expired for every reader at once (ceiling-windows.sh's window 20)
                .expireAfter(Expiry.writing((L1Key k, L1Entry e) -> e.ttl()))
                .executor(Runnable::run) // removal bookkeeping on the calling thread keeps entries/bytes exact
                .removalListener(this::removed)
                .build();
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cache-maintenance");
            t.setDaemon(true);
            return t;
        });
        // Off the request carriers and bounded: a refresh is a load nobody waits for, so it must not take a
        // request's thread (ceiling-windows.sh: the one request that paid a 690 ms page reload was its window's
        // p99) nor run unbounded when many entries come due together. Full queue: the refresh is skipped, the
        // entry stays and is claimable again, and at worst expires into an ordinary miss.
        ThreadPoolExecutor refreshPool = new ThreadPoolExecutor(
                REFRESH_THREADS, REFRESH_THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(REFRESH_QUEUE), r -> {
                    Thread t = new Thread(r, "cache-refresh");
                    t.setDaemon(true);
                    return t;
                });
        refreshPool.allowCoreThreadTimeOut(true);
        this.refresher = refreshPool;
        this.sync = new InvalidationSync(keyspaces, shared, instanceId, this::applyLocally);
        shared.subscribe(sync::received);
        long tick = b.syncInterval.toMillis();
        maintenance.scheduleWithFixedDelay(this::maintain, tick, tick, TimeUnit.MILLISECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The typed view of one keyspace; call once per keyspace at start-up. */
    public <V> KeyspaceCache<V> keyspace(Keyspace keyspace, ValueCodec<V> codec) {
        KeyspaceState state = new KeyspaceState(keyspace);
        if (keyspaces.putIfAbsent(keyspace.name(), state) != null) {
            throw new IllegalArgumentException("Keyspace '" + keyspace.name() + "' is already registered");
        }
        // Start from the shared version: nothing is cached here yet, so nothing can be stale.
        shared.versions(List.of(keyspace.name()))
                .ifPresent(v -> state.version.set(v.getOrDefault(keyspace.name(), 0L)));
        keyspaceListeners.forEach(listener -> listener.accept(keyspace.name()));
        return new KeyspaceCache<>(this, state, codec);
    }

    /**
     * Runs the action for every keyspace, those registered already and those registered later (with
     * the keyspace name, on the registering thread): what per-keyspace meters bind through, so a host
     * can bind them before its keyspaces exist. An action may see a keyspace twice; keep it idempotent.
     */
    public void forEachKeyspace(Consumer<String> action) {
        keyspaceListeners.add(action); // first, so a keyspace registered meanwhile is not missed
        keyspaces.keySet().forEach(action);
    }

    /** One keyspace's figures, without the whole {@link #stats()} document; empty for an unknown name. */
    public Optional<KeyspaceStats> keyspaceStats(String keyspace) {
        return Optional.ofNullable(keyspaces.get(keyspace)).map(KeyspaceState::snapshot);
    }

    /** Applies invalidations here and on every instance, in order. */
    public void invalidate(Collection<? extends Invalidation> invalidations) {
        invalidations.forEach(this::invalidate);
    }

    public void invalidate(Invalidation requested) {
        Invalidation invalidation = requested instanceof Invalidation.Key k
                ? new Invalidation.Key(k.keyspace(), KeyspaceCache.storedKey(k.key())) // long keys are stored shortened
                : requested;
        sync.invalidate(state(invalidation.keyspace()), invalidation);
    }

    /**
     * Runs the listener (with the keyspace name) whenever an invalidation made by another instance,
     * or one this instance missed, is applied here, before its L1 entries go: the place to drop
     * other per-instance caches the keyspace's values are built from. Runs on the Redis
     * subscriber's thread or the maintenance thread: keep it short.
     */
    public void onRemoteInvalidation(Consumer<String> listener) {
        sync.onRemoteInvalidation(listener);
    }

    public CacheStats stats() {
        List<KeyspaceStats> list = keyspaces.values().stream()
                .map(KeyspaceState::snapshot)
                .sorted((a, b) -> a.keyspace().compareTo(b.keyspace()))
                .toList();
        return new CacheStats(
                list,
                shared.state(),
                shared.errors(),
                sync.received(),
                sync.versionGaps(),
                sync.lastDelayMillis(),
                maxBytes,
                maxEntries);
    }

    public String instanceId() {
        return instanceId;
    }

    /** Runs one maintenance tick now (reconnect, replay, version check); the schedule does this by itself. */
    public void maintain() {
        try {
            shared.maintain();
            sync.tick();
        } catch (RuntimeException e) {
            LOG.warn("Cache maintenance failed; will retry on the next tick", e);
        }
    }

    @Override
    public void close() {
        maintenance.shutdownNow();
        refresher.shutdownNow();
        shared.close();
    }

    // ---- read path (called by KeyspaceCache) -------------------------------------------------

    /**
     * The in-process value, counted as a hit; null, with nothing counted, when there is none, or when the
     * entry has lived past {@link #REFRESH_AHEAD_PERCENT} % of its TTL and this caller is the first to see it:
     * that caller's {@link #getOrLoad} gets this entry at once and starts its reload in the background, while
     * everyone else keeps getting this entry. So a hot entry is replaced before it expires, instead of every
     * request waiting for the load at its expiry (ceiling-windows.sh saw 16 requests wait 1.3 s for one
     * page), and no request waits for the replacement either. An entry nobody reads near its end expires as
     * before.
     */
    Object getIfCached(KeyspaceState state, String key) {
        L1Entry cached = l1.getIfPresent(new L1Key(state.keyspace.name(), key));
        if (cached == null || cached.claimRefresh()) {
            return null;
        }
        state.hit();
        return cached.value();
    }

    /**
     * @param detached where the reload of an entry {@link #getIfCached} claimed for refresh runs: false, in
     *     this call, which answers with the reloaded value; true, on the refresh threads, and this call answers
     *     with the current entry at once (the loader must then not depend on anything that ends with the
     *     caller's request)
     */
    @SuppressWarnings("unchecked")
    <V> V getOrLoad(
            KeyspaceState state,
            ValueCodec<V> codec,
            String key,
            Set<String> tags,
            Supplier<V> loader,
            boolean detached) {
        L1Key k = new L1Key(state.keyspace.name(), key);
        L1Entry cached = l1.getIfPresent(k);
        if (cached != null) {
            if (cached.startRefresh()) {
                if (!detached) {
                    return loadInFlight(state, codec, k, tags, loader);
                }
                refreshInBackground(state, codec, k, tags, loader, cached);
            }
            state.hit();
            return (V) cached.value();
        }
        return loadInFlight(state, codec, k, tags, loader);
    }

    private <V> void refreshInBackground(
            KeyspaceState state, ValueCodec<V> codec, L1Key k, Set<String> tags, Supplier<V> loader, L1Entry ageing) {
        try {
            refresher.execute(() -> {
                try {
                    loadInFlight(state, codec, k, tags, loader);
                } catch (RuntimeException e) {
                    // The ageing entry stays until its expiry, when a reader loads it the ordinary way (and sees
                    // the error, if it persists). Counted in the keyspace's errors by loadOnce.
                    LOG.warn("Refresh ahead of expiry of {} failed; the entry stays until its TTL", k, e);
                }
            });
        } catch (RejectedExecutionException e) {
            ageing.abandonRefresh(); // the queue is full or the cache closed: a later reader may try again
        }
    }

    @SuppressWarnings("unchecked")
    private <V> V loadInFlight(
            KeyspaceState state, ValueCodec<V> codec, L1Key k, Set<String> tags, Supplier<V> loader) {
        Flight flight = new Flight(new CompletableFuture<>(), state.epoch.get());
        for (Flight running = inFlight.putIfAbsent(k, flight);
                running != null;
                running = inFlight.putIfAbsent(k, flight)) {
            if (running.epoch() == state.epoch.get()) {
                // Single flight: another thread is already loading this key; wait for its result (a hit
                // in the sense that no load of our own was needed).
                state.hit();
                return (V) await(running.result());
            }
            // That load began before an invalidation applied here, so it may bring back what was
            // invalidated: a read that starts after the invalidation must not wait for it. Ours replaces it.
            if (inFlight.replace(k, running, flight)) {
                break;
            }
        }
        try {
            V value = loadOnce(state, codec, k, tags, loader, flight.epoch());
            flight.result().complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            flight.result().completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(k, flight);
        }
    }

    /** @param epoch the keyspace epoch when this load's flight began: what keepLocally compares with */
    @SuppressWarnings("unchecked")
    private <V> V loadOnce(
            KeyspaceState state, ValueCodec<V> codec, L1Key k, Set<String> tags, Supplier<V> loader, long epoch) {
        L1Entry again = l1.getIfPresent(k); // a flight may have finished between our miss and our flight
        if (again != null && !again.refreshing()) {
            state.hit();
            return (V) again.value();
        }
        // A refresh ahead of expiry does not read the shared level: it holds the same ageing value, which
        // would then live here for another whole TTL.
        boolean refresh = again != null;
        long version = state.version.get();
        boolean useShared = shared.state() != SharedStore.StoreState.DISABLED && !state.awaitingReplay;
        if (useShared && !refresh) {
            Optional<byte[]> stored = shared.get(state.keyspace, k.key());
            if (stored.isPresent()) {
                Envelope envelope = Envelope.decode(stored.get());
                V value = codec.decode(envelope.payload());
                state.hit();
                state.l2Hits.increment();
                keepLocally(state, k, value, envelope.tags(), envelope.payload().length, epoch);
                return value;
            }
        }
        state.miss();
        long start = System.nanoTime();
        V value;
        try {
            value = loader.get();
        } catch (RuntimeException | Error e) {
            state.errors.increment();
            throw e;
        } finally {
            state.loads.increment();
            state.loadTimeNanos.add(System.nanoTime() - start);
        }
        if (value == null) {
            state.errors.increment();
            throw new IllegalStateException("The loader of " + k + " returned null; cache an explicit absence instead");
        }
        // An invalidation applied while we loaded may concern what we loaded: answer with it, keep nothing.
        if (state.epoch.get() == epoch) {
            byte[] encoded = useShared ? codec.encode(value) : null;
            boolean kept =
                    keepLocally(state, k, value, tags, encoded != null ? encoded.length : codec.weigh(value), epoch);
            if (kept && useShared) {
                // Redis guards itself: the PUT script stores only while the keyspace version is still `version`.
                shared.put(state.keyspace, k.key(), new Envelope(tags, encoded).encode(), tags, version);
            }
        }
        return value;
    }

    /**
     * Stores a value in L1 unless an invalidation was applied here since its load began (the epoch
     * moved); false when it did. Checking and then putting would leave a window: an invalidation
     * landing between the two removes nothing, and the old value stays for its whole TTL. So we put,
     * then look again. {@link #applyLocally} bumps the epoch <em>before</em> it removes entries, so
     * either the second look sees the bump (and we take our own entry back out), or the bump, and
     * the removal after it, come after our put, and that removal takes it. Costs one volatile read
     * per miss, nothing on a hit.
     */
    private boolean keepLocally(
            KeyspaceState state, L1Key k, Object value, Set<String> tags, int payloadBytes, long epoch) {
        if (state.epoch.get() != epoch) {
            return false;
        }
        beforeLocalStore.run();
        int weight = payloadBytes + 2 * k.key().length() + 64; // 64: entry, key and node overhead, roughly
        L1Entry entry = L1Entry.of(value, Set.copyOf(tags), weight, state.keyspace.ttl());
        state.entries.increment();
        state.bytes.add(weight);
        l1.put(k, entry);
        if (state.epoch.get() != epoch) {
            l1.asMap().remove(k, entry); // only ours: a newer load's entry stays
            return false;
        }
        return true;
    }

    private void removed(L1Key key, L1Entry entry, RemovalCause cause) {
        KeyspaceState state = key == null ? null : keyspaces.get(key.keyspace());
        if (state == null || entry == null) {
            return;
        }
        state.entries.decrement();
        state.bytes.add(-entry.weight());
        if (cause.wasEvicted()) {
            state.evictions.increment();
        }
    }

    private static Object await(CompletableFuture<Object> flight) {
        try {
            return flight.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    // ---- invalidation (the protocol is in InvalidationSync) -----------------------------------

    /** Removes what an invalidation covers from L1, and marks the keyspace so loads in flight keep nothing. */
    private void applyLocally(KeyspaceState state, Invalidation invalidation) {
        state.epoch.incrementAndGet(); // before removing anything: keepLocally relies on this order
        if (invalidation instanceof Invalidation.Key key) {
            l1.invalidate(new L1Key(state.keyspace.name(), key.key()));
            return;
        }
        // Tag, prefix and keyspace invalidations scan L1: it is bounded and in memory, and this
        // keeps no per-tag index that could leak; they are rare next to reads.
        String name = state.keyspace.name();
        List<L1Key> matching = new ArrayList<>();
        l1.asMap().forEach((k, e) -> {
            if (k.keyspace().equals(name) && invalidation.matches(k.key(), e.tags())) {
                matching.add(k);
            }
        });
        l1.invalidateAll(matching);
    }

    private KeyspaceState state(String keyspace) {
        KeyspaceState state = keyspaces.get(keyspace);
        if (state == null) {
            throw new IllegalArgumentException(
                    "Unknown cache keyspace '" + keyspace + "'; known: " + keyspaces.keySet());
        }
        return state;
    }

    record L1Key(String keyspace, String key) {}

    /** A load in progress and the keyspace epoch it began under (a later epoch must not wait for it). */
    private record Flight(CompletableFuture<Object> result, long epoch) {}

    /**
     * @param refreshAtNanos from when on ({@link System#nanoTime}) the first reader has the entry reloaded
     * @param refresh {@link #FRESH}, then {@link #CLAIMED} by the first {@link #getIfCached} past that point (it
     *     answers null, so its caller comes back through {@link #getOrLoad} with a loader), then
     *     {@link #REFRESHING} once a getOrLoad started the reload: one reload per entry
     */
    record L1Entry(
            Object value, Set<String> tags, int weight, Duration ttl, long refreshAtNanos, AtomicInteger refresh) {
        static final int FRESH = 0;
        static final int CLAIMED = 1;
        static final int REFRESHING = 2;

        static L1Entry of(Object value, Set<String> tags, int weight, Duration ttl) {
            long refreshAfter = ttl.toNanos() / 100 * REFRESH_AHEAD_PERCENT;
            return new L1Entry(value, tags, weight, ttl, System.nanoTime() + refreshAfter, new AtomicInteger(FRESH));
        }

        /** True for the one {@link #getIfCached} caller that sees the entry past its refresh point first. */
        boolean claimRefresh() {
            return due() && refresh.get() == FRESH && refresh.compareAndSet(FRESH, CLAIMED);
        }

        /**
         * True for the one {@link #getOrLoad} caller that is to start the reload of an entry {@link #getIfCached}
         * claimed. (An entry read only through getOrLoad is never claimed: it expires at its TTL.)
         */
        boolean startRefresh() {
            return refresh.get() == CLAIMED && refresh.compareAndSet(CLAIMED, REFRESHING);
        }

        /** The reload could not be started; the next reader past the refresh point claims it again. */
        void abandonRefresh() {
            refresh.set(FRESH);
        }

        boolean refreshing() {
            return refresh.get() == REFRESHING;
        }

        private boolean due() {
            return System.nanoTime() - refreshAtNanos >= 0;
        }
    }

    /** The single way to make a {@link TwoLevelCache}. */
    public static final class Builder {
        private long maxBytes = 100L * 1024 * 1024;
        private long maxEntries = 100_000;
        private SharedStore shared = SharedStore.none();
        private Duration syncInterval = Duration.ofSeconds(1);
        private String instanceId = UUID.randomUUID().toString().substring(0, 8);

        private Builder() {}

        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1024) {
                throw new IllegalArgumentException("maxBytes must be at least 1024, not " + maxBytes);
            }
            this.maxBytes = maxBytes;
            return this;
        }

        public Builder maxEntries(long maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be positive, not " + maxEntries);
            }
            this.maxEntries = maxEntries;
            return this;
        }

        public Builder shared(SharedStore shared) {
            this.shared = shared;
            return this;
        }

        /** How often versions are compared with Redis: the staleness bound after missed messages is twice this. */
        public Builder syncInterval(Duration syncInterval) {
            if (syncInterval.isZero() || syncInterval.isNegative()) {
                throw new IllegalArgumentException("syncInterval must be positive, not " + syncInterval);
            }
            this.syncInterval = syncInterval;
            return this;
        }

        public Builder instanceId(String instanceId) {
            this.instanceId = instanceId;
            return this;
        }

        public TwoLevelCache build() {
            return new TwoLevelCache(this);
        }
    }
}
