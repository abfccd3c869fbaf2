package io.headroom.toolkit.monitor;

/**
 * The recent allocation samples of virtual threads, in a ring of preallocated arrays, and the
 * attribution of their weights to one request's window. Written by the sampler's stream thread
 * only and read on that same thread (attribution runs when the stream has passed a request's
 * end), so plain arrays, no locks.
 *
 * <p>Times are the JFR clock's (epoch nanoseconds of the event). A sample whose thread JFR could
 * not name is kept with thread id {@value #UNKNOWN_THREAD}: a window that holds one cannot be
 * attributed honestly, so it is reported as unknown rather than as too small.
 */
final class AllocationSamples {
    static final long UNKNOWN_THREAD = 0; // Java thread ids start at 1

    private final int mask;
    private final long[] threads;
    private final long[] times;
    private final long[] weights;
    private long written;
    /** Latest time of a sample overwritten by the ring: windows starting before it are not fully covered. */
    private long forgottenUntil = Long.MIN_VALUE;

    /** Keeps at least {@code minimumCapacity} samples, rounded up to a power of two. */
    AllocationSamples(int minimumCapacity) {
        int capacity = Integer.highestOneBit(Math.max(2, minimumCapacity) - 1) << 1;
        this.mask = capacity - 1;
        this.threads = new long[capacity];
        this.times = new long[capacity];
        this.weights = new long[capacity];
    }

    int capacity() {
        return mask + 1;
    }

    void add(long threadId, long atNanos, long weight) {
        int slot = (int) (written++ & mask);
        if (written > capacity()) {
            forgottenUntil = Math.max(forgottenUntil, times[slot]);
        }
        threads[slot] = threadId;
        times[slot] = atNanos;
        weights[slot] = weight;
    }

    /**
     * Sum of the weights sampled on {@code threadId} within {@code [fromNanos, toNanos]}; -1 when
     * the ring no longer covers the window's start or a sample of an unknown thread lies inside it.
     * A full scan (at most the capacity): attribution runs once per slow request, not per sample.
     */
    long attribute(long threadId, long fromNanos, long toNanos) {
        if (fromNanos <= forgottenUntil) {
            return -1;
        }
        long sum = 0;
        long count = Math.min(written, capacity());
        for (int i = 0; i < count; i++) {
            long t = times[i];
            if (t < fromNanos || t > toNanos) {
                continue;
            }
            if (threads[i] == threadId) {
                sum += weights[i];
            } else if (threads[i] == UNKNOWN_THREAD) {
                return -1;
            }
        }
        return sum;
    }
}
