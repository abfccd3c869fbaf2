package io.headroom.toolkit.metrics;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;

/**
 * What one request cost beyond its wall time: database time and statements, cache hits and
 * misses, bytes allocated by the handling thread. The request filter opens it on the handling
 * thread; the data source proxy and the cache add to it through {@link #current()}, so neither
 * needs to know about HTTP.
 *
 * <p>One small object per request, written by one thread only (the handling thread); plain
 * fields, no atomics.
 */
public final class RequestCost {
    private static final ThreadLocal<RequestCost> CURRENT = new ThreadLocal<>();
    private static final ThreadMXBean THREADS = threadBean();

    private final long allocatedAtStart;
    private long dbNanos;
    private int dbStatements;
    private int cacheHits;
    private int cacheMisses;

    private RequestCost(long allocatedAtStart) {
        this.allocatedAtStart = allocatedAtStart;
    }

    /** Opens the cost record of the request handled by the calling thread. */
    public static RequestCost begin() {
        RequestCost cost = new RequestCost(allocatedBytes());
        CURRENT.set(cost);
        return cost;
    }

    /** The record of the request handled by the calling thread, or null outside a request. */
    public static RequestCost current() {
        return CURRENT.get();
    }

    /** Closes the record; returns the breakdown. */
    public Breakdown end() {
        CURRENT.remove();
        long now = allocatedBytes();
        long allocated = allocatedAtStart < 0 || now < 0 ? -1 : now - allocatedAtStart;
        return new Breakdown(
                dbNanos / 1_000_000.0,
                dbStatements,
                cacheHits,
                cacheMisses,
                allocated,
                allocated < 0 ? AllocationSource.UNAVAILABLE : AllocationSource.EXACT);
    }

    public void addStatement(long nanos) {
        dbNanos += nanos;
        dbStatements++;
    }

    /** Database time so far (the {@code Server-Timing} header reads it before the request ends). */
    public long dbNanos() {
        return dbNanos;
    }

    public int cacheHits() {
        return cacheHits;
    }

    public int cacheMisses() {
        return cacheMisses;
    }

    public void cacheHit() {
        cacheHits++;
    }

    public void cacheMiss() {
        cacheMisses++;
    }

    /** Bytes allocated so far by the calling thread, or -1 when the JVM cannot tell. */
    static long allocatedBytes() {
        // The JDK counts allocations per platform thread only; on a virtual thread (every Helidon 4
        // request) skip the MXBean call, which would answer -1 anyway.
        return THREADS == null || Thread.currentThread().isVirtual() ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static ThreadMXBean threadBean() {
        if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        return null;
    }

    /**
     * The per-request breakdown; {@code allocatedBytes} is -1 when unavailable, and
     * {@code allocatedBytesSource} says how it was obtained (see docs/monitoring.md).
     */
    public record Breakdown(
            double dbMs,
            int dbStatements,
            int cacheHits,
            int cacheMisses,
            long allocatedBytes,
            AllocationSource allocatedBytesSource) {
        public static final Breakdown NONE = new Breakdown(0, 0, 0, 0, -1, AllocationSource.UNAVAILABLE);

        /** This breakdown with an allocation figure obtained after the request ended (the JFR estimate). */
        public Breakdown withEstimatedAllocation(long bytes) {
            return new Breakdown(
                    dbMs,
                    dbStatements,
                    cacheHits,
                    cacheMisses,
                    bytes,
                    bytes < 0 ? AllocationSource.UNAVAILABLE : AllocationSource.ESTIMATE);
        }
    }

    /** Where {@code allocatedBytes} comes from. */
    public enum AllocationSource {
        /** The JDK's per-thread counter of the handling platform thread: exact. */
        EXACT,
        /** Attributed JFR allocation samples of the handling virtual thread: a statistical estimate. */
        ESTIMATE,
        /** Not known: a virtual thread without the sampler, or a window the samples do not cover. */
        UNAVAILABLE
    }
}
