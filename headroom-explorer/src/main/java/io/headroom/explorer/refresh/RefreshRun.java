package io.headroom.explorer.refresh;

import io.headroom.explorer.catalog.CatalogWriter;
import io.headroom.explorer.catalog.RefreshLog;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** The live counters of the refresh in progress; read by status requests while the run writes them. */
final class RefreshRun {
    private final long id;
    private final Instant startedAt;
    private final AtomicInteger scanned = new AtomicInteger();
    private final AtomicInteger added = new AtomicInteger();
    private final AtomicInteger updated = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile int removed;
    private volatile RefreshLog.State state = RefreshLog.State.RUNNING;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile boolean done;

    RefreshRun(long id, Instant startedAt) {
        this.id = id;
        this.startedAt = startedAt;
    }

    long id() {
        return id;
    }

    void batchWritten(int datasets, CatalogWriter.UpsertResult result) {
        scanned.addAndGet(datasets);
        added.addAndGet(result.added());
        updated.addAndGet(result.updated());
    }

    void analysisFailed() {
        failed.incrementAndGet();
    }

    void removed(int count) {
        removed = count;
    }

    void finish(RefreshLog.State finalState, String failure) {
        error = failure;
        finishedAt = Instant.now();
        state = finalState;
    }

    /** Set after the log row is written, so a status read never falls back to a stale row. */
    void markDone() {
        done = true;
    }

    boolean isDone() {
        return done;
    }

    RefreshLog.Entry snapshot() {
        return new RefreshLog.Entry(id, state, scanned.get(), added.get(), updated.get(), removed, failed.get(),
                startedAt, finishedAt, error);
    }
}
