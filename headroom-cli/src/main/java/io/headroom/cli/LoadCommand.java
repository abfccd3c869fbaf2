package io.headroom.cli;

import io.headroom.load.LoadRun;
import io.headroom.load.RunOptions;
import io.headroom.load.advise.AdviceText;
import io.headroom.load.advise.QueryAdvisor;
import io.headroom.load.capacity.CapacityReport;
import io.headroom.load.capacity.CapacitySearch;
import io.headroom.load.engine.HttpClientEngine;
import io.headroom.load.executor.Segment;
import io.headroom.load.output.JsonSummary;
import io.headroom.load.output.ProgressLine;
import io.headroom.load.output.RunReport;
import io.headroom.load.scenario.MonitorSpec;
import io.headroom.load.scenario.QuickScenario;
import io.headroom.load.scenario.Scenario;
import io.headroom.load.scenario.ScenarioException;
import io.headroom.load.scenario.ScenarioOverrides;
import io.headroom.load.scenario.ScenarioParser;
import io.headroom.load.scenario.ServerThreshold;
import io.headroom.load.scenario.Threshold;
import io.headroom.load.scenario.ThresholdSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom load}: runs a scenario file, or one URL in quick mode. Exit 0 passed, 99 failed, 2 bad usage. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Load-test an HTTP service or a database (open or closed model) and check thresholds.",
            "  headroom load SCENARIO.yaml [--base-url URL] [--duration 1m] [--warmup 10s] [--out DIR]"
                    + " [--baseline summary.json --max-regression 10%%]",
            "  headroom load --url URL (--rate 200/s | --vus 50) --duration 30s [--threshold 'p(95)<500']...",
            "  --monitor URL [--monitor-token T]: server timeline, server.* thresholds",
            "Connections are opened, and for GET/HEAD-only scenarios the client is warmed,",
            "before the schedule starts. Percentiles: HdrHistogram over all samples.",
            "Exit codes: 0 passed; 99 a threshold or the regression check failed,",
            "or no request succeeded; 2 bad usage, bad scenario or unreachable target."
        })
final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", description = "Scenario file (YAML).")
    Path scenarioFile;

    @Option(names = "--url", description = "Quick mode: the URL to GET.")
    String url;

    @Option(
            names = "--rate",
            description = {
                "Quick mode: arrival rate, e.g. 200/s (open model). --rate N/s may open "
                        + "up to N connections (max VUs = one second of requests in flight, at least 10) when the target is slow; "
                        + "N/10 (N x 100 ms of expected latency) are opened before the start, see --pre-allocated-vus."
            })
    String rate;

    @Option(
            names = "--pre-allocated-vus",
            paramLabel = "N",
            description =
                    "Open model: connections (VUs) to open "
                            + "before the schedule starts, like k6's preAllocatedVUs (default: rate x 100 ms, e.g. 200 for 2000/s).")
    Integer preAllocatedVus;

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            description = "Run this long at the scenario's opening rate "
                    + "before the measured run, e.g. 10s: measured but reported apart (not in Total, thresholds or the JTL). "
                    + "Overrides the scenario's 'warmup'.")
    String warmup;

    @Option(
            names = "--no-warmup-burst",
            description = "Send no unmeasured warm-up burst before time zero "
                    + "(connections are still opened in advance): the target sees exactly the run's requests.")
    boolean noWarmupBurst;

    @Option(
            names = "--header",
            paramLabel = "'NAME: VALUE'",
            description = "Quick mode: a header on every request (repeatable), e.g. 'Authorization: Bearer T' for a"
                    + " service that sends Server-Timing to token holders only; its app and db times go into the JTL.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--vus", description = "Quick mode: number of virtual users (closed model).")
    Integer vus;

    @Option(
            names = "--duration",
            description = "How long, e.g. 30s, 5m (quick mode default: 30s). With a SCENARIO "
                    + "file it overrides the executor's length; ramping stages keep their shape, scaled to fit.")
    String duration;

    @Option(
            names = "--base-url",
            paramLabel = "URL",
            description = "With a SCENARIO file: send its HTTP requests to this base URL instead of its baseUrl.")
    String baseUrl;

    @Option(
            names = "--threshold",
            description = "Threshold on all requests, e.g. 'p(95)<500', 'rate<0.01' (repeatable).")
    List<String> thresholds = new ArrayList<>();

    @Option(
            names = "--monitor",
            paramLabel = "URL",
            description = "Poll this Headroom instance's stats document "
                    + "once a second (its base URL, or the full /api/performance/stats URL; repeatable) for a server "
                    + "timeline beside the client's, and server.* thresholds, e.g. 'server.cpu<0.8'.")
    List<String> monitor = new ArrayList<>();

    @Option(
            names = "--monitor-token",
            paramLabel = "TOKEN",
            description = "Sent to --monitor instances as 'Authorization: Bearer TOKEN' (the admin or metrics token).")
    String monitorToken;

    @Option(
            names = "--database",
            paramLabel = "URL",
            description =
                    "After a monitored run, advise on the statements "
                            + "the service ran (EXPLAIN on this PostgreSQL, read-only), as headroom advise-queries --summary does.")
    String database;

    @Option(
            names = "--out",
            description = "Directory for results.jtl, summary.json, report.html and the "
                    + "HdrHistogram interval log histograms.hlog.")
    Path out;

    @Option(
            names = "--segment",
            paramLabel = "i/n",
            description = {
                "Run segment i of n (0 <= i < n) of the scenario, "
                        + "like k6's execution segments: n processes with 0/n ... (n-1)/n make exactly the whole scenario "
                        + "(arrival rates dealt out iteration by iteration, VUs split). Combine their --out directories with "
                        + "'headroom merge'; a segment's own thresholds are only indicative and do not set its exit code."
            })
    String segment;

    @Option(names = "--baseline", description = "A previous summary.json: fail when p95 or error rate regressed.")
    Path baseline;

    @Option(
            names = "--max-regression",
            description = "Allowed regression against --baseline (default: ${DEFAULT-VALUE}).",
            defaultValue = "10%")
    String maxRegression;

    @picocli.CommandLine.Mixin
    CapacityOptions capacity = new CapacityOptions();

    @Override
    public Integer call() throws InterruptedException {
        PrintStream stdout =
                new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
        try {
            Scenario scenario = scenario();
            RunOptions options =
                    new RunOptions(out, baseline, regression(maxRegression), ProgressLine.stdoutIsTerminal());
            if (noWarmupBurst) {
                options = options.withoutWarmupBurst();
            }
            Segment part = segment == null ? Segment.WHOLE : Segment.parse(segment);
            if (!part.isWhole() && out == null) {
                throw new ScenarioException("--segment needs --out DIR: headroom merge reads the segments' outputs");
            }
            HttpClientEngine.disableLeakDetectionUnlessConfigured();
            if (capacity.find) {
                if (!part.isWhole()) {
                    throw new ScenarioException(
                            "--find-capacity searches the whole scenario's rates: leave out --segment");
                }
                return findCapacity(scenario, stdout);
            }
            RunReport report = LoadRun.execute(scenario, options, part, stdout);
            if (!part.isWhole()) {
                stdout.println("Segment " + part + ": thresholds above are this segment's share only; "
                        + "'headroom merge' judges the whole run.");
                return report.anySucceeded() ? LoadRun.PASSED : LoadRun.FAILED;
            }
            if (database != null) {
                adviseQueries(report, stdout);
            }
            return report.passed() ? LoadRun.PASSED : LoadRun.FAILED;
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println("headroom load: " + e.getMessage());
            return LoadRun.BAD_USAGE;
        }
    }

    /** {@code --find-capacity}: exit 0 when a knee was found, 99 when even the first rate missed the goals. */
    private int findCapacity(Scenario scenario, PrintStream stdout) throws InterruptedException {
        if (vus != null) {
            throw new ScenarioException(
                    "--find-capacity searches arrival rates (open model): give --url without --vus");
        }
        var settings = capacity.settings();
        stdout.println(
                "Capacity search on " + scenario.baseUrl() + " (each step: 1 s warm-up, then " + capacity.step + ")");
        var result = CapacitySearch.run(scenario, settings, true, stdout);
        CapacityReport.print(result, stdout);
        if (out != null) {
            try {
                CapacityReport.write(result, out);
                stdout.println("Results: " + out.resolve("capacity.json") + ", " + out.resolve("capacity.html"));
            } catch (IOException e) {
                throw new ScenarioException("--out " + out + ": " + e.getMessage());
            }
        }
        return result.knee() != null ? LoadRun.PASSED : LoadRun.FAILED;
    }

    /** The query advice on the run's statements; a failure is a warning, the run's verdict stands. */
    private void adviseQueries(RunReport report, PrintStream stdout) {
        if (report.server() == null) {
            stdout.println(
                    "headroom load: --database: no server was monitored (--monitor URL), so no statements of the "
                            + "run are known; use headroom advise-queries --database URL for pg_stat_statements");
            return;
        }
        try {
            var statements = AdviseQueriesCommand.fromSummary(JsonSummary.toJson(report));
            var advice = QueryAdvisor.advise(database, statements, 10, false, QueryAdvisor.DEFAULT_LARGE_TABLE);
            AdviceText.print(advice, stdout);
            if (out != null) {
                Files.writeString(
                        out.resolve("query-advice.json"),
                        AdviceText.toJson(advice).toPrettyString());
            }
        } catch (ScenarioException | IOException e) {
            stdout.println("headroom load: query advice failed: " + e.getMessage());
        }
    }

    private Scenario scenario() {
        if (scenarioFile != null) {
            if (url != null || rate != null || vus != null) {
                throw new ScenarioException("give either a SCENARIO file or --url with --rate/--vus, not both");
            }
            Scenario s = ScenarioParser.parse(scenarioFile);
            if (baseUrl != null) {
                s = ScenarioOverrides.withBaseUrl(s, baseUrl);
            }
            if (duration != null) {
                s = ScenarioOverrides.withDuration(s, duration);
            }
            if (!clientThresholds().isEmpty()) {
                List<ThresholdSpec> all = new ArrayList<>(s.thresholds());
                clientThresholds().forEach(t -> all.add(new ThresholdSpec(null, Threshold.parse(t), false)));
                s = ScenarioOverrides.withThresholds(s, List.copyOf(all));
            }
            return common(s);
        }
        if (url == null) {
            throw new ScenarioException("give a SCENARIO file, or --url URL with --rate N/s or --vus N (see --help)");
        }
        if (baseUrl != null) {
            throw new ScenarioException("--base-url goes with a SCENARIO file (quick mode takes --url)");
        }
        String quickRate =
                capacity.find && rate == null && vus == null ? "1/s" : rate; // the search sets each step's rate
        return common(ScenarioOverrides.withHeaders(
                QuickScenario.of(url, quickRate, vus, duration == null ? "30s" : duration, clientThresholds()),
                headers));
    }

    /** The options that apply alike to a scenario file and to quick mode. */
    private Scenario common(Scenario s) {
        if (warmup != null) {
            s = ScenarioOverrides.withWarmup(s, warmup);
        }
        if (preAllocatedVus != null) {
            s = ScenarioOverrides.withPreAllocatedVus(s, preAllocatedVus);
        }
        return ScenarioOverrides.withMonitor(s, monitorSpec(s.monitor()));
    }

    private List<String> clientThresholds() {
        return thresholds.stream().filter(t -> !ServerThreshold.isServer(t)).toList();
    }

    /** The scenario's 'monitor:' with --monitor URLs in place of its own, --monitor-token, and server.* thresholds. */
    private MonitorSpec monitorSpec(MonitorSpec fromFile) {
        List<URI> urls = monitor.isEmpty()
                ? fromFile.statsUrls()
                : monitor.stream()
                        .map(u -> MonitorSpec.statsUrl(u, "--monitor"))
                        .toList();
        List<ServerThreshold> server = new ArrayList<>(fromFile.thresholds());
        thresholds.stream().filter(ServerThreshold::isServer).forEach(t -> server.add(ServerThreshold.parse(t)));
        return new MonitorSpec(urls, monitorToken != null ? monitorToken : fromFile.token(), List.copyOf(server));
    }

    static double regression(String text) {
        String t = text.strip();
        try {
            double v =
                    t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ScenarioException("--max-regression '" + text + "': expected a percentage such as 10% (or 0.1)");
        }
    }
}
