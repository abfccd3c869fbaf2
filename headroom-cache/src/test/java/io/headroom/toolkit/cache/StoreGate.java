package io.headroom.toolkit.cache;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a load at the point where it stores its value in L1 ({@link TwoLevelCache#beforeLocalStore}),
 * after it has found that no invalidation was applied while it loaded, so that a test can land an
 * invalidation exactly there: the interleaving forced, not hoped for.
 */
final class StoreGate implements Runnable {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch opened = new CountDownLatch(1);

    /** Installs the gate on the cache: its next load to store stops here. */
    static StoreGate on(TwoLevelCache cache) {
        StoreGate gate = new StoreGate();
        cache.beforeLocalStore = gate;
        return gate;
    }

    @Override
    public void run() {
        reached.countDown();
        await(opened, "the test opens the gate");
    }

    /** Returns once a load waits at the gate. */
    void awaitLoadAtGate() {
        await(reached, "a load reaches the store");
    }

    void open() {
        opened.countDown();
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Not within " + PATIENCE + ": " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
