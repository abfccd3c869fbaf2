package io.headroom.explorer.refresh;

import io.headroom.explorer.catalog.RefreshLog;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/** A refresh seen while it runs: how far it has got, and its outcome when it ends. */
public interface RefreshProgress {
    long id();

    /** Datasets written to the catalog so far. */
    int catalogued();

    /** Datasets the lake listing found; empty until the listing is complete. */
    OptionalInt discovered();

    /**
     * Completes with the final log entry (finished or failed) once the outcome is visible to status
     * reads. Each call returns a copy: completing it does not end the refresh.
     */
    CompletableFuture<RefreshLog.Entry> ended();
}
