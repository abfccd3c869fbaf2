package io.headroom.explorer.refresh;

import io.headroom.explorer.catalog.CatalogWriter;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.catalog.RefreshLog;
import io.headroom.explorer.config.ExplorerConfig.RefreshSettings;
import io.headroom.explorer.lake.DiscoveredDataset;
import io.headroom.explorer.lake.LakeReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SVC-4: brings the catalog in line with the lake. At most one refresh runs at a time; analysis runs
 * on a bounded pool; results are upserted in batches; datasets the lake no longer lists are removed
 * at the end (only after a discovery that succeeded). Runs on demand, on a schedule, and once at
 * start-up when the catalog is empty.
 */
public final class RefreshService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshService.class);

    private final LakeReader lake;
    private final CatalogWriter writer;
    private final DatasetRepository repository;
    private final RefreshLog log;
    private final RefreshSettings settings;
    private final AtomicReference<RefreshRun> current = new AtomicReference<>();
    /** The refresh {@link #begin()} started on an empty catalog; null when the catalog had rows. */
    private volatile RefreshRun initial;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofPlatform()
            .name("catalog-refresh").daemon(true).factory());
    /** Bounded parallel analysis: a fixed pool of {@code parallelism} threads reading the lake. */
    private final ExecutorService analysis;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .name("catalog-refresh-schedule").daemon(true).factory());

    public RefreshService(LakeReader lake, CatalogWriter writer, DatasetRepository repository, RefreshLog log,
            RefreshSettings settings) {
        this.lake = lake;
        this.writer = writer;
        this.repository = repository;
        this.log = log;
        this.settings = settings;
        this.analysis = Executors.newFixedThreadPool(settings.parallelism(), Thread.ofPlatform()
                .name("catalog-analysis-", 0).daemon(true).factory());
    }

    /** What a caller learns when asking for a refresh. */
    public sealed interface StartResult {
        record Started(long refreshId) implements StartResult {}

        record AlreadyRunning(long refreshId) implements StartResult {}
    }

    /**
     * Closes log rows a crashed process left running, starts the schedule, and starts a first
     * refresh when the catalog is empty. A non-empty catalog (for example one bulk-loaded
     * metadata-only) is left alone until a refresh is asked for or the schedule fires.
     */
    public void begin() {
        log.abandonRunning(Instant.now());
        if (repository.isEmpty()) {
            LOG.info("The catalog is empty: starting an initial refresh");
            start();
            initial = current.get();
        }
        Duration interval = settings.interval();
        if (!interval.isZero()) {
            schedule.scheduleWithFixedDelay(this::scheduled, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public synchronized StartResult start() {
        RefreshRun running = current.get();
        if (running != null && !running.isDone()) {
            return new StartResult.AlreadyRunning(running.id());
        }
        Instant startedAt = Instant.now();
        RefreshRun run = new RefreshRun(log.started(startedAt), startedAt);
        current.set(run);
        runner.execute(() -> execute(run));
        return new StartResult.Started(run.id());
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

    private void scheduled() {
        try {
            if (start() instanceof StartResult.AlreadyRunning) {
                LOG.info("Scheduled refresh skipped: one is already running");
            }
        } catch (RuntimeException e) {
            LOG.warn("Scheduled refresh could not start: {}", e.getMessage());
        }
    }

    private void execute(RefreshRun run) {
        RefreshLog.Entry outcome;
        try {
            List<DiscoveredDataset> discovered = lake.discover();
            run.listed(discovered.size());
            for (int from = 0; from < discovered.size(); from += settings.batchSize()) {
                List<DiscoveredDataset> batch = discovered.subList(from, Math.min(discovered.size(), from + settings.batchSize()));
                CatalogWriter.UpsertResult result = writer.upsert(analyse(batch, run), run.id());
                run.batchWritten(batch.size(), result);
                repository.catalogChanged();
            }
            run.removed(writer.removeNotSeenIn(run.id()));
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
        try {
            log.finished(outcome); // before publishing, so whoever sees the end also finds it in the log
            repository.catalogChanged(); // statistics show lastRefresh
        } catch (RuntimeException e) {
            LOG.error("Refresh {} ended but its log row could not be written", run.id(), e);
        }
        LOG.info("Refresh {} {} in {} ms: {} datasets scanned, {} added, {} updated, {} removed, {} without statistics{}",
                run.id(), outcome.state().name().toLowerCase(Locale.ROOT),
                Duration.between(outcome.startedAt(), outcome.finishedAt()).toMillis(), outcome.scanned(),
                outcome.added(), outcome.updated(), outcome.removed(), outcome.failed(),
                outcome.error() == null ? "" : " (" + outcome.error() + ")");
        run.publish(outcome);
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
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("analysis task failed unexpectedly", e.getCause());
            }
        }
        return results;
    }

    private DatasetMetadata analyseOne(DiscoveredDataset dataset, RefreshRun run) {
        try {
            return lake.analyze(dataset);
        } catch (Exception | StackOverflowError e) {
            LOG.warn("Analysis of {} failed; cataloguing it from its listing only: {}", dataset.primary().key(), e.toString());
            run.analysisFailed();
            return fromListing(dataset);
        }
    }

    static DatasetMetadata fromListing(DiscoveredDataset d) {
        return new DatasetMetadata(d.primary().key(), d.name(), d.folder(), d.format(), d.primary().sizeBytes(),
                d.primary().lastModified(), null, false, null, null, List.of(), List.of(), null, null);
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        runner.shutdownNow();
        analysis.shutdownNow();
        try {
            runner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
