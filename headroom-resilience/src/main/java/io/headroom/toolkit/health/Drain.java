package io.headroom.toolkit.health;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The stop sequence of a service behind a load balancer: {@link #begin()} turns readiness DOWN at once,
 * requests keep being served for a short delay (the balancer needs a probe or two to notice), then the
 * service waits for the requests in flight to end, up to a grace period, before it closes its pools.
 * The server adapter counts requests in and out ({@link #enter()}/{@link #exit()}).
 */
public final class Drain {
    private final AtomicBoolean draining = new AtomicBoolean();
    private final LongAdder inFlight = new LongAdder();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();

    public void enter() {
        inFlight.increment();
    }

    public void exit() {
        inFlight.decrement();
        if (draining.get() && inFlight.sum() == 0) {
            lock.lock();
            try {
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    public long inFlight() {
        return inFlight.sum();
    }

    public boolean isDraining() {
        return draining.get();
    }

    /** Readiness DOWN from now on; idempotent. */
    public void begin() {
        draining.set(true);
    }

    /**
     * The whole sequence: {@link #begin()}, keep serving for {@code delay}, then wait for the requests in
     * flight to end, at most {@code grace}. Returns how many were still in flight when it gave up (0: drained).
     */
    public long drain(Duration delay, Duration grace) throws InterruptedException {
        begin();
        if (!delay.isZero()) {
            Thread.sleep(delay);
        }
        return awaitIdle(grace);
    }

    /** Waits until nothing is in flight, at most {@code grace}; returns how many still are. */
    public long awaitIdle(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        lock.lock();
        try {
            while (inFlight.sum() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                // Bounded waits: an exit() racing this check signals before we wait; the next poll sees it.
                idle.awaitNanos(Math.min(left, 50_000_000L));
            }
        } finally {
            lock.unlock();
        }
        return inFlight.sum();
    }
}
