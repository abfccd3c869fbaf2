package io.headroom.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.load.diagnose.Diagnoser;
import io.headroom.load.diagnose.EvidenceReader;
import io.headroom.load.diagnose.RegressionCauses;
import io.headroom.load.engine.HttpClientEngine;
import io.headroom.load.engine.IterationRunner;
import io.headroom.load.engine.JdbcTarget;
import io.headroom.load.engine.Preparation;
import io.headroom.load.engine.RunControl;
import io.headroom.load.engine.VirtualUsers;
import io.headroom.load.engine.WarmupBurst;
import io.headroom.load.executor.LoadExecutor;
import io.headroom.load.executor.Segment;
import io.headroom.load.measure.BehindSchedule;
import io.headroom.load.measure.IntervalLog;
import io.headroom.load.measure.Phases;
import io.headroom.load.measure.Regression;
import io.headroom.load.measure.RunMetrics;
import io.headroom.load.measure.RunSummary;
import io.headroom.load.measure.SampleListener;
import io.headroom.load.measure.ThresholdEvaluator;
import io.headroom.load.measure.ThresholdResult;
import io.headroom.load.output.HtmlReport;
import io.headroom.load.output.JsonSummary;
import io.headroom.load.output.JtlWriter;
import io.headroom.load.output.ProgressLine;
import io.headroom.load.output.RunReport;
import io.headroom.load.output.SummaryTable;
import io.headroom.load.scenario.ExecutorSpec;
import io.headroom.load.scenario.Scenario;
import io.headroom.load.scenario.ScenarioException;
import io.headroom.load.server.ServerReport;
import io.headroom.load.server.ServerThresholdEvaluator;
import io.headroom.load.server.ServerTimeline;
import io.headroom.load.server.StatsPoller;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a scenario end to end: checks the target is reachable, opens connections and warms the engine
 * before the schedule's time zero, applies the load with the scenario's executor (after its warm-up
 * phase, if any) while a reporter thread rolls the metrics every second (progress line, abort-on-fail),
 * then evaluates thresholds and the baseline, prints the summary and writes the outputs.
 * Exit codes: {@value #PASSED} passed, {@value #FAILED} thresholds or regression failed or no request
 * succeeded, {@value #BAD_USAGE} bad usage, bad scenario or unreachable target.
 */
public final class LoadRun {

    public static final int PASSED = 0;
    public static final int BAD_USAGE = 2;
    public static final int FAILED = 99;

    private LoadRun() {}

    /** Runs the scenario; returns the report (the exit code is {@code report.passed() ? 0 : 99}). */
    public static RunReport execute(Scenario scenario, RunOptions options, PrintStream out)
            throws InterruptedException {
        return execute(scenario, options, Segment.WHOLE, out);
    }

    /**
     * Runs {@code segment}'s share of the scenario (see {@link Segment}); {@code headroom merge} combines the
     * outputs of all segments into the whole run's figures.
     */
    public static RunReport execute(Scenario scenario, RunOptions options, Segment segment, PrintStream out)
            throws InterruptedException {
        scenario.monitor().validate();
        JsonSummary.Baseline baseline =
                options.baseline() == null ? null : JsonSummary.readBaseline(options.baseline());
        prepareOutDir(options.outDir());
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorSpec executor = scenario.executor().withWarmup(scenario.warmup());
        try (HttpClientEngine http = scenario.hasHttp()
                        ? new HttpClientEngine(scenario.baseUrl(), threads, Duration.ofSeconds(10))
                        : null;
                JdbcTarget jdbc =
                        scenario.hasJdbc() ? new JdbcTarget(scenario.jdbcUrl(), scenario.requestTimeout()) : null;
                SchedulerGroup scheduler = new SchedulerGroup(http)) {
            probe(scenario, http, jdbc);
            try (Prepared prepared = prepare(scenario, executor, segment, http, scheduler, options.warmupBurst())) {
                return run(
                        scenario,
                        executor,
                        segment,
                        options,
                        baseline,
                        http,
                        jdbc,
                        scheduler,
                        prepared.vus(),
                        prepared.what(),
                        out);
            }
        }
    }

    private static RunReport run(
            Scenario scenario,
            ExecutorSpec executor,
            Segment segment,
            RunOptions options,
            JsonSummary.Baseline baseline,
            HttpClientEngine http,
            JdbcTarget jdbc,
            SchedulerGroup scheduler,
            VirtualUsers vus,
            Preparation preparation,
            PrintStream out)
            throws InterruptedException {
        long warmupNanos = scenario.warmup().toNanos();
        StatsPoller poller = scenario.monitor().enabled() ? StatsPoller.baseline(scenario.monitor(), out) : null;
        long originEpochMillis = System.currentTimeMillis();
        long origin = System.nanoTime();
        long startEpochMillis = originEpochMillis + warmupNanos / 1_000_000;
        AtomicInteger busyVus = new AtomicInteger();
        RunMetrics warmup = warmupNanos > 0 ? new RunMetrics(origin, busyVus) : null;
        RunMetrics metrics = new RunMetrics(origin + warmupNanos, busyVus);
        RunControl control = new RunControl();
        JtlWriter jtl = options.outDir() == null
                ? null
                : new JtlWriter(options.outDir().resolve("results.jtl"), startEpochMillis, metrics.startNanos());
        IntervalLog intervalLog = options.outDir() == null
                ? null
                : new IntervalLog(
                        options.outDir().resolve(IntervalLog.FILE),
                        startEpochMillis,
                        metrics.startNanos(),
                        scenario.name() + ", segment " + segment);
        if (intervalLog != null) {
            metrics.logIntervalsTo(intervalLog);
        }
        SampleListener measured = jtl == null
                ? metrics
                : s -> {
                    metrics.onSample(s);
                    jtl.onSample(s);
                };
        Phases phases = new Phases(origin, warmup, metrics, measured);
        IterationRunner runner = new IterationRunner(
                scenario, http, jdbc, phases, metrics, control, IterationRunner.TaskScheduler.of(scheduler.group));
        ProgressLine progress = new ProgressLine(
                out, options.terminal(), scenario.executor().duration().toMillis() / 1000.0, warmupNanos / 1e9);
        Thread reporter = Thread.ofPlatform()
                .name("headroom-load-reporter")
                .daemon()
                .start(() -> SecondReporter.run(phases, control, scenario.thresholds(), progress));
        if (poller != null) {
            poller.start(metrics.startNanos(), startEpochMillis, warmupNanos > 0);
        }
        ServerTimeline timeline = null;
        try {
            LoadExecutor.of(executor, segment).run(runner, phases, vus, control);
        } finally {
            reporter.interrupt();
            reporter.join();
            if (poller != null) { // its last reading covers the drain, like the client's last point
                timeline = poller.stop(System.nanoTime());
            }
            progress.end();
            if (jtl != null) {
                jtl.close();
            }
        }
        long endNanos = System.nanoTime();
        ServerReport server = timeline == null
                ? null
                : new ServerReport(
                        timeline,
                        ServerThresholdEvaluator.evaluate(scenario.monitor().thresholds(), timeline));
        metrics.roll(endNanos);
        if (intervalLog != null) {
            intervalLog.close();
        }
        RunSummary summary = metrics.summary(Math.max(0, endNanos - metrics.startNanos()) / 1e9);
        RunSummary warmupSummary = null;
        if (warmup != null) {
            warmup.roll(endNanos); // warm-up requests that finished after the boundary
            warmupSummary = warmup.summary(warmupNanos / 1e9);
        }
        List<ThresholdResult> thresholds = ThresholdEvaluator.evaluate(scenario.thresholds(), metrics, summary);
        List<Regression> regressions = new ArrayList<>();
        if (baseline != null) {
            regressions.add(Regression.p95(baseline.p95(), summary.total().p95(), options.maxRegression()));
            regressions.add(
                    Regression.errorRate(baseline.errorRate(), summary.total().errorRate(), options.maxRegression()));
        }
        BehindSchedule behind = scenario.isOpenModel()
                ? BehindSchedule.of(metrics.series(), BehindSchedule.DEFAULT_BOUND_MS, maxVus(executor))
                : null;
        RunReport report = new RunReport(
                scenario.name(),
                target(scenario),
                describe(scenario.executor(), segment),
                startEpochMillis,
                summary,
                thresholds,
                regressions,
                metrics.series(),
                control.stopReason(),
                warmupSummary,
                behind,
                preparation,
                server,
                null);
        var json = JsonSummary.toJson(report);
        report = report.withDiagnosis(Diagnoser.diagnose(EvidenceReader.of(json)));
        if (baseline != null && !regressions.getFirst().passed()) {
            report = withRegressionCause(report, baseline, json, options.maxRegression());
        }
        SummaryTable.print(report, out);
        writeOutputs(report, segment, options.outDir(), out);
        return report;
    }

    /** The failed p95 check with the labels that regressed and the server-side changes that explain them. */
    private static RunReport withRegressionCause(
            RunReport report, JsonSummary.Baseline baseline, JsonNode now, double allowed) {
        List<String> lines = RegressionCauses.compare(baseline.summary(), now, allowed).stream()
                .filter(RegressionCauses.LabelChange::regressed)
                .map(RegressionCauses.LabelChange::describe)
                .toList();
        List<Regression> regressions = new ArrayList<>(report.regressions());
        regressions.set(0, regressions.getFirst().withCause(String.join("\n", lines)));
        return report.withRegressions(List.copyOf(regressions));
    }

    /**
     * Before the schedule's time zero: opens the connections the executor starts with (its pre-allocated
     * VUs, or its VUs in the closed model) and, when the scenario's requests are safe to repeat, sends an
     * unmeasured burst of them to warm the JVM and the connections (see {@link WarmupBurst}).
     */
    private static Prepared prepare(
            Scenario scenario,
            ExecutorSpec executor,
            Segment segment,
            HttpClientEngine http,
            SchedulerGroup scheduler,
            boolean burstAllowed)
            throws InterruptedException {
        if (http == null) {
            return new Prepared(VirtualUsers.none(), Preparation.NONE);
        }
        int count = LoadExecutor.startingVus(executor, segment);
        VirtualUsers vus = VirtualUsers.open(http, count, 10_000);
        String skipped = burstAllowed ? WarmupBurst.whyNot(scenario) : Preparation.TURNED_OFF;
        if (skipped != null) {
            return new Prepared(vus, new Preparation(count, vus.connected(), 0, skipped));
        }
        // The burst's rows go through a JTL writer too, into nothing, so that path is warm as well. Never
        // closed: a burst request still in flight may write to it later, and there is nothing to release.
        JtlWriter nowhere = new JtlWriter(OutputStream.nullOutputStream(), 0, 0);
        int burst = WarmupBurst.run(
                scenario, http, IterationRunner.TaskScheduler.of(scheduler.group), vus.preOpened(), nowhere);
        return new Prepared(vus, new Preparation(count, vus.connected(), burst, null));
    }

    /** The VUs opened before time zero and what was done to prepare them; closing it closes the VUs. */
    private record Prepared(VirtualUsers vus, Preparation what) implements AutoCloseable {
        @Override
        public void close() {
            vus.close();
        }
    }

    private static void probe(Scenario scenario, HttpClientEngine http, JdbcTarget jdbc) {
        if (http != null) {
            String problem = http.probe(10_000);
            if (problem != null) {
                throw new ScenarioException("cannot reach " + scenario.baseUrl() + ": " + problem);
            }
        }
        if (jdbc != null) {
            String problem = jdbc.probe();
            if (problem != null) {
                throw new ScenarioException("cannot connect to the database " + scenario.jdbcUrl() + ": " + problem);
            }
        }
    }

    private static void prepareOutDir(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ScenarioException("--out " + dir + ": cannot create the directory (" + e.getMessage() + ")");
        }
    }

    private static void writeOutputs(RunReport report, Segment segment, Path dir, PrintStream out) {
        if (dir == null) {
            return;
        }
        try {
            JsonSummary.write(report, segment, dir.resolve("summary.json"));
            HtmlReport.write(report, dir.resolve("report.html"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("Results: " + dir.resolve("results.jtl") + ", " + dir.resolve("summary.json") + ", "
                + dir.resolve("report.html") + ", " + dir.resolve(IntervalLog.FILE));
    }

    private static String target(Scenario s) {
        if (s.hasHttp() && s.hasJdbc()) {
            return s.baseUrl() + " and " + s.jdbcUrl();
        }
        return s.hasHttp() ? s.baseUrl().toString() : s.jdbcUrl();
    }

    private static int maxVus(ExecutorSpec e) {
        return switch (e) {
            case ExecutorSpec.ConstantArrivalRate c -> c.maxVus();
            case ExecutorSpec.RampingArrivalRate r -> r.maxVus();
            case ExecutorSpec.ConstantVus c -> c.vus();
            case ExecutorSpec.RampingVus r -> r.maxVus();
        };
    }

    static String describe(ExecutorSpec e, Segment segment) {
        return describe(e) + (segment.isWhole() ? "" : ", segment " + segment);
    }

    static String describe(ExecutorSpec e) {
        return switch (e) {
            case ExecutorSpec.ConstantVus c -> "constant-vus " + c.vus() + " VUs";
            case ExecutorSpec.RampingVus r -> "ramping-vus up to " + r.maxVus() + " VUs";
            case ExecutorSpec.ConstantArrivalRate c ->
                "constant-arrival-rate " + c.rate() + "/" + c.timeUnit().toMillis() + "ms (max " + c.maxVus() + " VUs)";
            case ExecutorSpec.RampingArrivalRate r -> "ramping-arrival-rate (max " + r.maxVus() + " VUs)";
        };
    }

    /** The event loops that run timers: the HTTP client's, or a one-thread group for JDBC-only runs. */
    private static final class SchedulerGroup implements AutoCloseable {
        final EventLoopGroup group;
        private final boolean owned;

        SchedulerGroup(HttpClientEngine http) {
            this.owned = http == null;
            this.group = owned ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : http.group();
        }

        @Override
        public void close() {
            if (owned) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            }
        }
    }
}
