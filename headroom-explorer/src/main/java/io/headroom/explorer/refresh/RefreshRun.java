package io.headroom.explorer.refresh;

import io.headroom.explorer.catalog.CatalogWriter;
import io.headroom.explorer.catalog.RefreshLog;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The live counters of the refresh in progress; read by status requests while the run writes them. */
final class RefreshRun implements RefreshProgress {
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
    /** Set by the heartbeat when the lease was lost: the run stops at its next step. */
    private volatile boolean leaseLost;
    /** Set before the run gives its lease back: from then on a heartbeat that finds no lease is expected. */
    private volatile boolean ending;

    private volatile int discovered = -1;
    private final CompletableFuture<RefreshLog.Entry> ended = new CompletableFuture<>();

    RefreshRun(long id, Instant startedAt) {
        this.id = id;
        this.startedAt = startedAt;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public int catalogued() {
        return scanned.get();
    }

    @Override
    public OptionalInt discovered() {
        int count = discovered;
        return count < 0 ? OptionalInt.empty() : OptionalInt.of(count);
    }

    @Override
    public CompletableFuture<RefreshLog.Entry> ended() {
        return ended.copy();
    }

    void listed(int datasets) {
        discovered = datasets;
    }

    void batchWritten(int datasets, CatalogWriter.UpsertResult result) {
        scanned.addAndGet(datasets);
        added.addAndGet(result.added());
        updated.addAndGet(result.updated());
    }

    void leaseLost() {
        leaseLost = true;
    }

    boolean hasLostLease() {
        return leaseLost;
    }

    void ending() {
        ending = true;
    }

    boolean isEnding() {
        return ending;
    }

    void analysisFailed() {
        failed.incrementAndGet();
    }

    void removed(int count) {
        removed = count;
    }

    /** The run's final record, not yet visible to status reads: the log row is written from it first. */
    RefreshLog.Entry outcome(RefreshLog.State finalState, String failure) {
        return new RefreshLog.Entry(
                id,
                finalState,
                scanned.get(),
                added.get(),
                updated.get(),
                removed,
                failed.get(),
                startedAt,
                Instant.now(),
                failure);
    }

    /** Makes the outcome visible; after this a status read sees the final state and a new refresh may start. */
    void publish(RefreshLog.Entry outcome) {
        error = outcome.error();
        finishedAt = outcome.finishedAt();
        state = outcome.state(); // last: a reader that sees the final state also sees the fields above
        ended.complete(outcome);
    }

    /** Once finished, a new refresh may start (its log row is another row, so the order of writes does not matter). */
    boolean isDone() {
        return state != RefreshLog.State.RUNNING;
    }

    RefreshLog.Entry snapshot() {
        return new RefreshLog.Entry(
                id,
                state,
                scanned.get(),
                added.get(),
                updated.get(),
                removed,
                failed.get(),
                startedAt,
                finishedAt,
                error);
    }
}
