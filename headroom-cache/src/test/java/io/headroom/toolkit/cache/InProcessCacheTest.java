package io.headroom.toolkit.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.metrics.RequestCost;
import io.headroom.toolkit.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-process level alone (no REDIS_URL): read-through, single flight, bounds, invalidation, stats. */
class InProcessCacheTest {
    private final TwoLevelCache cache =
            TwoLevelCache.builder().maxBytes(64 * 1024).maxEntries(1000).build();
    private final KeyspaceCache<byte[]> datasets =
            cache.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void loadsOnceThenServesHits() {
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(text(datasets.getOrLoad("page:1", () -> bytes("v" + loads.incrementAndGet()))))
                    .isEqualTo("v1");
        }
        KeyspaceStats stats = datasets.stats();
        assertThat(loads).hasValue(1);
        assertThat(stats.loads()).isEqualTo(1);
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.hitRate()).isEqualTo(2.0 / 3);
        assertThat(stats.entries()).isEqualTo(1);
        assertThat(stats.bytes()).isPositive();
    }

    @Test
    void countsHitsAndMissesInTheCurrentRequestsCost() {
        RequestCost cost = RequestCost.begin();
        datasets.getOrLoad("costed", () -> bytes("v"));
        datasets.getOrLoad("costed", () -> bytes("v"));
        datasets.getOrLoad("costed", () -> bytes("v"));
        RequestCost.Breakdown breakdown = cost.end();
        assertThat(breakdown.cacheMisses()).isEqualTo(1);
        assertThat(breakdown.cacheHits()).isEqualTo(2);
    }

    @Test
    void fiveHundredConcurrentMissesOfOneKeyCauseExactlyOneLoad() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch loaderEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allStarted = new CountDownLatch(500);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                results.add(threads.submit(() -> {
                    allStarted.countDown();
                    return text(datasets.getOrLoad("hot", () -> {
                        loads.incrementAndGet();
                        loaderEntered.countDown();
                        await(release); // hold the load open until every caller has asked
                        return bytes("loaded");
                    }));
                }));
            }
            allStarted.await();
            loaderEntered.await();
            release.countDown();
            for (Future<String> r : results) {
                assertThat(r.get()).isEqualTo("loaded");
            }
        }
        assertThat(loads).hasValue(1);
        assertThat(datasets.stats().loads()).isEqualTo(1);
    }

    @Test
    void aFailedLoadReachesEveryWaiterAndIsNotCached() {
        assertThatThrownBy(() -> datasets.getOrLoad("broken", () -> {
                    throw new IllegalStateException("database down");
                }))
                .hasMessage("database down");
        assertThat(text(datasets.getOrLoad("broken", () -> bytes("ok")))).isEqualTo("ok");
        assertThat(datasets.stats().errors()).isEqualTo(1);
    }

    @Test
    void staysWithinTheByteBound() {
        for (int i = 0; i < 200; i++) {
            datasets.getOrLoad("big:" + i, () -> new byte[4096]);
        }
        cache.maintain();
        KeyspaceStats stats = datasets.stats();
        assertThat(stats.bytes()).isLessThanOrEqualTo(64 * 1024);
        assertThat(stats.evictions()).isPositive();
    }

    @Test
    void staysWithinTheEntryBoundForTinyValues() {
        try (TwoLevelCache small =
                TwoLevelCache.builder().maxBytes(1024 * 1024).maxEntries(10).build()) {
            KeyspaceCache<byte[]> ks = small.keyspace(Keyspace.of("tiny", TtlPreset.ONE_MINUTE), ValueCodec.bytes());
            for (int i = 0; i < 100; i++) {
                ks.getOrLoad("k" + i, () -> new byte[1]);
            }
            assertThat(ks.stats().entries()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void invalidatesByKeyTagPrefixAndKeyspace() {
        datasets.getOrLoad("list:env:1", Set.of("folder:env"), () -> bytes("a"));
        datasets.getOrLoad("list:env:2", Set.of("folder:env"), () -> bytes("b"));
        datasets.getOrLoad("list:geo:1", Set.of("folder:geo"), () -> bytes("c"));
        datasets.getOrLoad("detail:7", () -> bytes("d"));

        datasets.invalidateTag("folder:env");
        assertThat(datasets.getIfPresent("list:env:1")).isEmpty();
        assertThat(datasets.getIfPresent("list:env:2")).isEmpty();
        assertThat(datasets.getIfPresent("list:geo:1")).isPresent();

        datasets.invalidatePrefix("list:");
        assertThat(datasets.getIfPresent("list:geo:1")).isEmpty();
        assertThat(datasets.getIfPresent("detail:7")).isPresent();

        datasets.invalidate("detail:7");
        assertThat(datasets.getIfPresent("detail:7")).isEmpty();

        datasets.getOrLoad("x", () -> bytes("x"));
        datasets.invalidateAll();
        assertThat(datasets.stats().entries()).isZero();
    }

    @Test
    void aLoadOverlappingAnInvalidationIsAnsweredButNotKept() {
        byte[] value = datasets.getOrLoad("racy", () -> {
            datasets.invalidate("racy"); // the data changed while we were reading it
            return bytes("maybe stale");
        });
        assertThat(text(value)).isEqualTo("maybe stale");
        assertThat(datasets.getIfPresent("racy")).isEmpty();
    }

    @Test
    void anInvalidationBetweenALoadsCheckAndItsStoreLeavesNothingStale() throws Exception {
        AtomicReference<String> database = new AtomicReference<>("v1");
        StoreGate gate = StoreGate.on(cache);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<byte[]> load = threads.submit(() -> datasets.getOrLoad("page", () -> bytes(database.get())));
            gate.awaitLoadAtGate(); // the load has read v1 and seen no invalidation so far

            database.set("v2");
            datasets.invalidate("page");
            gate.open();

            assertThat(text(load.get())).isEqualTo("v1"); // answered with what it read...
        }
        assertThat(datasets.getIfPresent("page")).isEmpty(); // ...but not kept
        assertThat(text(datasets.getOrLoad("page", () -> bytes(database.get()))))
                .isEqualTo("v2");
        assertThat(datasets.stats().entries()).isEqualTo(1);
    }

    @Test
    void aReadAfterAnInvalidationDoesNotWaitForALoadThatBeganBeforeIt() throws Exception {
        AtomicReference<String> database = new AtomicReference<>("v1");
        CountDownLatch oldLoadHasRead = new CountDownLatch(1);
        CountDownLatch releaseOldLoad = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<byte[]> oldLoad = threads.submit(() -> datasets.getOrLoad("page", () -> {
                byte[] read = bytes(database.get());
                oldLoadHasRead.countDown();
                await(releaseOldLoad);
                return read;
            }));
            oldLoadHasRead.await();
            database.set("v2");
            datasets.invalidate("page");

            // Joining the old load's flight would wait for it and then answer v1. The old load is held
            // until this read is answered, so a read that joined it fails by the deadline instead.
            Future<byte[]> newRead = threads.submit(() -> datasets.getOrLoad("page", () -> bytes(database.get())));
            try {
                assertThat(text(newRead.get(30, TimeUnit.SECONDS))).isEqualTo("v2");
            } finally {
                releaseOldLoad.countDown();
            }
            assertThat(text(oldLoad.get())).isEqualTo("v1");
        }
        assertThat(text(datasets.getIfPresent("page").orElseThrow())).isEqualTo("v2"); // the old load kept nothing
        assertThat(datasets.stats().loads()).isEqualTo(2);
    }

    @Test
    void keepsLongKeysApartAndShort() {
        String common = "list?q=" + "a".repeat(300);
        datasets.getOrLoad(common + "1", () -> bytes("one"));
        datasets.getOrLoad(common + "2", () -> bytes("two"));
        assertThat(text(datasets.getIfPresent(common + "1").orElseThrow())).isEqualTo("one");
        assertThat(text(datasets.getIfPresent(common + "2").orElseThrow())).isEqualTo("two");
        assertThat(KeyspaceCache.storedKey(common + "1")).hasSizeLessThan(200);
        datasets.invalidatePrefix("list?q=aaa");
        assertThat(datasets.getIfPresent(common + "1")).isEmpty();
    }

    @Test
    void rejectsABadKeyspaceName() {
        assertThatThrownBy(() -> Keyspace.of("Bad Name", TtlPreset.ONE_HOUR))
                .hasMessageContaining("Bad Name")
                .hasMessageContaining("lower-case");
    }

    @Test
    void aHotEntryIsReloadedAheadOfExpiryByOneReaderWhileTheOthersKeepIt() {
        KeyspaceCache<byte[]> pages = cache.keyspace(new Keyspace("pages", Duration.ofMillis(400)), ValueCodec.bytes());
        pages.getOrLoad("p", () -> bytes("old"));
        long loadedAt = System.nanoTime();
        assertThat(text(pages.getIfCached("p"))).isEqualTo("old");
        // Readers keep hitting until one is past 80 % of the TTL: that one is told to reload (null) ...
        Await.until(() -> pages.getIfCached("p") == null, Duration.ofSeconds(10), "a reader claims the refresh");
        long claimedAfterMillis = (System.nanoTime() - loadedAt) / 1_000_000;
        assertThat(claimedAfterMillis).isGreaterThanOrEqualTo(320);
        // ... while every other reader still gets the current entry, without waiting for that reload.
        for (int i = 0; i < 5; i++) {
            assertThat(text(pages.getIfCached("p"))).isEqualTo("old");
        }
        assertThat(text(pages.getOrLoad("p", () -> bytes("new")))).isEqualTo("new");
        assertThat(text(pages.getIfCached("p"))).isEqualTo("new");
        assertThat(pages.stats().loads()).isEqualTo(2);
    }

    @Test
    void aReloadAheadOfExpiryLivesAWholeTtlFromTheReloadNotFromTheFirstLoad() {
        KeyspaceCache<byte[]> pages =
                cache.keyspace(new Keyspace("renewed", Duration.ofSeconds(1)), ValueCodec.bytes());
        pages.getOrLoad("p", () -> bytes("old"));
        long loadedAt = System.nanoTime();
        Await.until(() -> pages.getIfCached("p") == null, Duration.ofSeconds(10), "a reader claims the refresh");
        long reloadedAt = System.nanoTime();
        assertThat(text(pages.getOrLoad("p", () -> bytes("new")))).isEqualTo("new");
        // Past the first entry's expiry (1 s after the first load), the reloaded one is still there: it was
        // written at the reload, so it expires a whole TTL after it.
        Await.until(
                () -> System.nanoTime() - loadedAt > Duration.ofMillis(1_100).toNanos(),
                Duration.ofSeconds(10),
                "the first entry's expiry has passed");
        assertThat(System.nanoTime() - reloadedAt)
                .as("still inside the reloaded entry's own TTL, so the check below means something")
                .isLessThan(Duration.ofSeconds(1).toNanos());
        assertThat(text(pages.getOrLoad("p", () -> bytes("third")))).isEqualTo("new");
        assertThat(pages.stats().loads()).isEqualTo(2);
    }

    @Test
    void aDetachedRefreshAnswersTheCurrentEntryAtOnceAndReloadsOnARefreshThread() {
        KeyspaceCache<byte[]> pages =
                cache.keyspace(new Keyspace("detached", Duration.ofSeconds(3)), ValueCodec.bytes());
        pages.getOrLoad("p", () -> bytes("old"));
        Await.until(() -> pages.getIfCached("p") == null, Duration.ofSeconds(10), "a reader claims the refresh");
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> loadedOn = new AtomicReference<>();
        // The loader blocks until released: this call returning at all shows the claimer did not wait for it.
        byte[] answered = pages.getOrLoadRefreshingDetached("p", Set.of(), () -> {
            loadedOn.set(Thread.currentThread());
            await(release);
            return bytes("new");
        });
        assertThat(text(answered)).isEqualTo("old");
        assertThat(text(pages.getIfCached("p"))).isEqualTo("old");
        // One reload per entry: a second caller with a loader of its own starts nothing.
        assertThat(text(pages.getOrLoadRefreshingDetached("p", Set.of(), () -> bytes("second"))))
                .isEqualTo("old");
        release.countDown();
        Await.until(() -> "new".equals(text(pages.getIfCached("p"))), Duration.ofSeconds(10), "the reload replaced it");
        assertThat(loadedOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(loadedOn.get().getName()).isEqualTo("cache-refresh");
        assertThat(pages.stats().loads()).isEqualTo(2);
    }

    @Test
    void aFailedDetachedRefreshKeepsTheEntryAndCountsTheError() {
        KeyspaceCache<byte[]> pages =
                cache.keyspace(new Keyspace("failing", Duration.ofSeconds(3)), ValueCodec.bytes());
        pages.getOrLoad("p", () -> bytes("old"));
        Await.until(() -> pages.getIfCached("p") == null, Duration.ofSeconds(10), "a reader claims the refresh");
        byte[] answered = pages.getOrLoadRefreshingDetached("p", Set.of(), () -> {
            throw new IllegalStateException("database down");
        });
        assertThat(text(answered)).isEqualTo("old");
        Await.until(() -> pages.stats().errors() == 1, Duration.ofSeconds(10), "the failed reload is counted");
        assertThat(text(pages.getIfCached("p"))).isEqualTo("old");
    }

    @Test
    void anEntryReadThroughGetOrLoadExpiresAtItsTtl() {
        KeyspaceCache<byte[]> pages = cache.keyspace(new Keyspace("plain", Duration.ofMillis(200)), ValueCodec.bytes());
        AtomicInteger loads = new AtomicInteger();
        pages.getOrLoad("p", () -> bytes("v" + loads.incrementAndGet()));
        Await.until(
                () -> text(pages.getOrLoad("p", () -> bytes("v" + loads.incrementAndGet())))
                        .equals("v2"),
                Duration.ofSeconds(10),
                "the entry expired and was loaded again");
        assertThat(loads).hasValue(2);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
