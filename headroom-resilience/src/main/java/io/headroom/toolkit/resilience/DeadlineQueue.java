package io.headroom.toolkit.resilience;

import com.netflix.concurrency.limits.Limiter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded wait in front of a limiter: when it refuses, up to {@code size} callers wait for a slot, each
 * at most {@code deadline}; the next caller past {@code size} is refused at once (no lock taken, no wait).
 * A released slot wakes the waiters (the wrapped listeners signal), who race for it again.
 */
final class DeadlineQueue {
    private final Limiter<Void> limiter;
    private final int size;
    private final long deadlineNanos;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();

    DeadlineQueue(Limiter<Void> limiter, int size, Duration deadline) {
        this.limiter = limiter;
        this.size = size;
        this.deadlineNanos = deadline.toNanos();
    }

    Optional<Limiter.Listener> acquire() throws InterruptedException {
        Optional<Limiter.Listener> slot = limiter.acquire(null);
        if (slot.isPresent()) {
            return slot.map(this::signalling);
        }
        if (waiting.incrementAndGet() > size) {
            waiting.decrementAndGet();
            return Optional.empty(); // the queue is full: refused at once
        }
        try {
            long end = System.nanoTime() + deadlineNanos;
            while (true) {
                lock.lock();
                try {
                    slot = limiter.acquire(null);
                    if (slot.isPresent()) {
                        return slot.map(this::signalling);
                    }
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return Optional.empty();
                    }
                    released.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
                } finally {
                    lock.unlock();
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    int waiting() {
        return waiting.get();
    }

    private Limiter.Listener signalling(Limiter.Listener listener) {
        return new Limiter.Listener() {
            @Override
            public void onSuccess() {
                listener.onSuccess();
                wake();
            }

            @Override
            public void onIgnore() {
                listener.onIgnore();
                wake();
            }

            @Override
            public void onDropped() {
                listener.onDropped();
                wake();
            }
        };
    }

    private void wake() {
        if (waiting.get() > 0) {
            lock.lock();
            try {
                released.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
