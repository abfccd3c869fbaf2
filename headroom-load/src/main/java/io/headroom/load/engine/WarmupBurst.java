package io.headroom.load.engine;

import io.headroom.load.measure.RunMetrics;
import io.headroom.load.measure.SampleListener;
import io.headroom.load.scenario.Feeder;
import io.headroom.load.scenario.RequestSpec;
import io.headroom.load.scenario.Scenario;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A short, unmeasured burst of the scenario's own requests before the schedule's time zero, so the
 * first measured second is not the JVM's first: the send and receive path (templates, encoder, Netty
 * pipeline, response parser, checks, the HdrHistogram recorders) is class-loaded and JIT-compiled, the
 * event loops are running, and every pre-opened connection has carried a request (the server's
 * per-connection state is set up too).
 *
 * <p>Each pre-opened VU sends one request, then a few VUs loop back to back until the JIT has gone
 * quiet (no compilation for {@value #QUIET_MILLIS} ms, after at least {@value #MIN_REQUESTS} requests),
 * or {@value #MAX_REQUESTS} requests, or {@value #MAX_MILLIS} ms. Stopping on a quiet JIT rather than a
 * fixed count matters: compilations queued by the burst and finished after time zero would otherwise
 * compete with the run for the CPU in its first seconds. A closed loop, so a slow target gets a handful
 * of requests in flight, never a flood; and the loops stop at the first request that got no response
 * (a timeout or a connection error: a hanging target would only be kept busy). Slowness alone does not
 * stop them: the first requests of a cold JVM are slow, and they are the ones that need the burst.
 * Skipped for scenarios
 * whose requests have effects (writes, JDBC) or consume a sequential feeder: the burst must not change
 * what the run does.
 */
public final class WarmupBurst {

    static final int MIN_REQUESTS = 2_000;
    static final int MAX_REQUESTS = 20_000;
    static final long MAX_MILLIS = 3_000;
    static final long QUIET_MILLIS = 300;
    private static final int LOOPING_VUS = 8;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private WarmupBurst() {}

    /** Why the burst is skipped for this scenario, or null when it may run. */
    public static String whyNot(Scenario scenario) {
        for (RequestSpec r : scenario.requests()) {
            if (r.type() != RequestSpec.Type.HTTP) {
                return "JDBC requests";
            }
            if (!SAFE_METHODS.contains(r.method())) {
                return r.method() + " requests";
            }
            if (r.feeder() != null && scenario.feeders().get(r.feeder()).mode() == Feeder.Mode.SEQUENTIAL) {
                return "a sequential feeder";
            }
        }
        return null;
    }

    /**
     * Runs the burst of {@code scenario}'s requests on {@code vus}; the samples go to a scratch recorder
     * (which warms the recording path too) and are then forgotten. Returns the number of requests sent.
     */
    public static int run(
            Scenario scenario,
            HttpClientEngine http,
            IterationRunner.TaskScheduler scheduler,
            List<VirtualUser> vus,
            SampleListener alsoTo)
            throws InterruptedException {
        if (vus.isEmpty()) {
            return 0;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_MILLIS);
        RunMetrics scratch = new RunMetrics(System.nanoTime());
        ExecutorService dispatcher = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("headroom-load-warmup").daemon().factory());
        Burst burst = new Burst(deadline, vus.size(), dispatcher);
        SampleListener listener = s -> {
            scratch.onSample(s);
            alsoTo.onSample(s);
            if (s.firstByteNanos() == 0 && !s.success()) {
                burst.stop = true; // no response at all: timeout or connection error
            }
        };
        burst.runner = new IterationRunner(scenario, http, null, listener, scratch, new RunControl(), scheduler);
        for (int i = 0; i < vus.size(); i++) {
            VirtualUser vu = vus.get(i);
            boolean loops = i < LOOPING_VUS;
            scheduler.execute(() -> burst.next(vu, loops));
        }
        try {
            waitForQuietJit(burst, deadline);
            burst.stop = true;
            burst.done.await(MAX_MILLIS, TimeUnit.MILLISECONDS);
        } finally {
            dispatcher.shutdown();
        }
        return burst.sent.get();
    }

    /** Returns once the JIT compiled nothing for {@value #QUIET_MILLIS} ms (after the minimum), or at the deadline. */
    private static void waitForQuietJit(Burst burst, long deadline) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        long lastCompileMillis = measurable ? jit.getTotalCompilationTime() : 0;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && burst.done.getCount() > 0) {
            TimeUnit.MILLISECONDS.sleep(50);
            long compileMillis = measurable ? jit.getTotalCompilationTime() : lastCompileMillis;
            long now = System.nanoTime();
            if (compileMillis != lastCompileMillis) {
                lastCompileMillis = compileMillis;
                quietSince = now;
            }
            if (burst.sent.get() >= MIN_REQUESTS && now - quietSince >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
                return;
            }
        }
    }

    /** The state of one burst: VUs loop until told to stop. */
    private static final class Burst {
        IterationRunner runner;
        final long deadline;
        final Executor dispatcher;
        final AtomicInteger sent = new AtomicInteger();
        final CountDownLatch done;
        volatile boolean stop;

        Burst(long deadline, int vus, Executor dispatcher) {
            this.deadline = deadline;
            this.done = new CountDownLatch(vus);
            this.dispatcher = dispatcher;
        }

        void next(VirtualUser vu, boolean loops) {
            sent.incrementAndGet();
            runner.iterate(vu, IterationRunner.UNSCHEDULED, () -> {
                if (loops && !stop && sent.get() < MAX_REQUESTS && System.nanoTime() < deadline) {
                    // The next request starts from another thread, as the open model's scheduler thread
                    // starts them: that hand-off to the connection's event loop is on the run's hot path
                    // too. (It also keeps a chain of instant failures from growing the stack.)
                    try {
                        dispatcher.execute(() -> next(vu, true));
                    } catch (RejectedExecutionException e) {
                        done.countDown(); // the burst is over
                    }
                } else {
                    done.countDown();
                }
            });
        }
    }
}
