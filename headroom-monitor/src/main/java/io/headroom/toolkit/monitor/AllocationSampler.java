package io.headroom.toolkit.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimates the bytes a request allocated on a virtual thread, for which the JDK keeps no
 * per-thread counter (MON-3). An in-process JFR stream receives {@code jdk.ObjectAllocationSample}
 * events (throttled to {@code samplesPerSecond}, no stack traces); each carries the allocating
 * thread, a time and a weight, and {@link AllocationSamples} sums the weights of the request's
 * thread inside the request's window. See docs/monitoring.md for what the figure means and its
 * error, and docs/decisions/monitoring.md for why it is built this way.
 *
 * <p>JFR delivers events about once a second, so a request's figure is known only after the
 * stream has passed its end: {@link #estimate} takes a callback, run on the stream thread once
 * that is so, or with -1 after {@link #GIVE_UP_AFTER}. Nothing here runs on the request path
 * except for slow requests, which call {@code estimate} once.
 *
 * <p>Clock: requests are timed with {@code System.nanoTime()}, events carry JFR's clock. Once a
 * second the sampler's own thread commits a {@code ClockEvent} holding {@code nanoTime()}; read
 * back, its JFR time minus that value is the offset between the clocks (re-measured every
 * second, so clock drift does not accumulate), and its {@code nanoTime()} is the watermark: all
 * samples before it have been delivered.
 *
 * <p>Chunk rotation: on JDK 25.0.3, the stream stops naming virtual threads a few seconds after
 * it starts ({@code eventThread} is null for samples of virtual threads created later), while a
 * dump of the same recording names them; rotating the recording's chunk once a second (starting
 * and closing an empty {@link Recording}, a few ms of the sampler thread) keeps them named. This
 * is measured, not documented JDK behaviour: samples whose thread stays unnamed are kept as
 * "unknown", and a window holding one is reported as unknown (-1), never as a smaller figure.
 *
 * <p>Priming: the first sample a carrier thread emits after the stream starts weighs everything
 * that carrier allocated since it was created (JDK-8307488, still so on JDK 25), which would land
 * on whichever request is mounted then. So the first tick makes every carrier allocate (one
 * virtual thread per carrier, each spinning until all of them run, so that each holds a carrier
 * of its own, then allocating 2 MB; twice), and windows that start before priming ended are
 * reported as unknown. A plain burst of short threads is not enough: on a loaded machine one
 * carrier can run them all while the other's OS thread waits. Seen under a CPU burner, after
 * other work in the same JVM: an estimate 260–300 MB too high, as a missed carrier's history would be.
 */
public final class AllocationSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AllocationSampler.class);
    static final String SAMPLE_EVENT = "jdk.ObjectAllocationSample";
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(10);
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PRIMING_SPIN_LIMIT = Duration.ofSeconds(2);
    /** Seconds of samples kept at the full sample rate; longer when the process allocates less. */
    private static final int HISTORY_SECONDS = 30;

    private final RecordingStream stream;
    private final ScheduledExecutorService clock;
    private final AllocationSamples samples;
    private final List<Pending> pending = new ArrayList<>();
    /** JFR epoch nanos minus System.nanoTime(), from the latest clock event; written by the stream thread. */
    private volatile long clockOffset;
    /** System.nanoTime() of the latest clock event read back: samples before it have been delivered. */
    private volatile long watermark = Long.MIN_VALUE;

    private volatile long unknownThreadSamples;
    private volatile boolean warnedUnknown;
    /** System.nanoTime() after which every carrier has had its first (inflated) sample; MAX until primed. */
    private volatile long trustedFrom = Long.MAX_VALUE;

    private AllocationSampler(int samplesPerSecond) {
        this.samples = new AllocationSamples(Math.max(1024, samplesPerSecond * HISTORY_SECONDS));
        this.stream = new RecordingStream();
        // No stack traces: walking the stack is most of a sample's cost, and attribution needs the thread only.
        stream.enable(SAMPLE_EVENT).with("throttle", samplesPerSecond + "/s").withoutStackTrace();
        stream.enable(ClockEvent.class);
        stream.setMaxAge(Duration.ofMinutes(1)); // the repository on disk holds at most a minute of chunks
        stream.onEvent(SAMPLE_EVENT, this::onSample);
        stream.onEvent(ClockEvent.NAME, this::onClock);
        stream.startAsync();
        this.clock = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().daemon().name("headroom-allocation-clock").unstarted(r));
        clock.execute(this::prime);
        clock.scheduleAtFixedRate(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True once requests starting now get an estimate (priming done, see the class comment). */
    public boolean primed() {
        return System.nanoTime() > trustedFrom;
    }

    private void prime() {
        try {
            int carriers = Integer.getInteger(
                    "jdk.virtualThreadScheduler.parallelism",
                    Runtime.getRuntime().availableProcessors());
            for (int round = 0;
                    round < 2;
                    round++) { // two rounds, a throttling window apart, in case one window's budget ran out
                CountDownLatch running = new CountDownLatch(carriers);
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < carriers; i++) {
                    threads.add(Thread.ofVirtual().start(() -> allocateOnACarrierOfItsOwn(running)));
                }
                for (Thread t : threads) {
                    t.join();
                }
                Thread.sleep(250); // the throttle's window is 200 ms
            }
            trustedFrom = System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("UnusedVariable") // written only: a store the JIT cannot drop keeps the priming allocations real
    private static volatile Object primingSink;

    /**
     * A virtual thread that never blocks is never unmounted: spinning until one of these runs on
     * every carrier puts each on a carrier of its own before it allocates. Bounded, in case a
     * carrier stays busy with other work (then that carrier is not primed, as before).
     */
    private static void allocateOnACarrierOfItsOwn(CountDownLatch running) {
        running.countDown();
        long giveUp = System.nanoTime() + PRIMING_SPIN_LIMIT.toNanos();
        while (running.getCount() > 0 && System.nanoTime() < giveUp) {
            Thread.onSpinWait();
        }
        allocateSomeTlabs();
    }

    private static void allocateSomeTlabs() {
        for (int i = 0; i < 512; i++) {
            primingSink = new byte[4096]; // 2 MB per thread: several TLAB refills, each a sampling point
        }
    }

    /**
     * Starts sampling at {@code samplesPerSecond}; null, with one log line saying why, when JFR is
     * not available in this runtime (then allocation on virtual threads stays unknown, -1).
     */
    public static AllocationSampler startOrNull(int samplesPerSecond) {
        try {
            if (!FlightRecorder.isAvailable()) {
                LOG.warn(
                        "JFR is not available in this JVM: bytes allocated by requests on virtual threads are reported as -1 (unknown)");
                return null;
            }
            return new AllocationSampler(samplesPerSecond);
        } catch (RuntimeException | LinkageError e) { // e.g. a jlink image without jdk.jfr, or JFR disabled
            LOG.warn(
                    "Cannot start the JFR allocation sampler ({}): bytes allocated by requests on virtual threads are reported as -1 (unknown)",
                    e.toString());
            return null;
        }
    }

    /**
     * Calls {@code whenKnown} with the estimated bytes {@code threadId} allocated between
     * {@code startNanos} and {@code endNanos} ({@code System.nanoTime()} values), or with -1 when
     * they cannot be told. Called on the stream thread, usually 1–2 s after {@code endNanos}.
     */
    public void estimate(long threadId, long startNanos, long endNanos, LongConsumer whenKnown) {
        synchronized (pending) {
            pending.add(new Pending(threadId, startNanos, endNanos, endNanos + GIVE_UP_AFTER.toNanos(), whenKnown));
        }
    }

    /** Samples whose thread JFR did not name (see the class comment); 0 when the rotation works. */
    public long unknownThreadSamples() {
        return unknownThreadSamples;
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // one writer (the stream thread); volatile only for the readers
    private void onSample(RecordedEvent event) {
        RecordedThread thread = event.getThread();
        if (thread == null) {
            unknownThreadSamples++; // only the stream thread writes
            samples.add(AllocationSamples.UNKNOWN_THREAD, epochNanos(event.getStartTime()), event.getLong("weight"));
        } else if (thread.isVirtual()) { // platform threads have an exact counter; keep the ring for those without
            samples.add(thread.getJavaThreadId(), epochNanos(event.getStartTime()), event.getLong("weight"));
        }
    }

    private void onClock(RecordedEvent event) {
        long nanoTime = event.getLong("nanoTime");
        clockOffset = epochNanos(event.getStartTime()) - nanoTime;
        watermark = nanoTime;
        complete(false);
    }

    /** Once a second on the clock thread: rotate the chunk, stamp the clock, give up on overdue requests. */
    private void tick() {
        try {
            if (shuttingDown()) {
                return; // JFR stops itself in its own shutdown hook; a recording started after it never returns
            }
            try (Recording rotation = new Recording()) {
                rotation.start();
            }
            ClockEvent event = new ClockEvent();
            event.nanoTime = System.nanoTime();
            event.commit();
            complete(true);
            if (unknownThreadSamples > 0 && !warnedUnknown) {
                warnedUnknown = true;
                LOG.warn(
                        "JFR delivered allocation samples without their thread; requests whose window holds one report allocatedBytes -1 "
                                + "(see docs/monitoring.md, 'Allocated bytes')");
            }
        } catch (RuntimeException e) {
            LOG.error("Allocation sampler tick failed; it runs again in {}", TICK, e);
        }
    }

    /**
     * Completes the pending requests the stream has passed (on the stream thread: only it reads the
     * samples), or, from the clock thread, those past their deadline, with -1.
     */
    private void complete(boolean overdueOnly) {
        List<Pending> ready = new ArrayList<>();
        long now = System.nanoTime();
        long passed = watermark;
        synchronized (pending) {
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if ((!overdueOnly && p.endNanos <= passed) || now > p.deadlineNanos) {
                    it.remove();
                    ready.add(p);
                }
            }
        }
        long offset = clockOffset;
        for (Pending p : ready) {
            long bytes = overdueOnly || p.startNanos <= trustedFrom
                    ? -1
                    : samples.attribute(p.threadId, p.startNanos + offset, p.endNanos + offset);
            try {
                p.whenKnown.accept(bytes);
            } catch (RuntimeException e) {
                LOG.error("Completing a slow request's allocation estimate failed", e);
            }
        }
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /**
     * True once the JVM has begun shutting down: then no hook may be added. Measured: a chunk
     * rotation started after JFR's shutdown hook had run stayed in {@code JVM.beginRecording} for
     * good, holding JFR's recorder lock, so {@link #close} (from the service's shutdown hook) waited
     * on it and the process never exited.
     */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /**
     * Stops the clock and closes the stream, waiting at most {@link #CLOSE_TIMEOUT} for JFR: a
     * stuck JFR (see {@link #shuttingDown}) must not keep the process from exiting.
     */
    @Override
    public void close() {
        clock.shutdownNow();
        Thread closer =
                Thread.ofPlatform().daemon().name("headroom-allocation-close").start(stream::close);
        try {
            if (!closer.join(CLOSE_TIMEOUT)) {
                LOG.warn(
                        "JFR did not close the allocation stream within {}; leaving it to the JVM's exit",
                        CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left; // nothing will complete them any more
        synchronized (pending) {
            left = new ArrayList<>(pending);
            pending.clear();
        }
        left.forEach(p -> p.whenKnown.accept(-1));
    }

    private record Pending(long threadId, long startNanos, long endNanos, long deadlineNanos, LongConsumer whenKnown) {}

    /** The sampler's clock mark; only its own stream enables it. */
    @Name(ClockEvent.NAME)
    @Label("Headroom allocation sampler clock")
    @StackTrace(false)
    static final class ClockEvent extends Event {
        static final String NAME = "io.headroom.AllocationSamplerClock";

        @Label("System.nanoTime() at commit")
        long nanoTime;
    }
}
