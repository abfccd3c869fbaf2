package io.headroom.load.executor;

import io.headroom.load.engine.RunControl;
import java.util.concurrent.locks.LockSupport;

/** Waiting on the monotonic clock without drifting: sleeps until an absolute {@link System#nanoTime()}. */
final class Clock {

    private Clock() {}

    /** Parks until {@code deadline} or until the run stops; returns false when it stopped. */
    static boolean parkUntil(long deadline, RunControl control) throws InterruptedException {
        while (true) {
            if (control.stopping()) {
                return false;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            // Park in short slices so a stop (abort-on-fail) is seen promptly.
            LockSupport.parkNanos(Math.min(left, 50_000_000L));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
