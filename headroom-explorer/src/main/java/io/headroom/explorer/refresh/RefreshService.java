package io.headroom.explorer.refresh;

import io.headroom.explorer.catalog.CatalogWriter;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.catalog.RefreshLease;
import io.headroom.explorer.catalog.RefreshLeaseLostException;
import io.headroom.explorer.catalog.RefreshLog;
import io.headroom.explorer.catalog.WriteFence;
import io.headroom.explorer.config.ExplorerConfig.RefreshSettings;
import io.headroom.explorer.lake.DiscoveredDataset;
import io.headroom.explorer.lake.LakeReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SVC-4: brings the catalog in line with the lake. At most one refresh runs at a time across every
 * instance on the catalog's database (the {@link RefreshLease}); analysis runs on a bounded pool;
 * results are upserted in batches; datasets the lake no longer lists are removed at the end (only by a
 * refresh that wrote every batch and still holds the lease). Runs on demand, on a schedule shared by
 * every instance (measured from the last refresh that ended in the database), and once at start-up
 * when the catalog is empty.
 *
 * <p>One maintenance thread ticks every {@link #tickPeriod}: it renews the lease of the running refresh
 * (the heartbeat), writes the end of a refresh the database could not take when it ended, closes log
 * rows left RUNNING by instances that are gone, and starts the scheduled refresh when it is due.
 */
public final class RefreshService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshService.class);
    private static final int STOP_WAIT_SECONDS = 10;

    private final LakeReader lake;
    private final CatalogWriter writer;
    private final DatasetRepository repository;
    private final RefreshLog log;
    private final RefreshLease lease;
    private final RefreshSettings settings;
    private final AtomicReference<RefreshRun> current = new AtomicReference<>();
    /** The refresh {@link #begin()} started on an empty catalog; null when the catalog had rows. */
    private volatile RefreshRun initial;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("catalog-refresh").daemon(true).factory());
    /** Bounded parallel analysis: a fixed pool of {@code parallelism} threads reading the lake. */
    private final ExecutorService analysis;

    private final ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("catalog-refresh-maintenance").daemon(true).factory());
    /** The database's time at {@link #begin()}: the schedule counts from it until a first refresh ends. */
    private volatile Instant begunAt;
    /** Set by {@link #close()}: a running refresh stops at its next batch boundary. */
    private volatile boolean stopping;
    /** The end of a refresh whose log write failed (the database was down); it still holds the lease. Guarded by this. */
    private RefreshLog.Entry unrecorded;

    public RefreshService(
            LakeReader lake,
            CatalogWriter writer,
            DatasetRepository repository,
            RefreshLog log,
            RefreshLease lease,
            RefreshSettings settings) {
        this.lake = lake;
        this.writer = writer;
        this.repository = repository;
        this.log = log;
        this.lease = lease;
        this.settings = settings;
        this.analysis = Executors.newFixedThreadPool(
                settings.parallelism(),
                Thread.ofPlatform().name("catalog-analysis-", 0).daemon(true).factory());
    }

    /** What a caller learns when asking for a refresh. */
    public sealed interface StartResult {
        record Started(long refreshId) implements StartResult {}

        /** A refresh is running already, in this instance or in another one on the same database. */
        record AlreadyRunning(long refreshId) implements StartResult {}
    }

    /**
     * Closes log rows whose instance is gone, starts a first refresh when the catalog is empty, and
     * starts the maintenance tick. A non-empty catalog (for example one bulk-loaded metadata-only) is
     * left alone until a refresh is asked for or the schedule finds one due.
     */
    public void begin() {
        int abandoned = log.abandonRunning();
        if (abandoned > 0) {
            LOG.warn("Closed {} refresh(es) left running by instances that are gone", abandoned);
        }
        begunAt = log.scheduleClock().now();
        if (repository.isEmpty()) {
            LOG.info("The catalog is empty: starting an initial refresh");
            if (start() instanceof StartResult.AlreadyRunning running) {
                LOG.info("Refresh {} is already running (another instance): not starting another", running.refreshId());
            } else {
                initial = current.get();
            }
        }
        long tick = tickPeriod(settings).toNanos();
        maintenance.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.NANOSECONDS);
    }

    /**
     * The heartbeat renews the lease three times per TTL, so two missed beats still leave it alive; the
     * schedule is checked four times per interval, so a refresh starts at most a quarter interval late.
     */
    static Duration tickPeriod(RefreshSettings settings) {
        Duration heartbeat = settings.leaseTtl().dividedBy(3);
        Duration period = settings.interval().isZero()
                ? heartbeat
                : min(heartbeat, settings.interval().dividedBy(4));
        return period.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : period;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public StartResult start() {
        return start(lease::acquire).orElseThrow(); // an unconditional attempt is never "not due"
    }

    /** Empty when a scheduled attempt found that a refresh ended meanwhile (it is not due any more). */
    private synchronized Optional<StartResult> start(Supplier<RefreshLease.Attempt> acquire) {
        RefreshRun running = current.get();
        if (running != null && !running.isDone()) {
            return Optional.of(new StartResult.AlreadyRunning(running.id()));
        }
        recordUnrecorded(); // our previous refresh still holds the lease until its end is written
        return switch (acquire.get()) {
            case RefreshLease.Attempt.Acquired acquired -> {
                RefreshRun run = new RefreshRun(acquired.refreshId(), acquired.startedAt());
                current.set(run);
                runner.execute(() -> execute(run));
                yield Optional.of(new StartResult.Started(run.id()));
            }
            case RefreshLease.Attempt.Held held -> Optional.of(new StartResult.AlreadyRunning(held.refreshId()));
            case RefreshLease.Attempt.NotDue notDue -> Optional.empty();
        };
    }

    /** Progress of a refresh: the in-memory run when it is this process's latest, else the persisted log row. */
    public Optional<RefreshLog.Entry> status(long refreshId) {
        RefreshRun run = current.get();
        if (run != null && run.id() == refreshId) {
            return Optional.of(run.snapshot());
        }
        return log.find(refreshId);
    }

    /** The refresh {@link #begin()} started because the catalog was empty; empty when it already had rows. */
    public Optional<RefreshProgress> initialRefresh() {
        return Optional.ofNullable(initial);
    }

    private void tick() {
        try {
            RefreshRun run = current.get();
            // A beat that finds no lease while the run is giving it back is no loss: check ending after the beat.
            if (run != null && !run.isEnding() && !lease.heartbeat(run.snapshot()) && !run.isEnding()) {
                LOG.error(
                        "Refresh {} lost its lease (it expired or another instance took it over): stopping it",
                        run.id());
                run.leaseLost();
            }
            recordUnrecorded();
            log.abandonRunning();
            if (!settings.interval().isZero()) {
                startIfDue();
            }
        } catch (RuntimeException e) {
            LOG.warn("Refresh maintenance failed; retrying at the next tick: {}", e.getMessage());
        }
    }

    /** Due when an interval has passed since the last refresh ended, in any instance, by the database's clock. */
    private void startIfDue() {
        RefreshLog.ScheduleClock clock = log.scheduleClock();
        if (clock.now().isBefore(clock.lastEnd().orElse(begunAt).plus(settings.interval()))) {
            return;
        }
        start(() -> lease.acquireIfNoneEndedSince(clock.lastEnd())).ifPresent(result -> {
            if (result instanceof StartResult.AlreadyRunning running) {
                LOG.debug("Scheduled refresh skipped: refresh {} is running", running.refreshId());
            }
        });
    }

    /** Writes the end of a refresh the database could not take when it ended; throws while it still cannot. */
    private synchronized void recordUnrecorded() {
        if (unrecorded == null) {
            return;
        }
        lease.release(unrecorded);
        LOG.info(
                "The end of refresh {} is recorded now that the database answers: {}",
                unrecorded.id(),
                unrecorded.state());
        unrecorded = null;
        repository.catalogChanged(); // statistics show lastRefresh
    }

    private void execute(RefreshRun run) {
        WriteFence fence = lease.fence(run.id());
        RefreshLog.Entry outcome;
        try {
            List<DiscoveredDataset> discovered = lake.discover();
            run.listed(discovered.size());
            for (int from = 0; from < discovered.size(); from += settings.batchSize()) {
                if (stopping) { // a batch boundary: every batch so far is written whole
                    throw new InterruptedException("stopping");
                }
                List<DiscoveredDataset> batch =
                        discovered.subList(from, Math.min(discovered.size(), from + settings.batchSize()));
                List<DatasetMetadata> analysed = analyse(batch, run);
                stopIfLeaseLost(run);
                CatalogWriter.UpsertResult result = writer.upsert(analysed, run.id(), fence);
                run.batchWritten(batch.size(), result);
                repository.catalogChanged();
            }
            stopIfLeaseLost(run);
            run.removed(writer.removeOlderThan(run.id(), fence)); // only now that every batch is written
            repository.catalogChanged();
            outcome = run.outcome(RefreshLog.State.FINISHED, null);
        } catch (InterruptedException e) {
            // close() stops a running refresh: an expected end at shutdown, not a failure worth a stack trace
            LOG.info("Refresh {} stopped: the service is shutting down", run.id());
            outcome = run.outcome(RefreshLog.State.FAILED, "stopped: the service shut down");
        } catch (Exception e) {
            LOG.error("Refresh {} failed", run.id(), e);
            outcome = run.outcome(RefreshLog.State.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        run.ending();
        RefreshLog.Entry logged = record(outcome);
        LOG.info(
                "Refresh {} {} in {} ms: {} datasets scanned, {} added, {} updated, {} removed, {} without statistics{}",
                logged.id(),
                logged.state().name().toLowerCase(Locale.ROOT),
                Duration.between(logged.startedAt(), logged.finishedAt()).toMillis(),
                logged.scanned(),
                logged.added(),
                logged.updated(),
                logged.removed(),
                logged.failed(),
                logged.error() == null ? "" : " (" + logged.error() + ")");
        run.publish(logged); // after the log write, so whoever sees the end also finds it in the log
    }

    private static void stopIfLeaseLost(RefreshRun run) {
        if (run.hasLostLease()) {
            throw new RefreshLeaseLostException(run.id());
        }
    }

    /**
     * Writes the run's end and gives the lease back; returns the end as the log holds it. When the
     * database cannot take it, the end is kept and written by the maintenance tick once it can.
     */
    private RefreshLog.Entry record(RefreshLog.Entry outcome) {
        try {
            Optional<Instant> loggedEnd = lease.release(outcome);
            repository.catalogChanged(); // statistics show lastRefresh
            if (loggedEnd.isEmpty()) { // closed as abandoned meanwhile: that is what the log says
                return log.find(outcome.id()).orElse(outcome);
            }
            return new RefreshLog.Entry(
                    outcome.id(),
                    outcome.state(),
                    outcome.scanned(),
                    outcome.added(),
                    outcome.updated(),
                    outcome.removed(),
                    outcome.failed(),
                    outcome.startedAt(),
                    loggedEnd.get(),
                    outcome.error());
        } catch (RuntimeException e) {
            LOG.error(
                    "Refresh {} ended but its end could not be written; retrying until the database answers",
                    outcome.id(),
                    e);
            synchronized (this) {
                unrecorded = outcome;
            }
            return outcome;
        }
    }

    /** Analyses a batch in parallel; a dataset whose analysis fails is still catalogued from its listing. */
    private List<DatasetMetadata> analyse(List<DiscoveredDataset> batch, RefreshRun run) throws InterruptedException {
        List<Future<DatasetMetadata>> futures = new ArrayList<>(batch.size());
        for (DiscoveredDataset dataset : batch) {
            futures.add(analysis.submit(() -> analyseOne(dataset, run)));
        }
        List<DatasetMetadata> results = new ArrayList<>(batch.size());
        for (Future<DatasetMetadata> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("analysis task failed unexpectedly", e.getCause());
            }
        }
        return results;
    }

    private DatasetMetadata analyseOne(DiscoveredDataset dataset, RefreshRun run) {
        try {
            return lake.analyze(dataset);
        } catch (Exception | StackOverflowError e) {
            LOG.warn(
                    "Analysis of {} failed; cataloguing it from its listing only: {}",
                    dataset.primary().key(),
                    e.toString());
            run.analysisFailed();
            return fromListing(dataset);
        }
    }

    static DatasetMetadata fromListing(DiscoveredDataset d) {
        return new DatasetMetadata(
                d.primary().key(),
                d.name(),
                d.folder(),
                d.format(),
                d.primary().sizeBytes(),
                d.primary().lastModified(),
                null,
                false,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null);
    }

    /**
     * Stops the schedule and the running refresh, which ends its current batch, closes its log row and
     * gives its lease back; a batch that does not end within {@value #STOP_WAIT_SECONDS} s is interrupted.
     */
    @Override
    public void close() {
        stopping = true;
        maintenance.shutdownNow();
        runner.shutdown();
        try {
            if (!runner.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                runner.shutdownNow();
                runner.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            runner.shutdownNow();
            Thread.currentThread().interrupt();
        }
        analysis.shutdownNow();
        try {
            recordUnrecorded();
        } catch (RuntimeException e) {
            LOG.warn(
                    "The end of the last refresh stays unrecorded; the next instance closes it once its lease expires: {}",
                    e.getMessage());
        }
    }
}
