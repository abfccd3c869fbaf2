package io.headroom.cli;

import io.headroom.load.analyze.GoalCheck;
import io.headroom.load.analyze.GoalEvaluator;
import io.headroom.load.analyze.GoalReport;
import io.headroom.load.analyze.JtlFormatException;
import io.headroom.load.analyze.JtlStatistics;
import io.headroom.load.analyze.LatencySplit;
import io.headroom.load.analyze.StatisticsJson;
import io.headroom.load.analyze.StatisticsTable;
import io.headroom.load.scenario.ScenarioException;
import io.headroom.load.scenario.Threshold;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom analyze FILE}: JMeter-equal statistics of a CSV or XML JTL, optional goals. Exit 0, 99 goal failed, 2 bad input. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Statistics of a JMeter JTL, CSV or XML (ours or JMeter's; the format is read from the content),",
            "equal to JMeter's HTML report: percentiles use JMeter's method (commons-math LEGACY over each",
            "label's last 20,000 samples), so they can differ from `headroom load`'s (HdrHistogram, all samples).",
            "  headroom analyze --server summary.json: the diagnosis of a `headroom load` run (ANA-2), from its",
            "  client series and server timeline; client-side only (and says so) when no server was monitored.",
            "  headroom analyze --baseline A/summary.json --compare B/summary.json: which labels regressed and why.",
            "Exit codes: 0 ok (all goals met), 99 a goal failed or a label regressed, 2 bad usage or unreadable file."
        })
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The JTL results file (CSV or XML).")
    Path file;

    @Option(
            names = "--server",
            paramLabel = "SUMMARY",
            description =
                    "A run's summary.json (with its server timeline " + "when it was monitored): print the diagnosis.")
    Path server;

    @Option(
            names = "--baseline",
            paramLabel = "SUMMARY",
            description = "With --compare: the earlier run's summary.json.")
    Path baseline;

    @Option(names = "--compare", paramLabel = "SUMMARY", description = "With --baseline: the later run's summary.json.")
    Path compare;

    @Option(
            names = "--max-regression",
            defaultValue = "10%%",
            description = "With --compare: allowed growth of a " + "label's p95 (default: ${DEFAULT-VALUE}).")
    String maxRegression;

    @Option(names = "--json", description = "Print JMeter's statistics.json shape instead of a table.")
    boolean json;

    @Option(names = "--goal", description = "A goal such as 'p(95)<300' or 'errors<1%%' (repeatable).")
    List<String> goals = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            if (server != null || baseline != null || compare != null) {
                return RunAnalysis.run(this);
            }
            if (file == null) {
                throw new ScenarioException("give a JTL FILE, --server summary.json, or --baseline A --compare B");
            }
            List<Threshold> parsed = goals.stream().map(Threshold::parse).toList();
            JtlStatistics statistics = JtlStatistics.of(file);
            List<GoalCheck> checks = GoalEvaluator.check(statistics, parsed);
            if (json) {
                spec.commandLine().getOut().println(StatisticsJson.write(statistics));
            } else {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
                    StatisticsTable.print(statistics, out);
                    LatencySplit.print(LatencySplit.of(file), out); // when the JTL has Server-Timing columns
                    if (!checks.isEmpty()) {
                        GoalReport.print(checks, out);
                    }
                }
                spec.commandLine().getOut().print(buffer.toString(StandardCharsets.UTF_8));
            }
            spec.commandLine().getOut().flush();
            return checks.stream().allMatch(c -> c.passed()) ? 0 : 99;
        } catch (ScenarioException e) {
            spec.commandLine()
                    .getErr()
                    .println("headroom analyze: " + e.getMessage().replaceFirst("^bad threshold", "bad --goal"));
            return 2;
        } catch (JtlFormatException e) {
            spec.commandLine().getErr().println("headroom analyze: " + e.getMessage());
            return 2;
        }
    }
}
