package io.headroom.toolkit.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline (a polling loop, never a fixed sleep). */
public final class Await {
    private Await() {
    }

    public static void until(BooleanSupplier condition) {
        until(condition, Duration.ofSeconds(30), "condition");
    }

    public static void until(BooleanSupplier condition, Duration deadline, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " not met within " + deadline.toSeconds() + " s");
            }
            LockSupport.parkNanos(5_000_000); // poll every 5 ms without burning a core
        }
    }
}
