package io.headroom.load.executor;

import io.headroom.load.engine.IterationRunner;
import io.headroom.load.engine.RunControl;
import io.headroom.load.engine.VirtualUser;
import io.headroom.load.engine.VirtualUsers;
import io.headroom.load.measure.Phases;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The open model shared by the arrival-rate executors. One scheduler thread starts iterations at their
 * intended times on an idle VU, creating VUs up to {@code maxVus}. When all are busy the iteration waits
 * in a backlog and starts on the next VU to finish, and its latency still counts from its intended time
 * (as wrk2 does; k6 would drop it and hide the delay). Iterations that never start are counted as
 * dropped: those still in the backlog at the end, and those beyond {@value #MAX_BACKLOG} waiting.
 * The first {@code preAllocatedVus} VUs come connected (opened before the schedule's time zero).
 */
final class ArrivalRateLoop {

    static final int MAX_BACKLOG = 100_000;

    private final IterationRunner runner;
    private final Phases metrics;
    private final VirtualUsers pool;
    private final RunControl control;
    private final int maxVus;
    private final ArrayDeque<VirtualUser> idle = new ArrayDeque<>();
    private final ArrayDeque<Long> backlog = new ArrayDeque<>();
    private final List<VirtualUser> all = new ArrayList<>();
    private int busy;

    ArrivalRateLoop(
            IterationRunner runner,
            Phases metrics,
            VirtualUsers pool,
            RunControl control,
            int preAllocatedVus,
            int maxVus) {
        this.runner = runner;
        this.metrics = metrics;
        this.pool = pool;
        this.control = control;
        this.maxVus = maxVus;
        for (int i = 0; i < preAllocatedVus; i++) {
            VirtualUser vu = pool.get(i);
            all.add(vu);
            idle.add(vu);
        }
    }

    /** Runs {@code segment}'s iterations of the schedule: every count-th one, at its intended time. */
    void run(ArrivalSchedule schedule, Segment segment) throws InterruptedException {
        long start = metrics.originNanos();
        for (long k = 0; ; k++) {
            double at = schedule.nextSeconds();
            if (at < 0) {
                break;
            }
            if (!segment.owns(k)) {
                continue;
            }
            long intended = start + (long) (at * 1e9);
            if (!Clock.parkUntil(intended, control)) {
                break;
            }
            dispatch(intended);
        }
        finish();
    }

    private void dispatch(long intended) {
        VirtualUser vu;
        synchronized (this) {
            vu = idle.poll();
            if (vu == null && all.size() < maxVus) {
                vu = pool.get(all.size());
                all.add(vu);
            }
            if (vu == null) {
                if (backlog.size() < MAX_BACKLOG) {
                    backlog.add(intended);
                } else {
                    metrics.drop(intended);
                }
                return;
            }
            busy++;
        }
        start(vu, intended);
    }

    private void start(VirtualUser vu, long intended) {
        metrics.activeVus().incrementAndGet();
        runner.iterate(vu, intended, () -> finished(vu));
    }

    private void finished(VirtualUser vu) {
        metrics.activeVus().decrementAndGet();
        Long waiting;
        synchronized (this) {
            waiting = control.stopping() ? null : backlog.poll();
            if (waiting == null) {
                busy--;
                idle.add(vu);
                notifyAll();
                return;
            }
        }
        long intended = waiting;
        // Hand off so a chain of instant failures cannot recurse without bound.
        runner.scheduler().execute(() -> start(vu, intended));
    }

    /** Drops iterations that never started, then waits up to the graceful stop for those in flight. */
    private synchronized void finish() throws InterruptedException {
        while (!backlog.isEmpty()) {
            metrics.drop(backlog.poll());
        }
        long deadline = System.nanoTime() + LoadExecutor.GRACEFUL_STOP.toNanos();
        while (busy > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        all.forEach(VirtualUser::close);
    }
}
