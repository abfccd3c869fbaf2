package io.headroom.toolkit.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last N requests, in a ring of preallocated parallel arrays so that recording allocates
 * nothing (a ring of records would allocate one object per request).
 *
 * <p>Writers claim a slot with one atomic increment and write its fields; a reader may see a slot
 * being rewritten and report a mix of two requests for that one slot. That is the accepted price
 * of a lock-free ring used for display; counters and histograms never depend on it.
 */
final class RecentRequests {
    private final int capacity;
    private final int mask;
    private final AtomicLong sequence = new AtomicLong();
    private final long[] epochMillis;
    private final String[] methods;
    private final String[] routes;
    private final int[] statuses;
    private final long[] durationsNanos;
    private final long[] bytes;

    /** Keeps at least {@code minimumCapacity}, rounded up to a power of two so a slot is a mask, not a division. */
    RecentRequests(int minimumCapacity) {
        this.capacity = Integer.highestOneBit(Math.max(1, minimumCapacity - 1)) << 1;
        this.mask = capacity - 1;
        epochMillis = new long[capacity];
        methods = new String[capacity];
        routes = new String[capacity];
        statuses = new int[capacity];
        durationsNanos = new long[capacity];
        bytes = new long[capacity];
    }

    void add(long atEpochMillis, String method, String route, int status, long nanos, long bytesOut) {
        int slot = (int) (sequence.getAndIncrement() & mask);
        epochMillis[slot] = atEpochMillis;
        methods[slot] = method;
        routes[slot] = route;
        statuses[slot] = status;
        durationsNanos[slot] = nanos;
        bytes[slot] = bytesOut;
    }

    /** Newest first, at most {@code limit}. */
    List<RecentRequest> newest(int limit) {
        long end = sequence.get();
        long start = Math.max(0, end - Math.min(limit, capacity));
        List<RecentRequest> out = new ArrayList<>((int) (end - start));
        for (long s = end - 1; s >= start; s--) {
            int slot = (int) (s & mask);
            out.add(new RecentRequest(epochMillis[slot], methods[slot], routes[slot], statuses[slot],
                    durationsNanos[slot] / 1_000_000.0, bytes[slot]));
        }
        return out;
    }

    long total() {
        return sequence.get();
    }
}
