package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.load.LoadRun;
import io.headroom.load.scaling.AdviceOutput;
import io.headroom.load.scaling.AdviseOptions;
import io.headroom.load.scaling.Evidence;
import io.headroom.load.scaling.LiveEvidence;
import io.headroom.load.scaling.RampEvidence;
import io.headroom.load.scaling.ScalingAdvice;
import io.headroom.load.scenario.Durations;
import io.headroom.load.scenario.MonitorSpec;
import io.headroom.load.scenario.ScenarioException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom advise}: replicas, pool sizes, HPA targets and Redis memory from measurements. Exit 0, 2 bad usage. */
@Command(
        name = "advise",
        mixinStandardHelpOptions = true,
        description = {
            "Recommend replicas, DB_POOL_MAX, HPA targets and Redis maxmemory for a target rate, from a",
            "ramp test's summary.json (headroom load --monitor, ramping arrival rate) and/or a running",
            "instance's stats document (--url with --token). Prints the reasoning and the numbers it used.",
            "  headroom advise --summary results/ramp/summary.json --target-rate 2000 [--url URL --token T]",
            "  headroom advise --url http://host:8080 --token T --target-rate 2000 --json | --hpa-patch"
        })
final class AdviseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--summary",
            paramLabel = "FILE",
            description = "A ramp test's summary.json: the knee is its capacity.")
    Path summary;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "A running instance (base URL or stats URL): its cache "
                    + "working set, and without --summary its present load and CPU.")
    String url;

    @Option(names = "--token", description = "Bearer token for --url (the metrics or admin token).")
    String token;

    @Option(
            names = "--target-rate",
            required = true,
            paramLabel = "REQ/S",
            description = "Requests per second to plan for, e.g. 2000 or 2000/s.")
    String targetRate;

    @Option(
            names = "--p95-goal",
            paramLabel = "MS",
            defaultValue = "500",
            description = "Latency goal that defines the knee (default: ${DEFAULT-VALUE} ms).")
    double p95Goal;

    @Option(
            names = "--error-goal",
            defaultValue = "1%",
            description = "Error-rate goal of the knee (default: ${DEFAULT-VALUE}).")
    String errorGoal;

    @Option(
            names = "--margin",
            defaultValue = "30%",
            description = "Safety margin below the knee (default: ${DEFAULT-VALUE}).")
    String margin;

    @Option(
            names = "--max-connections",
            defaultValue = "100",
            description = "The database's max_connections (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(
            names = "--reserved-connections",
            defaultValue = "10",
            description = "Connections kept out of the pools (default: ${DEFAULT-VALUE}).")
    int reservedConnections;

    @Option(
            names = "--cpu-request",
            defaultValue = "0.5",
            paramLabel = "CORES",
            description = "The pods' CPU request, as in deploy/k8s (default: ${DEFAULT-VALUE}).")
    double cpuRequest;

    @Option(
            names = "--instance-cores",
            paramLabel = "N",
            description = "Cores of the machine the measured instances ran on (default: this machine's).")
    Integer instanceCores;

    @Option(
            names = "--instances",
            paramLabel = "N",
            description = "Instances that served the ramp (default: those it monitored) or like --url's.")
    Integer instances;

    @Option(
            names = "--spike-factor",
            defaultValue = "2",
            description = "maxReplicas over minReplicas (default: ${DEFAULT-VALUE}).")
    double spikeFactor;

    @Option(
            names = "--sample",
            defaultValue = "5s",
            description = "Without --summary: time between the two stats readings (default: ${DEFAULT-VALUE}).")
    String sample;

    @Option(names = "--json", description = "Print the advice as JSON.")
    boolean json;

    @Option(
            names = "--hpa-patch",
            description = "Print a HorizontalPodAutoscaler patch for deploy/k8s (an overlay's patches:).")
    boolean hpaPatch;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out =
                new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
        try {
            if (summary == null && url == null) {
                throw new ScenarioException(
                        "give a ramp test's --summary summary.json, or --url of a running instance (or both)");
            }
            AdviseOptions options = new AdviseOptions(
                    rate(targetRate),
                    p95Goal,
                    percent(errorGoal, "--error-goal"),
                    percent(margin, "--margin"),
                    maxConnections,
                    reservedConnections,
                    cpuRequest,
                    instanceCores != null ? instanceCores : Runtime.getRuntime().availableProcessors(),
                    spikeFactor);
            URI stats = url == null ? null : MonitorSpec.statsUrl(url, "--url");
            Evidence evidence;
            if (summary != null) {
                evidence = RampEvidence.read(summary, options, instances);
                if (stats != null) {
                    JsonNode doc = LiveEvidence.fetch(stats, token);
                    evidence = LiveEvidence.withCache(evidence, doc);
                }
            } else {
                evidence = LiveEvidence.read(
                        stats, token, Durations.parse(sample, "--sample"), instances == null ? 1 : instances);
            }
            ScalingAdvice advice = ScalingAdvice.of(options, evidence);
            if (json) {
                out.println(AdviceOutput.json(advice));
            } else if (hpaPatch) {
                out.print(AdviceOutput.hpaPatch(advice));
            } else {
                AdviceOutput.text(advice, out);
            }
            return 0;
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println("headroom advise: " + e.getMessage());
            return LoadRun.BAD_USAGE;
        }
    }

    /** 30% or 0.3. */
    private static double percent(String text, String option) {
        String t = text.strip();
        try {
            double v =
                    t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ScenarioException(option + " '" + text + "': expected a percentage such as 30% (or 0.3)");
        }
    }

    private static double rate(String text) {
        String t = text.strip().replaceFirst("/s$", "");
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new ScenarioException(
                    "--target-rate '" + text + "': expected requests per second, e.g. 2000 or 2000/s");
        }
    }
}
