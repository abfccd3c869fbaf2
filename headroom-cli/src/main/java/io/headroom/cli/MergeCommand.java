package io.headroom.cli;

import io.headroom.load.LoadRun;
import io.headroom.load.merge.RunMerge;
import io.headroom.load.output.RunReport;
import io.headroom.load.output.SummaryTable;
import io.headroom.load.scenario.ScenarioException;
import io.headroom.load.scenario.Threshold;
import io.headroom.load.scenario.ThresholdSpec;
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

/** {@code headroom merge DIR... --out DIR}: the segments of a distributed run as one run. Exit 0, 99 failed, 2 bad usage. */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = {
            "Merge the --out directories of 'headroom load --segment i/n' runs (all n of them) into one",
            "summary.json, results.jtl and report.html. Percentiles and thresholds come from the added-up",
            "HdrHistogram interval logs: exact for the whole run, not an average of the segments' figures.",
            "Exit codes: 0 passed; 99 a threshold failed or no request succeeded; 2 bad usage or input."
        })
final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "The runs' --out directories.")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--out", required = true, description = "Directory for the merged results.")
    Path out;

    @Option(
            names = "--threshold",
            description = "A threshold on all requests besides the runs' own, e.g. " + "'p(99)<800' (repeatable).")
    List<String> thresholds = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            List<ThresholdSpec> extra = thresholds.stream()
                    .map(t -> new ThresholdSpec(null, Threshold.parse(t), false))
                    .toList();
            RunReport report = RunMerge.merge(dirs, out, extra);
            PrintStream stdout =
                    new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
            SummaryTable.print(report, stdout);
            stdout.println("Merged " + dirs.size() + " runs: " + out.resolve("results.jtl") + ", "
                    + out.resolve("summary.json") + ", " + out.resolve("report.html"));
            return report.passed() ? LoadRun.PASSED : LoadRun.FAILED;
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println("headroom merge: " + e.getMessage());
            return LoadRun.BAD_USAGE;
        }
    }
}
