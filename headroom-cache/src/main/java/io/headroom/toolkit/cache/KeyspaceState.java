package io.headroom.toolkit.cache;

import io.headroom.toolkit.metrics.RequestCost;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the cache keeps per keyspace: counters, and the two numbers of the invalidation protocol.
 * {@code version} is the highest shared version this instance has applied (messages arrive in
 * version order, so a jump means missed messages); {@code epoch} changes on every invalidation
 * applied here, whatever its source, so a load that started before one knows not to store its result.
 */
final class KeyspaceState {
    final Keyspace keyspace;
    final AtomicLong version = new AtomicLong();
    final AtomicLong epoch = new AtomicLong();
    /**
     * Versions of this instance's own invalidations, applied here, that {@code version} cannot move to
     * yet because another instance's message before them has not arrived. Guarded by this object.
     */
    final NavigableSet<Long> ownVersionsAhead = new TreeSet<>();
    /** Set while invalidations made during a Redis outage wait to be replayed: L2 may be stale until then. */
    volatile boolean awaitingReplay;
    /** A shared version seen ahead of ours at the last tick: if we are still behind it next tick, we missed its message. */
    volatile long suspectVersion;

    final LongAdder hits = new LongAdder();
    final LongAdder l2Hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadTimeNanos = new LongAdder();
    final LongAdder evictions = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder entries = new LongAdder();
    final LongAdder bytes = new LongAdder();

    KeyspaceState(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** A lookup served from the cache; also charged to the request being handled, if any (slow-request breakdown). */
    void hit() {
        hits.increment();
        RequestCost cost = RequestCost.current();
        if (cost != null) {
            cost.cacheHit();
        }
    }

    /** A lookup that had to load; also charged to the request being handled, if any. */
    void miss() {
        misses.increment();
        RequestCost cost = RequestCost.current();
        if (cost != null) {
            cost.cacheMiss();
        }
    }

    KeyspaceStats snapshot() {
        return new KeyspaceStats(
                keyspace.name(),
                keyspace.ttl().toSeconds(),
                hits.sum(),
                l2Hits.sum(),
                misses.sum(),
                loads.sum(),
                loadTimeNanos.sum(),
                evictions.sum(),
                errors.sum(),
                entries.sum(),
                bytes.sum());
    }
}
