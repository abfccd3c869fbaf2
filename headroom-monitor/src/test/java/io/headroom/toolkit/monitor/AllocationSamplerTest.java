package io.headroom.toolkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The JFR estimate against the exact bytes each virtual thread allocated, with the threads
 * running concurrently on the shared carriers (the case the estimate exists for). Tolerances are
 * those measured and documented in docs/monitoring.md; each run prints its ratios. Under CPU
 * contention the spill between threads grows (see {@link #assertConserved}), so the sum is held
 * tight and the small threads only to their order: with a core kept busy by a burner, 12 runs
 * after other tests in the same JVM gave heavy 0.86–1.00 and light 0–15.4 (one light thread
 * received the 28 MB the heavy one lost), 160/40/10 MB 0.90–1.05, 0.79–1.04, 0.83–2.71.
 */
class AllocationSamplerTest {
    private static final long MB = 1 << 20;
    /** Keeps the allocated arrays reachable so that escape analysis cannot remove the allocations. */
    private static final Map<Long, Object> KEEP = new ConcurrentHashMap<>();

    private AllocationSampler sampler;

    @AfterEach
    void stop() {
        if (sampler != null) {
            sampler.close();
        }
        KEEP.clear();
    }

    @Test
    void attributesAHeavyAllocatorAndLightOnesOnVirtualThreads() throws Exception {
        sampler = AllocationSampler.startOrNull(MonitoringSettings.DEFAULT_ALLOCATION_SAMPLE_RATE);
        assertThat(sampler).as("JFR is available in the test JVM").isNotNull();
        Await.until(Duration.ofSeconds(10), "sampler primed", sampler::primed);
        long[] exact = {200 * MB, 2 * MB, 2 * MB, 2 * MB, 2 * MB};
        long[] estimated = runAndEstimate(exact);
        assertConserved(exact, estimated);
        // measured 0.95..1.01 in a quiet JVM and down to 0.79 inside the full test suite (docs/monitoring.md)
        assertThat(estimated[0]).as("heavy: %s of %s", estimated[0], exact[0]).isBetween((long) (exact[0] * 0.6), (long)
                (exact[0] * 1.4));
        for (int i = 1; i < exact.length; i++) {
            // A light request gets whole samples of about 0.5 MB, its own or its neighbours' trailing bytes: a coarse
            // figure (0 to 6.5x measured over 40 light threads) whose error is absolute, so it is held to staying well
            // below the heavy one, never a share of it.
            assertThat(estimated[i]).as("light %d: %s", i, estimated[i]).isLessThan(estimated[0] / 5);
        }
        assertThat(sampler.unknownThreadSamples())
                .as("every sample named its thread")
                .isZero();
    }

    @Test
    void aRequestThatStartedBeforePrimingEndedIsUnknown() throws Exception {
        long start = System.nanoTime(); // before the sampler exists: before priming, by construction
        sampler = AllocationSampler.startOrNull(MonitoringSettings.DEFAULT_ALLOCATION_SAMPLE_RATE);
        Await.until(Duration.ofSeconds(10), "sampler primed", sampler::primed);
        AtomicLongArray result = new AtomicLongArray(new long[] {Long.MIN_VALUE});
        sampler.estimate(Thread.currentThread().threadId(), start, System.nanoTime(), b -> result.set(0, b));
        Await.until(Duration.ofSeconds(15), "the estimate", () -> result.get(0) != Long.MIN_VALUE);
        assertThat(result.get(0)).isEqualTo(-1);
    }

    @Test
    void concurrentAllocatorsGetTheRightOrderOfMagnitude() throws Exception {
        sampler = AllocationSampler.startOrNull(MonitoringSettings.DEFAULT_ALLOCATION_SAMPLE_RATE);
        Await.until(Duration.ofSeconds(10), "sampler primed", sampler::primed);
        long[] exact = {160 * MB, 40 * MB, 10 * MB};
        long[] estimated = runAndEstimate(exact);
        assertConserved(exact, estimated);
        // The heaviest thread gets within a factor of 3 (measured 0.82..1.09 on a quiet machine; 0.38 once in a
        // fresh-clone CI run: some of its bytes were weighed into its neighbours' samples). Its neighbours together
        // allocate a third of its bytes, so what they can spill into it cannot take it past 3x.
        assertThat(estimated[0])
                .as("thread 0: %s of %s", estimated[0], exact[0])
                .isBetween(exact[0] / 3, exact[0] * 3);
        // The 40 MB and 10 MB threads are held to nothing of their own: their error is absolute, whole samples of
        // their neighbours' trailing bytes, and the 160 MB neighbour can spill more than they allocate (the 40 MB
        // thread read 3.2x in a fresh-clone CI run, the 160 MB one 0.47x; the 10 MB thread 3.6x in the full suite,
        // 2.9x under a CPU burner, 11.8x in a quiet CI run). What the sampler promises them is the conservation above.
    }

    /**
     * A sample weighs what its carrier allocated since the carrier's previous sample, so the bytes a
     * thread allocated after its last sample before it unmounts land in the next sample on that
     * carrier, perhaps another thread's. That spill moves bytes between threads sharing carriers but
     * creates none: the sum over the concurrent threads holds however the work interleaves, short
     * only of what the carriers' last samples had not weighed yet. Every window is known (-1 would
     * mean the sampler gave up or saw an unnamed thread).
     */
    private static void assertConserved(long[] exact, long[] estimated) {
        long total = 0;
        long exactTotal = 0;
        for (int i = 0; i < exact.length; i++) {
            assertThat(estimated[i])
                    .as("every window known: %s", Arrays.toString(estimated))
                    .isNotNegative();
            total += estimated[i];
            exactTotal += exact[i];
        }
        assertThat(total).as("sum: %s of %s", total, exactTotal).isBetween((long) (exactTotal * 0.6), (long)
                (exactTotal * 1.4));
    }

    /** Runs one virtual thread per entry, all at once, each allocating its bytes; returns the sampler's estimates. */
    private long[] runAndEstimate(long[] bytes) throws InterruptedException {
        int n = bytes.length;
        AtomicLongArray estimates = new AtomicLongArray(n);
        for (int i = 0; i < n; i++) {
            estimates.set(i, Long.MIN_VALUE);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            threads.add(Thread.ofVirtual().unstarted(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long start = System.nanoTime();
                allocate(bytes[k]);
                long end = System.nanoTime();
                sampler.estimate(Thread.currentThread().threadId(), start, end, b -> estimates.set(k, b));
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        Await.until(Duration.ofSeconds(15), "all estimates", () -> {
            for (int i = 0; i < n; i++) {
                if (estimates.get(i) == Long.MIN_VALUE) {
                    return false;
                }
            }
            return true;
        });
        long[] out = new long[n];
        StringBuilder ratios = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out[i] = estimates.get(i);
            ratios.append(String.format(" %d MB: %.2f", bytes[i] / MB, (double) out[i] / bytes[i]));
        }
        System.out.println("allocation estimate / exact:" + ratios);
        return out;
    }

    /**
     * Allocates about {@code bytes} (array sizes plus 16-byte headers) in 20 slices with a 25 ms
     * pause between them, like a request that computes between waits; the pauses unmount the
     * virtual thread, so the threads share carriers as requests do. Mixed sizes: mostly small
     * objects, every 16th a 16 KB array.
     */
    static long allocate(long bytes) {
        Object[] keep = new Object[4096];
        long done = 0;
        int step = 0;
        for (int slice = 1; slice <= 20; slice++) {
            long target = bytes * slice / 20;
            while (done < target) {
                int size = step % 16 == 0 ? 16 * 1024 : 48 + (step & 255);
                keep[step++ & 4095] = new byte[size];
                done += (size + 16 + 7) & ~7;
            }
            LockSupport.parkNanos(25_000_000);
        }
        KEEP.put(Thread.currentThread().threadId(), keep);
        return done;
    }
}
