package io.headroom.toolkit.helidon;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Logs the 503s of a dependency outage without a line per request: the first at once, then at most one
 * line per interval, saying how many more there were. While the database is down every request fails the
 * same way; a warning each was a flood of identical lines, and writing them was part of the 503s' own tail.
 */
final class OutageLog {
    private final long intervalNanos;
    private final Consumer<String> sink;
    private final AtomicLong nextLineAt;
    private final LongAdder unlogged = new LongAdder();

    OutageLog(Duration interval, Consumer<String> sink) {
        this.intervalNanos = interval.toNanos();
        this.sink = sink;
        this.nextLineAt = new AtomicLong(System.nanoTime());
    }

    void unavailable(String method, String path, String reason) {
        long now = System.nanoTime();
        long next = nextLineAt.get();
        if (now - next < 0 || !nextLineAt.compareAndSet(next, now + intervalNanos)) {
            unlogged.increment();
            return;
        }
        long more = unlogged.sumThenReset();
        sink.accept("Unavailable on " + method + " " + path + ": " + reason
                + (more == 0 ? "" : " (" + more + " more such 503s since the last line)"));
    }
}
