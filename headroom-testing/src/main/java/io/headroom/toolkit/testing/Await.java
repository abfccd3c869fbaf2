package io.headroom.toolkit.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, polling: tests wait on behaviour, never on a clock. */
public final class Await {
    private Await() {}

    public static void until(BooleanSupplier condition) {
        until(Duration.ofSeconds(30), "condition", condition);
    }

    public static void until(BooleanSupplier condition, Duration deadline, String what) {
        until(deadline, what, condition);
    }

    /** Returns the time the condition took to hold; fails with the description when the deadline passes. */
    public static Duration until(Duration deadline, String description, BooleanSupplier condition) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Not within " + deadline + ": " + description);
            }
            LockSupport.parkNanos(5_000_000); // poll every 5 ms without burning a core
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
