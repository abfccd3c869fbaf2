package io.headroom.toolkit.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache warming (CACHE-6): runs the warm tasks in parallel, the hot set first (the first pages, the
 * stats, the folders: what the first visitors ask for), then the rest; at start and on a schedule.
 * The tasks simply call {@code getOrLoad}, so warming fills L1 and L2 exactly as a request would.
 */
public final class CacheWarmer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CacheWarmer.class);

    /** One thing to warm; {@code hot} ones run, and finish, before the others start. */
    public record WarmTask(String name, boolean hot, Runnable action) {}

    /** What the last warming did and how long it took (the hot set's time separately). */
    public record WarmingReport(Instant startedAt, Duration took, Duration hotTook, int tasks, int failed) {}

    private final Supplier<List<WarmTask>> tasks;
    private final int parallelism;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cache-warmer");
        t.setDaemon(true);
        return t;
    });
    private volatile WarmingReport last;

    /** @param tasks asked afresh at each warming, so the hot set can follow the data */
    public CacheWarmer(Supplier<List<WarmTask>> tasks, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive, not " + parallelism);
        }
        this.tasks = tasks;
        this.parallelism = parallelism;
    }

    /** Warms now, in the background, and then every interval (zero: only now). */
    public void start(Duration interval) {
        if (interval.isZero()) {
            schedule.execute(this::warmQuietly);
        } else {
            schedule.scheduleWithFixedDelay(this::warmQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public WarmingReport warmNow() {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<WarmTask> all = tasks.get();
        Semaphore permits = new Semaphore(parallelism);
        int failed;
        long hotNanos;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            failed = runAll(threads, permits, all.stream().filter(WarmTask::hot).toList());
            hotNanos = System.nanoTime() - start;
            failed +=
                    runAll(threads, permits, all.stream().filter(t -> !t.hot()).toList());
        }
        WarmingReport report = new WarmingReport(
                startedAt, Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(hotNanos), all.size(), failed);
        last = report;
        LOG.info(
                "Cache warmed: {} tasks ({} failed) in {} ms, hot set in {} ms",
                report.tasks(),
                failed,
                report.took().toMillis(),
                report.hotTook().toMillis());
        return report;
    }

    public Optional<WarmingReport> lastReport() {
        return Optional.ofNullable(last);
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }

    private static int runAll(ExecutorService threads, Semaphore permits, List<WarmTask> batch) {
        List<Future<?>> running = new ArrayList<>();
        for (WarmTask task : batch) {
            running.add(threads.submit((Callable<Void>) () -> {
                permits.acquire();
                try {
                    task.action().run();
                    return null;
                } finally {
                    permits.release();
                }
            }));
        }
        int failed = 0;
        for (int i = 0; i < running.size(); i++) {
            try {
                running.get(i).get();
            } catch (ExecutionException e) {
                failed++;
                LOG.warn(
                        "Cache warm task '{}' failed: {}",
                        batch.get(i).name(),
                        e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed + running.size() - i;
            }
        }
        return failed;
    }

    private void warmQuietly() {
        try {
            warmNow();
        } catch (RuntimeException e) {
            LOG.warn("Cache warming failed", e);
        }
    }
}
