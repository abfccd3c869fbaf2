package io.headroom.load;

import io.headroom.load.engine.HttpClientEngine;
import io.headroom.load.engine.IterationRunner;
import io.headroom.load.engine.JdbcTarget;
import io.headroom.load.engine.RunControl;
import io.headroom.load.executor.LoadExecutor;
import io.headroom.load.measure.Regression;
import io.headroom.load.measure.RunMetrics;
import io.headroom.load.measure.RunSummary;
import io.headroom.load.measure.SampleListener;
import io.headroom.load.measure.ThresholdEvaluator;
import io.headroom.load.measure.ThresholdResult;
import io.headroom.load.measure.TimeSeriesPoint;
import io.headroom.load.output.HtmlReport;
import io.headroom.load.output.JsonSummary;
import io.headroom.load.output.JtlWriter;
import io.headroom.load.output.ProgressLine;
import io.headroom.load.output.RunReport;
import io.headroom.load.output.SummaryTable;
import io.headroom.load.scenario.ExecutorSpec;
import io.headroom.load.scenario.Scenario;
import io.headroom.load.scenario.ScenarioException;
import io.headroom.load.scenario.ThresholdSpec;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario end to end: checks the target is reachable, applies the load with the scenario's
 * executor while a reporter thread rolls the metrics every second (progress line, abort-on-fail), then
 * evaluates thresholds and the baseline, prints the summary and writes the outputs.
 * Exit codes: {@value #PASSED} passed, {@value #FAILED} thresholds or regression failed.
 */
public final class LoadRun {

    public static final int PASSED = 0;
    public static final int BAD_USAGE = 2;
    public static final int FAILED = 99;

    private static final long REPORT_NANOS = 1_000_000_000L;

    private LoadRun() {
    }

    /** Runs the scenario; returns the report (the exit code is {@code report.passed() ? 0 : 99}). */
    public static RunReport execute(Scenario scenario, RunOptions options, PrintStream out) throws InterruptedException {
        JsonSummary.Baseline baseline = options.baseline() == null ? null : JsonSummary.readBaseline(options.baseline());
        prepareOutDir(options.outDir());
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        try (HttpClientEngine http = scenario.hasHttp()
                     ? new HttpClientEngine(scenario.baseUrl(), threads, Duration.ofSeconds(10)) : null;
             JdbcTarget jdbc = scenario.hasJdbc() ? new JdbcTarget(scenario.jdbcUrl(), scenario.requestTimeout()) : null;
             SchedulerGroup scheduler = new SchedulerGroup(http)) {
            probe(scenario, http, jdbc);
            long startEpochMillis = System.currentTimeMillis();
            long startNanos = System.nanoTime();
            RunMetrics metrics = new RunMetrics(startNanos);
            RunControl control = new RunControl();
            JtlWriter jtl = options.outDir() == null ? null
                    : new JtlWriter(options.outDir().resolve("results.jtl"), startEpochMillis, startNanos);
            SampleListener listener = jtl == null ? metrics : s -> {
                metrics.onSample(s);
                jtl.onSample(s);
            };
            IterationRunner runner = new IterationRunner(scenario, http, jdbc, listener, metrics, control,
                    IterationRunner.TaskScheduler.of(scheduler.group));
            ProgressLine progress = new ProgressLine(out, options.terminal(),
                    scenario.executor().duration().toMillis() / 1000.0);
            Thread reporter = Thread.ofPlatform().name("headroom-load-reporter").daemon().start(
                    () -> report(metrics, control, scenario.thresholds(), progress));
            try {
                LoadExecutor.of(scenario.executor()).run(runner, metrics, control);
            } finally {
                reporter.interrupt();
                reporter.join();
                progress.end();
                if (jtl != null) {
                    jtl.close();
                }
            }
            long endNanos = System.nanoTime();
            metrics.roll(endNanos);
            RunSummary summary = metrics.summary((endNanos - startNanos) / 1e9);
            List<ThresholdResult> thresholds = ThresholdEvaluator.evaluate(scenario.thresholds(), metrics, summary);
            List<Regression> regressions = new ArrayList<>();
            if (baseline != null) {
                regressions.add(Regression.p95(baseline.p95(), summary.total().p95(), options.maxRegression()));
                regressions.add(Regression.errorRate(baseline.errorRate(), summary.total().errorRate(),
                        options.maxRegression()));
            }
            RunReport report = new RunReport(scenario.name(), target(scenario), describe(scenario.executor()),
                    startEpochMillis, summary, thresholds, regressions, metrics.series(), control.stopReason());
            SummaryTable.print(report, out);
            writeOutputs(report, options.outDir(), out);
            return report;
        }
    }

    private static void report(RunMetrics metrics, RunControl control, List<ThresholdSpec> thresholds,
                               ProgressLine progress) {
        long next = metrics.startNanos() + REPORT_NANOS;
        List<ThresholdSpec> aborting = thresholds.stream().filter(ThresholdSpec::abortOnFail).toList();
        while (!Thread.currentThread().isInterrupted()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            TimeSeriesPoint point = metrics.roll(System.nanoTime());
            progress.update(point);
            next += REPORT_NANOS;
            if (!aborting.isEmpty()) {
                RunSummary summary = metrics.summary((System.nanoTime() - metrics.startNanos()) / 1e9);
                for (ThresholdResult r : ThresholdEvaluator.evaluate(aborting, metrics, summary)) {
                    if (!r.passed()) {
                        control.stop("threshold " + r.spec().threshold().expression() + " on " + r.spec().scope()
                                + " failed (abort-on-fail)");
                    }
                }
            }
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

    private static void writeOutputs(RunReport report, Path dir, PrintStream out) {
        if (dir == null) {
            return;
        }
        try {
            JsonSummary.write(report, dir.resolve("summary.json"));
            HtmlReport.write(report, dir.resolve("report.html"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("Results: " + dir.resolve("results.jtl") + ", " + dir.resolve("summary.json") + ", "
                + dir.resolve("report.html"));
    }

    private static String target(Scenario s) {
        if (s.hasHttp() && s.hasJdbc()) {
            return s.baseUrl() + " and " + s.jdbcUrl();
        }
        return s.hasHttp() ? s.baseUrl().toString() : s.jdbcUrl();
    }

    static String describe(ExecutorSpec e) {
        return switch (e) {
            case ExecutorSpec.ConstantVus c -> "constant-vus " + c.vus() + " VUs";
            case ExecutorSpec.RampingVus r -> "ramping-vus up to " + r.maxVus() + " VUs";
            case ExecutorSpec.ConstantArrivalRate c -> "constant-arrival-rate " + c.rate() + "/"
                    + c.timeUnit().toMillis() + "ms (max " + c.maxVus() + " VUs)";
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
