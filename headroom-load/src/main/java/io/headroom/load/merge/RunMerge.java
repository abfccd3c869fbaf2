package io.headroom.load.merge;

import io.headroom.load.engine.Preparation;
import io.headroom.load.executor.Segment;
import io.headroom.load.measure.LabelSummary;
import io.headroom.load.measure.RunMetrics;
import io.headroom.load.measure.RunSummary;
import io.headroom.load.measure.ThresholdEvaluator;
import io.headroom.load.measure.ThresholdResult;
import io.headroom.load.output.HtmlReport;
import io.headroom.load.output.JsonSummary;
import io.headroom.load.output.RunReport;
import io.headroom.load.scenario.ScenarioException;
import io.headroom.load.scenario.ThresholdSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code headroom merge}: combines the output directories of the processes that ran the segments of one
 * scenario into the whole run's summary.json, results.jtl and report.html. Percentiles and thresholds come
 * from the added-up HdrHistograms, so they are those of the whole run (not an average of per-process
 * percentiles, which no percentile definition supports). Counts, errors and bytes are sums.
 */
public final class RunMerge {

    private RunMerge() {}

    /**
     * @param dirs the runs' {@code --out} directories: all segments i/n of one n, or whole runs
     * @param extra thresholds to evaluate besides those the runs were given
     */
    public static RunReport merge(List<Path> dirs, Path out, List<ThresholdSpec> extra) {
        if (dirs.isEmpty()) {
            throw new ScenarioException("give the --out directories of the runs to merge");
        }
        List<SegmentRun> runs = dirs.stream().map(SegmentRun::read).toList();
        checkSegments(runs);
        long start = runs.stream().mapToLong(SegmentRun::startEpochMillis).min().orElseThrow();
        long end = runs.stream().mapToLong(SegmentRun::endEpochMillis).max().orElseThrow();
        double seconds = (end - start) / 1000.0;
        HistogramMerge histograms = new HistogramMerge(start);
        runs.forEach(r -> histograms.add(r.intervalLog()));
        long dropped = runs.stream().mapToLong(SegmentRun::dropped).sum();

        List<LabelSummary> labels = new ArrayList<>();
        histograms.labels().forEach((label, m) -> labels.add(summary(label, label, m, runs, seconds)));
        labels.sort(Comparator.comparing(LabelSummary::label));
        LabelSummary total = summary(RunMetrics.TOTAL, null, histograms.total(), runs, seconds);
        RunSummary summary = new RunSummary(seconds, List.copyOf(labels), total, dropped);

        Map<String, ThresholdSpec> specs = new LinkedHashMap<>();
        runs.forEach(r -> r.thresholds().forEach(t -> specs.putIfAbsent(key(t), t)));
        extra.forEach(t -> specs.putIfAbsent(key(t), t));
        ThresholdEvaluator.Percentiles percentiles = (label, p) -> {
            HistogramMerge.Merged m = RunMetrics.TOTAL.equals(label)
                    ? histograms.total()
                    : histograms.labels().get(label);
            return m == null || m.response().getTotalCount() == 0
                    ? 0
                    : m.response().getValueAtPercentile(p) / 1000.0;
        };
        List<ThresholdResult> thresholds =
                ThresholdEvaluator.evaluate(List.copyOf(specs.values()), percentiles, summary);

        SegmentRun first = runs.getFirst();
        String stop = runs.stream()
                .map(r -> r.summary().path("stopReason").asText(null))
                .filter(Objects::nonNull)
                .distinct()
                .collect(Collectors.joining("; "));
        RunReport report = new RunReport(
                first.scenario(),
                first.summary().path("target").asText(),
                executor(first, runs.size()),
                start,
                summary,
                thresholds,
                List.of(),
                histograms.series(dropped),
                stop.isEmpty() ? null : stop,
                null,
                null,
                preparation(runs),
                null,
                null);
        write(report, runs, out);
        return report;
    }

    private static String key(ThresholdSpec t) {
        return t.scope() + "\u0000" + t.threshold().expression();
    }

    private static LabelSummary summary(
            String name, String label, HistogramMerge.Merged m, List<SegmentRun> runs, double seconds) {
        long[] sum = new long[4];
        for (SegmentRun r : runs) {
            long[] s = r.sums(label);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += s[i];
            }
        }
        return LabelSummary.of(name, m.response(), m.service(), m.failed().getTotalCount(), sum[0], sum[1], seconds)
                .withCache(sum[2], sum[3]);
    }

    /** All runs are of one scenario; segmented runs are segments 0..n-1 of one n, each once. */
    static void checkSegments(List<SegmentRun> runs) {
        List<String> scenarios =
                runs.stream().map(SegmentRun::scenario).distinct().toList();
        if (scenarios.size() > 1) {
            throw new ScenarioException("the runs are of different scenarios: " + String.join(", ", scenarios));
        }
        long segmented = runs.stream().filter(r -> r.segment() != null).count();
        if (segmented == 0) {
            return; // whole runs side by side (e.g. the same scenario from several machines at once)
        }
        if (segmented < runs.size()) {
            throw new ScenarioException("some runs are segments and some are whole runs: merge the segments of one "
                    + "scenario (headroom load --segment i/n), or whole runs only");
        }
        int n = runs.getFirst().segment().count();
        boolean[] seen = new boolean[n];
        for (SegmentRun r : runs) {
            Segment s = r.segment();
            if (s.count() != n) {
                throw new ScenarioException(
                        r.dir() + " is segment " + s + " but " + runs.getFirst().dir() + " is segment "
                                + runs.getFirst().segment() + ": all must split the scenario into the same n");
            }
            if (seen[s.index()]) {
                throw new ScenarioException("segment " + s + " is given twice (" + r.dir() + ")");
            }
            seen[s.index()] = true;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                missing.add(i + "/" + n);
            }
        }
        if (!missing.isEmpty()) {
            throw new ScenarioException("segment " + String.join(", ", missing) + " missing: the merge would not be "
                    + "the whole scenario");
        }
    }

    private static String executor(SegmentRun first, int runs) {
        String text = first.summary().path("executor").asText().replaceFirst(", segment \\d+/\\d+$", "");
        return text + (first.segment() != null ? ", " + runs + " segments merged" : ", " + runs + " runs merged");
    }

    private static Preparation preparation(List<SegmentRun> runs) {
        int planned = 0;
        int opened = 0;
        int burst = 0;
        String skipped = null;
        for (SegmentRun r : runs) {
            planned += r.summary().at("/preparation/planned").asInt();
            opened += r.summary().at("/preparation/opened").asInt();
            burst += r.summary().at("/preparation/burstRequests").asInt();
            skipped = r.summary().at("/preparation/burstSkipped").asText(null);
        }
        return new Preparation(planned, opened, burst, skipped);
    }

    private static void write(RunReport report, List<SegmentRun> runs, Path out) {
        try {
            Files.createDirectories(out);
            JsonSummary.write(report, out.resolve("summary.json"));
            HtmlReport.write(report, out.resolve("report.html"));
            concatenateJtl(runs, out.resolve("results.jtl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One JTL: the header once, then every run's rows (JMeter and analyze do not need them in time order). */
    private static void concatenateJtl(List<SegmentRun> runs, Path target) throws IOException {
        try (OutputStream o = Files.newOutputStream(target)) {
            boolean header = true;
            for (SegmentRun r : runs) {
                try (var in = Files.newInputStream(r.jtl())) {
                    byte[] firstLine = readLine(in);
                    if (header) {
                        o.write(firstLine);
                        header = false;
                    }
                    in.transferTo(o);
                }
            }
        }
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toByteArray();
    }
}
