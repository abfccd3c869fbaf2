package io.headroom.toolkit.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last requests, in a ring of preallocated arrays so that recording allocates nothing (a
 * ring of records would allocate one object per request). A slot's numbers sit side by side in
 * one {@code long[]} and its two strings in one {@code String[]}, so a write touches two cache
 * lines rather than one per field.
 *
 * <p>Writers claim a slot with one atomic increment and write its fields; a reader may see a slot
 * being rewritten and report a mix of two requests for that one slot. That is the accepted price
 * of a lock-free ring used for display; counters and histograms never depend on it.
 */
final class RecentRequests {
    private static final int LONGS = 4; // epoch millis, duration nanos, bytes, status
    private static final int STRINGS = 2; // method, route

    private final int capacity;
    private final int mask;
    private final AtomicLong sequence = new AtomicLong();
    private final long[] numbers;
    private final String[] strings;

    /** Keeps at least {@code minimumCapacity}, rounded up to a power of two so a slot is a mask, not a division. */
    RecentRequests(int minimumCapacity) {
        this.capacity = Integer.highestOneBit(Math.max(1, minimumCapacity - 1)) << 1;
        this.mask = capacity - 1;
        this.numbers = new long[capacity * LONGS];
        this.strings = new String[capacity * STRINGS];
    }

    void add(long atEpochMillis, String method, String route, int status, long nanos, long bytesOut) {
        int slot = (int) (sequence.getAndIncrement() & mask);
        int n = slot * LONGS;
        numbers[n] = atEpochMillis;
        numbers[n + 1] = nanos;
        numbers[n + 2] = bytesOut;
        numbers[n + 3] = status;
        int s = slot * STRINGS;
        strings[s] = method;
        strings[s + 1] = route;
    }

    /** Newest first, at most {@code limit}. */
    List<RecentRequest> newest(int limit) {
        long end = sequence.get();
        long start = Math.max(0, end - Math.min(limit, capacity));
        List<RecentRequest> out = new ArrayList<>((int) (end - start));
        for (long seq = end - 1; seq >= start; seq--) {
            int slot = (int) (seq & mask);
            int n = slot * LONGS;
            int s = slot * STRINGS;
            out.add(new RecentRequest(
                    numbers[n],
                    strings[s],
                    strings[s + 1],
                    (int) numbers[n + 3],
                    numbers[n + 1] / 1_000_000.0,
                    numbers[n + 2]));
        }
        return out;
    }

    long total() {
        return sequence.get();
    }
}
