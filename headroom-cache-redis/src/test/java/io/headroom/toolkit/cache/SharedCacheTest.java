package io.headroom.toolkit.cache;

import static io.headroom.toolkit.cache.InProcessCacheTest.bytes;
import static io.headroom.toolkit.cache.InProcessCacheTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.cache.redis.RedisSharedStore;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances sharing the real Redis: L2 hits, cross-instance invalidation, missed messages. */
class SharedCacheTest {
    private TestRedis redis;
    private TwoLevelCache a;
    private TwoLevelCache b;

    @BeforeEach
    void start() {
        redis = TestRedis.require();
    }

    @AfterEach
    void close() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    private TwoLevelCache instance(String id, SharedStore store) {
        return TwoLevelCache.builder()
                .instanceId(id)
                .shared(store)
                .syncInterval(Duration.ofMillis(200))
                .build();
    }

    private SharedStore store() {
        return new RedisSharedStore(redis.url(), redis.keyPrefix(), Duration.ofMillis(500), Duration.ofSeconds(2));
    }

    @Test
    void aSecondInstanceIsServedFromRedisWithoutLoading() {
        a = instance("a", store());
        b = instance("b", store());
        KeyspaceCache<byte[]> onA = a.keyspace(Keyspace.of("stats", TtlPreset.THIRTY_MINUTES), ValueCodec.bytes());
        KeyspaceCache<byte[]> onB = b.keyspace(Keyspace.of("stats", TtlPreset.THIRTY_MINUTES), ValueCodec.bytes());
        onA.getOrLoad("global", () -> bytes("42 datasets"));

        AtomicInteger loadsOnB = new AtomicInteger();
        byte[] seen = onB.getOrLoad("global", () -> {
            loadsOnB.incrementAndGet();
            return bytes("loaded on b");
        });
        assertThat(text(seen)).isEqualTo("42 datasets");
        assertThat(loadsOnB).hasValue(0);
        assertThat(onB.stats().l2Hits()).isEqualTo(1);
    }

    @Test
    void aRefreshAheadOfExpiryLoadsAFreshValueRatherThanTheAgeingSharedCopyAndSharesIt() {
        a = instance("a", store());
        b = instance("b", store());
        Keyspace pages = new Keyspace("pages", Duration.ofSeconds(2));
        KeyspaceCache<byte[]> onA = a.keyspace(pages, ValueCodec.bytes());
        KeyspaceCache<byte[]> onB = b.keyspace(pages, ValueCodec.bytes());
        onA.getOrLoad("page", () -> bytes("old")); // here and in Redis
        Await.until(() -> onA.getIfCached("page") == null, Duration.ofSeconds(10), "a reader on a claims the refresh");
        // Redis still holds "old" for the rest of its TTL: a refresh that read it would keep it another whole TTL.
        assertThat(text(onA.getOrLoad("page", () -> bytes("new")))).isEqualTo("new");
        AtomicInteger loadsOnB = new AtomicInteger();
        byte[] seen = onB.getOrLoad("page", () -> {
            loadsOnB.incrementAndGet();
            return bytes("loaded on b");
        });
        assertThat(text(seen)).isEqualTo("new");
        assertThat(loadsOnB).hasValue(0);
    }

    @Test
    void anInvalidationOnOneInstanceReachesTheOther() {
        a = instance("a", store());
        b = instance("b", store());
        KeyspaceCache<byte[]> onA = a.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
        KeyspaceCache<byte[]> onB = b.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
        AtomicReference<String> database = new AtomicReference<>("v1");
        onA.getOrLoad("page:1", () -> bytes(database.get()));
        onB.getOrLoad("page:1", () -> bytes(database.get()));
        assertThat(onB.getIfPresent("page:1")).isPresent();

        database.set("v2");
        long start = System.nanoTime();
        onA.invalidate("page:1");
        // The bound is the wait's deadline: an entry still there after 5 s fails here.
        Await.until(
                Duration.ofSeconds(5),
                "b drops page:1",
                () -> onB.getIfPresent("page:1").isEmpty());
        System.out.printf(
                "cross-instance invalidation delay: %.2f ms (measured by polling every 5 ms; "
                        + "sender-to-receiver %d ms)%n",
                (System.nanoTime() - start) / 1e6, b.stats().lastInvalidationDelayMillis());
        assertThat(text(onB.getOrLoad("page:1", () -> bytes(database.get())))).isEqualTo("v2");
    }

    @Test
    void tellsListenersAboutOtherInstancesInvalidationsOnly() {
        a = instance("a", store());
        b = instance("b", store());
        KeyspaceCache<byte[]> onA = a.keyspace(Keyspace.of("stats", TtlPreset.THIRTY_MINUTES), ValueCodec.bytes());
        b.keyspace(Keyspace.of("stats", TtlPreset.THIRTY_MINUTES), ValueCodec.bytes());
        List<String> heardOnA = new CopyOnWriteArrayList<>();
        List<String> heardOnB = new CopyOnWriteArrayList<>();
        a.onRemoteInvalidation(heardOnA::add);
        b.onRemoteInvalidation(heardOnB::add);

        onA.invalidate("global");
        Await.until(Duration.ofSeconds(5), "b hears a's invalidation", () -> heardOnB.contains("stats"));
        Await.until(
                Duration.ofSeconds(5),
                "a has received its own message",
                () -> a.stats().invalidationsReceived() >= 1);
        assertThat(heardOnA).isEmpty();
    }

    @Test
    void tagAndPrefixInvalidationsReachTheOtherInstanceAndRedis() {
        a = instance("a", store());
        b = instance("b", store());
        Keyspace ks = Keyspace.of("folder-stats", TtlPreset.ONE_HOUR);
        KeyspaceCache<byte[]> onA = a.keyspace(ks, ValueCodec.bytes());
        KeyspaceCache<byte[]> onB = b.keyspace(ks, ValueCodec.bytes());
        onA.getOrLoad("env:summary", Set.of("folder:env"), () -> bytes("old env"));
        onA.getOrLoad("geo:summary", Set.of("folder:geo"), () -> bytes("old geo"));
        onB.getOrLoad("env:summary", () -> bytes("unused")); // filled from L2, tags included
        onB.getOrLoad("geo:summary", () -> bytes("unused"));

        onA.invalidateTag("folder:env");
        Await.until(
                Duration.ofSeconds(5),
                "b drops the env entry",
                () -> onB.getIfPresent("env:summary").isEmpty());
        assertThat(onB.getIfPresent("geo:summary")).isPresent();
        // Redis no longer has it either: b must load it again.
        assertThat(text(onB.getOrLoad("env:summary", () -> bytes("new env")))).isEqualTo("new env");

        onB.invalidatePrefix("geo:");
        Await.until(
                Duration.ofSeconds(5),
                "a drops the geo entry",
                () -> onA.getIfPresent("geo:summary").isEmpty());
        assertThat(text(onA.getOrLoad("geo:summary", () -> bytes("new geo")))).isEqualTo("new geo");
    }

    @Test
    void anotherInstancesInvalidationBetweenALoadsCheckAndItsStoreLeavesNothingStale() throws Exception {
        invalidateWhileAHoldsItsStore(false, false);
    }

    @Test
    void anInvalidationHereBetweenALoadsCheckAndItsStoreLeavesNothingStaleInRedis() throws Exception {
        invalidateWhileAHoldsItsStore(true, false);
    }

    @Test
    void anInvalidationBetweenAnL2HitAndItsLocalStoreLeavesNothingStale() throws Exception {
        invalidateWhileAHoldsItsStore(false, true);
    }

    /**
     * Instance a reads page:1 (v1, from the loader or, with {@code inRedis}, from Redis) and is held
     * at its L1 store; meanwhile the data changes to v2 and a (with {@code here}) or b invalidates the
     * key, and a applies the message. The read is answered with v1; afterwards neither Redis (read
     * by b, which holds nothing in L1 for the key) nor a's L1 may serve v1.
     */
    private void invalidateWhileAHoldsItsStore(boolean here, boolean inRedis) throws Exception {
        a = instance("a", store());
        b = instance("b", store());
        KeyspaceCache<byte[]> onA = a.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
        KeyspaceCache<byte[]> onB = b.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
        AtomicReference<String> database = new AtomicReference<>("v1");
        if (inRedis) {
            onB.getOrLoad("page:1", () -> bytes(database.get()));
        }
        StoreGate gate = StoreGate.on(a);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<byte[]> read = threads.submit(
                    () -> onA.getOrLoad("page:1", () -> bytes(inRedis ? "not loaded: in Redis" : database.get())));
            gate.awaitLoadAtGate(); // a has v1 and has seen no invalidation so far

            database.set("v2");
            (here ? onA : onB).invalidate("page:1"); // here: applied at once, then comes back as a message too
            Await.until(
                    Duration.ofSeconds(5),
                    "a applies the message",
                    () -> a.stats().invalidationsReceived() >= 1);
            gate.open();

            assertThat(text(read.get())).isEqualTo("v1");
            assertThat(onA.stats().l2Hits()).isEqualTo(inRedis ? 1 : 0);
        }
        assertThat(onB.getIfPresent("page:1")).isEmpty();
        AtomicInteger loadsOnB = new AtomicInteger();
        assertThat(text(onB.getOrLoad("page:1", () -> {
                    loadsOnB.incrementAndGet();
                    return bytes(database.get());
                })))
                .isEqualTo("v2");
        assertThat(loadsOnB).as("b found nothing in Redis and loaded").hasValue(1);
        assertThat(onA.getIfPresent("page:1")).as("a's L1").isEmpty();
        assertThat(text(onA.getOrLoad("page:1", () -> bytes(database.get())))).isEqualTo("v2");
    }

    private KeyspaceCache<byte[]> heldA;
    private KeyspaceCache<byte[]> plainB;

    /**
     * Instances a and b on the keyspace "datasets" ({@link #heldA}, {@link #plainB}); a's subscription is
     * under the test's control and a compares versions with Redis only at the hour, so no tick can
     * catch it up behind the test's back.
     */
    private DeafStore heldAAndB() {
        DeafStore held = new DeafStore(store());
        a = TwoLevelCache.builder()
                .instanceId("a")
                .shared(held)
                .syncInterval(Duration.ofHours(1))
                .build();
        b = instance("b", store());
        heldA = a.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
        plainB = b.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
        return held;
    }

    /** Reads the key on b, whose loader counts; returns that count (0: b was served from Redis). */
    private int loadsOnB(String key, AtomicReference<String> served) {
        AtomicInteger loads = new AtomicInteger();
        served.set(text(plainB.getOrLoad(key, () -> {
            loads.incrementAndGet();
            return bytes("loaded on b");
        })));
        return loads.get();
    }

    /**
     * a invalidates and loads again while its own message is still held back: the load must reach
     * Redis at once (b, with nothing in L1, is served it without loading), and the message, when it
     * does arrive, changes nothing.
     */
    @Test
    void anInstancesOwnInvalidationLetsItsNextLoadReachRedisAtOnce() {
        DeafStore held = heldAAndB();
        AtomicReference<String> database = new AtomicReference<>("v1");
        heldA.getOrLoad("page:1", () -> bytes(database.get()));
        held.hold();

        database.set("v2");
        heldA.invalidate("page:1");
        assertThat(text(heldA.getOrLoad("page:1", () -> bytes(database.get())))).isEqualTo("v2");

        AtomicReference<String> served = new AtomicReference<>();
        assertThat(loadsOnB("page:1", served))
                .as("b was served a's fresh load from Redis")
                .isZero();
        assertThat(served).hasValue("v2");
        assertThat(plainB.stats().l2Hits()).isEqualTo(1);

        held.awaitHeld(1);
        held.release();
        assertThat(a.stats().invalidationsReceived()).isEqualTo(1);
        assertThat(heldA.getIfPresent("page:1"))
                .as("a's own message came back: nothing to do")
                .isPresent();
        assertThat(a.stats().versionGaps()).isZero();
    }

    /**
     * b's invalidation is still on its way to a when a makes its own: a must not claim its own
     * version yet (that would hide b's message if it were lost), so Redis still refuses a's loads;
     * once b's message arrives, a is at its own version again.
     */
    @Test
    void anOwnVersionWaitsForAnotherInstancesMessageBeforeIt() {
        DeafStore held = heldAAndB();
        held.hold();
        plainB.invalidate("page:2");
        held.awaitHeld(1);
        heldA.invalidate("page:1");
        heldA.getOrLoad("page:1", () -> bytes("loaded on a before b's message"));
        AtomicReference<String> served = new AtomicReference<>();
        assertThat(loadsOnB("page:1", served))
                .as("Redis refused a's load: a is not at its own version yet")
                .isOne();

        held.awaitHeld(2);
        held.release();
        assertThat(a.stats().versionGaps()).isZero();
        heldA.getOrLoad("page:3", () -> bytes("loaded on a after b's message"));
        assertThat(loadsOnB("page:3", served)).isZero();
        assertThat(served).hasValue("loaded on a after b's message");
    }

    /** b's message to a is lost, then a invalidates: when a's own message arrives, the gap before it drops the keyspace. */
    @Test
    void aLostMessageBeforeAnOwnInvalidationStillDropsTheKeyspace() {
        DeafStore held = heldAAndB();
        heldA.getOrLoad("page:2", () -> bytes("old page 2"));
        held.hold();
        plainB.invalidate("page:2");
        held.awaitHeld(1);
        held.discardHeld();

        heldA.invalidate("page:1");
        assertThat(heldA.getIfPresent("page:2"))
                .as("b's invalidation has not reached a")
                .isPresent();
        held.awaitHeld(1);
        held.release();
        assertThat(heldA.getIfPresent("page:2")).as("dropped with the keyspace").isEmpty();
        assertThat(a.stats().versionGaps()).isEqualTo(1);
    }

    /**
     * a's own invalidation lands while its maintenance tick waits for Redis's versions: the answer
     * predates it, and must not pass for Redis having lost data (which would drop the keyspace and
     * move a's version back, so Redis would refuse a's next load again).
     */
    @Test
    void anOwnInvalidationDuringTheVersionCheckIsNotTakenForLostData() {
        DeafStore held = heldAAndB();
        heldA.getOrLoad("page:2", () -> bytes("page 2"));
        held.afterVersionsRead.set(() -> heldA.invalidate("page:1"));
        a.maintain();

        assertThat(a.stats().versionGaps()).isZero();
        assertThat(heldA.getIfPresent("page:2")).isPresent();
        heldA.getOrLoad("page:3", () -> bytes("loaded on a"));
        AtomicReference<String> served = new AtomicReference<>();
        assertThat(loadsOnB("page:3", served)).as("Redis took a's load").isZero();
    }

    @Test
    void anInstanceThatMissedMessagesStopsServingStaleData() {
        a = instance("a", store());
        DeafStore deaf = new DeafStore(store());
        b = instance("b", deaf);
        KeyspaceCache<byte[]> onA = a.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
        KeyspaceCache<byte[]> onB = b.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
        AtomicReference<String> database = new AtomicReference<>("v1");
        onB.getOrLoad("page:1", () -> bytes(database.get()));

        deaf.deaf = true; // b's subscription silently loses everything from now on
        database.set("v2");
        onA.invalidate("page:1");

        Await.until(
                Duration.ofSeconds(5),
                "b notices the version moved and drops its entry",
                () -> onB.getIfPresent("page:1").isEmpty());
        assertThat(b.stats().versionGaps()).isPositive();
        assertThat(text(onB.getOrLoad("page:1", () -> bytes(database.get())))).isEqualTo("v2");
    }

    /**
     * The real Redis store, except that its subscription can be made to lose every message
     * ({@code deaf}) or to hold them until the test releases or discards them: delivery forced, not
     * hoped for.
     */
    static final class DeafStore implements SharedStore {
        private final SharedStore real;
        private final List<InvalidationMessage> held = new ArrayList<>();
        private Consumer<InvalidationMessage> listener;
        private boolean holding;
        volatile boolean deaf;
        /** Runs once, after the next version read and before its answer is returned. */
        final AtomicReference<Runnable> afterVersionsRead = new AtomicReference<>(() -> {});

        DeafStore(SharedStore real) {
            this.real = real;
        }

        @Override
        public Optional<byte[]> get(Keyspace keyspace, String key) {
            return real.get(keyspace, key);
        }

        @Override
        public void put(Keyspace k, String key, byte[] e, Set<String> tags, long v) {
            real.put(k, key, e, tags, v);
        }

        @Override
        public Optional<Long> invalidate(Invalidation i, String origin) {
            return real.invalidate(i, origin);
        }

        @Override
        public Optional<Map<String, Long>> versions(Collection<String> ks) {
            Optional<Map<String, Long>> versions = real.versions(ks);
            afterVersionsRead.getAndSet(() -> {}).run();
            return versions;
        }

        @Override
        public void subscribe(Consumer<InvalidationMessage> listener) {
            this.listener = listener;
            real.subscribe(this::deliver);
        }

        @Override
        public void maintain() {
            real.maintain();
        }

        @Override
        public StoreState state() {
            return real.state();
        }

        @Override
        public long errors() {
            return real.errors();
        }

        @Override
        public void close() {
            real.close();
        }

        private synchronized void deliver(InvalidationMessage message) {
            if (holding) {
                held.add(message);
            } else if (!deaf) {
                listener.accept(message);
            }
        }

        /** From now on messages wait for {@link #release()}. */
        synchronized void hold() {
            holding = true;
        }

        /** Waits until this many messages are held. */
        void awaitHeld(int count) {
            Await.until(Duration.ofSeconds(5), count + " messages held", () -> {
                synchronized (this) {
                    return held.size() >= count;
                }
            });
        }

        /** Loses the messages held so far. */
        synchronized void discardHeld() {
            held.clear();
        }

        /** Delivers the held messages in their order, and the next ones as they come. */
        synchronized void release() {
            held.forEach(listener);
            held.clear();
            holding = false;
        }
    }
}
