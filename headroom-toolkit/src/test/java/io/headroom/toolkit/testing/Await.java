package io.headroom.toolkit.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, polling every 10 ms: tests wait on behaviour, never on a clock. */
public final class Await {
    private Await() {}

    /** Returns the time the condition took to hold; fails with the description when the deadline passes. */
    public static Duration until(Duration deadline, String description, BooleanSupplier condition) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within " + deadline + ": " + description);
            }
            LockSupport.parkNanos(10_000_000);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
