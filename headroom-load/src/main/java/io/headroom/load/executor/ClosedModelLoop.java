package io.headroom.load.executor;

import io.headroom.load.engine.IterationRunner;
import io.headroom.load.engine.RunControl;
import io.headroom.load.engine.VirtualUser;
import io.headroom.load.engine.VirtualUsers;
import io.headroom.load.measure.Phases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The closed model shared by the VU executors: each VU runs iterations back to back (plus think time);
 * VUs with an id at or above the current target finish their iteration and retire.
 */
final class ClosedModelLoop {

    private static final int MAX_DEPTH = 32;
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final IterationRunner runner;
    private final Phases metrics;
    private final VirtualUsers pool;
    private final RunControl control;
    private final AtomicInteger target = new AtomicInteger();
    private final List<VirtualUser> vus = new ArrayList<>();
    private final List<Boolean> running = new ArrayList<>();
    private volatile boolean ending;

    ClosedModelLoop(IterationRunner runner, Phases metrics, VirtualUsers pool, RunControl control) {
        this.runner = runner;
        this.metrics = metrics;
        this.pool = pool;
        this.control = control;
    }

    /** Moves towards {@code n} running VUs: starts missing ones now; extra ones retire after their iteration. */
    synchronized void setTarget(int n) {
        target.set(n);
        for (int id = 0; id < n; id++) {
            if (id == vus.size()) {
                vus.add(pool.get(id));
                running.add(false);
            }
            if (!running.get(id)) {
                running.set(id, true);
                metrics.activeVus().incrementAndGet();
                VirtualUser vu = vus.get(id);
                runner.scheduler().execute(() -> next(vu));
            }
        }
    }

    private void next(VirtualUser vu) {
        if (ending || control.stopping() || vu.id() >= target.get()) {
            retire(vu);
            return;
        }
        runner.iterate(vu, IterationRunner.UNSCHEDULED, () -> afterIteration(vu));
    }

    /**
     * Usually the callback comes from a response on the connection's event loop, and the next iteration
     * starts right there (no thread hop, no wake-up). Only a chain of synchronous completions (instant
     * failures) is handed to the scheduler, so it cannot recurse without bound.
     */
    private void afterIteration(VirtualUser vu) {
        int[] depth = DEPTH.get();
        if (depth[0] >= MAX_DEPTH) {
            runner.scheduler().execute(() -> next(vu));
            return;
        }
        depth[0]++;
        try {
            next(vu);
        } finally {
            depth[0]--;
        }
    }

    private synchronized void retire(VirtualUser vu) {
        if (running.get(vu.id())) {
            running.set(vu.id(), false);
            metrics.activeVus().decrementAndGet();
            notifyAll();
        }
    }

    /** Stops starting iterations and waits up to the graceful stop for the running ones. */
    synchronized void finish() throws InterruptedException {
        ending = true;
        long deadline = System.nanoTime() + LoadExecutor.GRACEFUL_STOP.toNanos();
        while (running.contains(true)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        vus.forEach(VirtualUser::close);
    }
}
