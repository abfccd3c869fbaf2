package io.headroom.toolkit.db;

import io.headroom.toolkit.metrics.LatencySummary;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Figures for one normalised statement. A synchronized histogram is fine here: the cost of its
 * lock is nothing next to the database round trip it measures, and one histogram (about 12 KB)
 * instead of a Recorder's two keeps hundreds of tracked statements cheap.
 */
final class StatementStats {
    private static final long MAX_MICROS = 600_000_000L; // ten minutes

    private final String sql;
    private final SqlText.StatementType type;
    private final SynchronizedHistogram micros = new SynchronizedHistogram(1, MAX_MICROS, 2);
    private final LongAdder totalNanos = new LongAdder();
    private final LongAdder failures = new LongAdder();

    StatementStats(String sql, SqlText.StatementType type) {
        this.sql = sql;
        this.type = type;
    }

    void record(long nanos, boolean failed) {
        micros.recordValue(Math.max(1, Math.min(nanos / 1000, MAX_MICROS)));
        totalNanos.add(nanos);
        if (failed) {
            failures.increment();
        }
    }

    long totalNanos() {
        return totalNanos.sum();
    }

    QueryStatement snapshot() {
        LatencySummary s = LatencySummary.ofMicros(micros.copy());
        return new QueryStatement(
                sql,
                type,
                s.count(),
                failures.sum(),
                totalNanos.sum() / 1_000_000.0,
                s.avgMs(),
                s.p50Ms(),
                s.p95Ms(),
                s.p99Ms(),
                s.maxMs());
    }
}
