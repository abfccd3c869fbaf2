package io.headroom.toolkit.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cross-instance side of invalidation (docs/decisions/cache-invalidation.md): sends each
 * invalidation through the shared store, applies the other instances' messages in version order,
 * finds missed messages by comparing versions on every maintenance tick, and queues invalidations
 * made while Redis is unreachable to replay them in order once it answers.
 */
final class InvalidationSync {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationSync.class);
    /** Beyond this many invalidations waiting for Redis, replay whole keyspaces instead. */
    private static final int MAX_PENDING = 10_000;

    private final Map<String, KeyspaceState> keyspaces;
    private final SharedStore shared;
    private final String instanceId;
    private final BiConsumer<KeyspaceState, Invalidation> applyLocally;
    private final Queue<Invalidation> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong versionGaps = new AtomicLong();
    private volatile long lastDelayMillis = -1;
    private final List<Consumer<String>> remoteListeners = new CopyOnWriteArrayList<>();

    /** @param applyLocally removes what an invalidation covers from this instance's L1 */
    InvalidationSync(
            Map<String, KeyspaceState> keyspaces,
            SharedStore shared,
            String instanceId,
            BiConsumer<KeyspaceState, Invalidation> applyLocally) {
        this.keyspaces = keyspaces;
        this.shared = shared;
        this.instanceId = instanceId;
        this.applyLocally = applyLocally;
    }

    /**
     * In Redis, then here, then everywhere else; queued for replay when Redis cannot take it now.
     * Redis first: a read here that finds the old value in Redis before the script deleted it is then
     * caught by the epoch bump of the local step (it keeps nothing), which it would not be the other
     * way round. The version the script returns is applied here at once, so this instance's next
     * loads are stamped with it and Redis takes them, rather than refusing them until the message
     * comes back through pub/sub (where it is then a no-op).
     */
    void invalidate(KeyspaceState state, Invalidation invalidation) {
        Optional<Long> version = pending.isEmpty() ? shared.invalidate(invalidation, instanceId) : Optional.empty();
        applyLocally.accept(state, invalidation);
        version.ifPresentOrElse(v -> appliedOwn(state, v), () -> queueForReplay(state, invalidation));
    }

    /** This instance's own invalidation, already applied here, was given {@code version} by Redis. */
    private static void appliedOwn(KeyspaceState state, long version) {
        synchronized (state) {
            state.ownVersionsAhead.add(version);
            advanceOverOwn(state);
        }
    }

    /**
     * Moves the applied version over this instance's own invalidations that follow it directly. Never
     * further: a version below one of ours that is not applied yet is another instance's message,
     * still on its way or lost, and jumping over it would hide the gap. Call holding the state's lock.
     */
    private static void advanceOverOwn(KeyspaceState state) {
        long applied = state.version.get();
        state.ownVersionsAhead.headSet(applied, true).clear();
        while (!state.ownVersionsAhead.isEmpty() && state.ownVersionsAhead.first() == applied + 1) {
            applied = state.ownVersionsAhead.pollFirst();
        }
        state.version.set(applied);
    }

    /** The maintenance tick: replay what waits, then look for missed messages. */
    void tick() {
        replayPending();
        checkVersions();
    }

    /** Called with the keyspace each time another instance's invalidation (or a missed one) is applied here. */
    void onRemoteInvalidation(Consumer<String> listener) {
        remoteListeners.add(listener);
    }

    private void notifyRemote(KeyspaceState state) {
        remoteListeners.forEach(l -> l.accept(state.keyspace.name()));
    }

    long received() {
        return received.get();
    }

    long versionGaps() {
        return versionGaps.get();
    }

    long lastDelayMillis() {
        return lastDelayMillis;
    }

    void received(InvalidationMessage message) {
        try {
            apply(message);
        } finally {
            received.incrementAndGet(); // counted once applied, so a caller that sees the count knows it took effect
        }
    }

    private void apply(InvalidationMessage message) {
        KeyspaceState state = keyspaces.get(message.invalidation().keyspace());
        if (state == null) {
            return; // a keyspace this instance does not use
        }
        boolean remote = !message.origin().equals(instanceId);
        if (remote) {
            lastDelayMillis = Math.max(0, System.currentTimeMillis() - message.sentAtMillis());
            // Before L1 is dropped: a request that misses right after must not re-render from
            // other per-instance caches (the catalog's aggregates) that still hold the old data.
            notifyRemote(state);
        }
        synchronized (state) {
            long applied = state.version.get();
            if (message.version() > applied + 1) {
                dropKeyspace(state, "message " + message.version() + " arrived after " + applied);
            } else if (remote) {
                applyLocally.accept(state, message.invalidation());
            } // else our own, applied here before it was sent: applying it again would only discard fresh loads
            if (message.version() > applied) {
                state.version.set(message.version());
            }
            advanceOverOwn(state);
        }
    }

    /**
     * Compares the shared versions with the applied ones. A version ahead of ours may only mean its
     * message is on the way, so a keyspace is dropped when it is still behind at the next tick; a
     * version behind ours means Redis lost its data (a restart without persistence). A keyspace whose
     * applied version moved while Redis answered (a message, or an invalidation made here) is left
     * for the next tick: the answer may predate that move and would pass for lost data.
     */
    private void checkVersions() {
        if (keyspaces.isEmpty()) {
            return;
        }
        Map<String, Long> appliedBefore = new HashMap<>();
        keyspaces.forEach((name, state) -> appliedBefore.put(name, state.version.get()));
        shared.versions(keyspaces.keySet())
                .ifPresent(versions -> versions.forEach((name, current) -> {
                    KeyspaceState state = keyspaces.get(name);
                    synchronized (state) {
                        long applied = state.version.get();
                        if (!Long.valueOf(applied).equals(appliedBefore.get(name))) {
                            return;
                        }
                        if (current == applied) {
                            state.suspectVersion = 0;
                        } else if (current < applied || (state.suspectVersion != 0 && applied < state.suspectVersion)) {
                            dropKeyspace(state, "shared version " + current + ", applied " + applied);
                            if (current < applied) {
                                state.ownVersionsAhead.clear(); // versions of the history Redis lost
                            }
                            state.version.set(current);
                            advanceOverOwn(state);
                            state.suspectVersion = 0;
                        } else {
                            state.suspectVersion = current;
                        }
                    }
                }));
    }

    private void dropKeyspace(KeyspaceState state, String reason) {
        versionGaps.incrementAndGet();
        LOG.info(
                "Cache keyspace '{}' missed invalidations ({}); dropping its in-process entries",
                state.keyspace.name(),
                reason);
        notifyRemote(state);
        applyLocally.accept(state, new Invalidation.All(state.keyspace.name()));
    }

    private void queueForReplay(KeyspaceState state, Invalidation invalidation) {
        state.awaitingReplay = true;
        if (pending.size() >= MAX_PENDING) {
            pending.clear();
            keyspaces.values().forEach(s -> {
                s.awaitingReplay = true;
                pending.add(new Invalidation.All(s.keyspace.name()));
            });
        } else {
            pending.add(invalidation);
        }
    }

    private void replayPending() {
        for (Invalidation next = pending.peek(); next != null; next = pending.peek()) {
            Optional<Long> version = shared.invalidate(next, instanceId);
            if (version.isEmpty()) {
                return; // still unreachable; try again next tick
            }
            pending.remove(next);
            appliedOwn(keyspaces.get(next.keyspace()), version.get()); // applied here when it was queued
        }
        keyspaces.values().forEach(s -> s.awaitingReplay = false);
        if (!pending.isEmpty()) { // one was queued while we cleared the flags
            keyspaces.values().forEach(s -> s.awaitingReplay = true);
        }
    }
}
