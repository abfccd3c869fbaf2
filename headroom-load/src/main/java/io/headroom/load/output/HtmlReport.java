package io.headroom.load.output;

import io.headroom.load.measure.LabelSummary;
import io.headroom.load.measure.Regression;
import io.headroom.load.measure.RunSummary;
import io.headroom.load.measure.ThresholdResult;
import io.headroom.load.measure.TimeSeriesPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One self-contained HTML file (no script, no external CSS or fonts, charts as inline SVG) that works
 * offline: summary, thresholds, per-label table, and charts of latency percentiles, req/s, errors and VUs.
 */
public final class HtmlReport {

    private HtmlReport() {}

    public static void write(RunReport r, Path file) throws IOException {
        Files.writeString(file, render(r), StandardCharsets.UTF_8);
    }

    static String render(RunReport r) {
        List<TimeSeriesPoint> s = charted(r.series());
        double[] x = values(s, TimeSeriesPoint::elapsedSeconds);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load test report: ")
                .append(escape(r.scenario()))
                .append("</title><style>")
                .append(
                        "body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}")
                .append(
                        "th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
                .append(
                        ".pass{color:#080;font-weight:bold}.fail{color:#c00;font-weight:bold}.charts svg{margin:8px 16px 8px 0}")
                .append("</style></head><body>");
        h.append("<h1>Load test report: ").append(escape(r.scenario())).append("</h1>");
        h.append("<p>Target <code>")
                .append(escape(r.target()))
                .append("</code>, executor ")
                .append(escape(r.executor()))
                .append(", started ")
                .append(Instant.ofEpochMilli(r.startEpochMillis()))
                .append(String.format(Locale.ROOT, ", %.1f s. ", r.summary().durationSeconds()))
                .append("Result: <span class=\"")
                .append(r.passed() ? "pass\">PASSED" : "fail\">FAILED")
                .append("</span>");
        if (r.summary().dropped() > 0) {
            h.append(", ").append(r.summary().dropped()).append(" iterations dropped");
        }
        if (r.stopReason() != null) {
            h.append(". Stopped early: ").append(escape(r.stopReason()));
        }
        if (!r.anySucceeded()) {
            h.append(". No request succeeded, which fails the run even without thresholds");
        }
        h.append(".</p><p>Response times are measured from the intended send time (no coordinated omission); "
                        + "service time is measured from the actual send. Percentiles: ")
                .append(escape(RunReport.PERCENTILE_METHOD))
                .append(".</p><p>Before time zero: ")
                .append(escape(r.preparation().describe()))
                .append(".</p>");
        thresholds(r, h);
        labels(r, h);
        if (r.diagnosis() != null) {
            DiagnosisHtml.render(r.diagnosis(), h);
        }
        warmup(r, h);
        behindSchedule(r, h);
        h.append("<h2>Over time</h2><div class=\"charts\">");
        h.append(SvgLineChart.render(
                "Response time percentiles",
                "ms",
                x,
                List.of(
                        new SvgLineChart.Series("p50", latency(s, TimeSeriesPoint::p50)),
                        new SvgLineChart.Series("p95", latency(s, TimeSeriesPoint::p95)),
                        new SvgLineChart.Series("p99", latency(s, TimeSeriesPoint::p99)))));
        h.append(SvgLineChart.render(
                "Throughput", "req/s", x, List.of(new SvgLineChart.Series("req/s", values(s, TimeSeriesPoint::rps)))));
        h.append(SvgLineChart.render(
                "Errors",
                "errors/s",
                x,
                List.of(new SvgLineChart.Series("errors/s", values(s, TimeSeriesPoint::errorsPerSecond)))));
        h.append(SvgLineChart.render(
                "Virtual users", "busy VUs", x, List.of(new SvgLineChart.Series("busy VUs", values(s, p -> p.vus())))));
        h.append("</div>");
        if (r.server() != null) {
            ServerCharts.render(r.server(), s, x, h);
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /**
     * The points worth drawing: without the run's trailing seconds in which nothing finished (the drain
     * after the schedule ended) and without a last partial interval (shorter than half a second, its rate
     * and percentiles rest on a sliver of time). Drawn, either looked like the service falling to zero at
     * the end. Their requests are in every figure of the tables all the same.
     */
    static List<TimeSeriesPoint> charted(List<TimeSeriesPoint> series) {
        int end = series.size();
        while (end > 0
                && (!series.get(end - 1).hasRequests() || series.get(end - 1).intervalSeconds() < 0.5)) {
            end--;
        }
        return series.subList(0, end);
    }

    /** A latency series: a second in which nothing finished has no latency (a gap in the line), not 0 ms. */
    private static double[] latency(List<TimeSeriesPoint> s, ToDoubleFunction<TimeSeriesPoint> f) {
        return s.stream()
                .mapToDouble(p -> p.hasRequests() ? f.applyAsDouble(p) : Double.NaN)
                .toArray();
    }

    private static void warmup(RunReport r, StringBuilder h) {
        if (r.warmup() == null) {
            return;
        }
        h.append("<h2>Warm-up (apart)</h2><p>")
                .append(String.format(Locale.ROOT, "%.1f s", r.warmup().durationSeconds()))
                .append(" at the scenario's opening rate before the run, measured but not in the figures above, "
                        + "the thresholds or results.jtl.</p>");
        table(r.warmup(), h);
    }

    private static void behindSchedule(RunReport r, StringBuilder h) {
        if (r.behindSchedule() == null) {
            return;
        }
        h.append("<h2>Schedule</h2>");
        if (r.behindSchedule().seconds().isEmpty()) {
            h.append(String.format(
                    Locale.ROOT,
                    "<p>The generator kept its schedule: every request was sent within "
                            + "%.0f ms of its intended time and none was dropped.</p>",
                    r.behindSchedule().boundMs()));
            return;
        }
        h.append(String.format(
                Locale.ROOT,
                "<p class=\"fail\">The generator fell behind its schedule (a send more "
                        + "than %.0f ms late, or iterations dropped) in these seconds; their response times partly measure "
                        + "the generator.</p>",
                r.behindSchedule().boundMs()));
        h.append("<table><tr><th>Second</th><th>Max send lag (ms)</th><th>Dropped</th></tr>");
        for (var b : r.behindSchedule().seconds()) {
            h.append("<tr><td>")
                    .append(b.second())
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.1f", b.maxSendLagMs()))
                    .append("</td><td>")
                    .append(b.dropped())
                    .append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void thresholds(RunReport r, StringBuilder h) {
        if (r.thresholds().isEmpty() && r.regressions().isEmpty()) {
            return;
        }
        h.append("<h2>Thresholds</h2><table><tr><th>Scope</th><th>Threshold</th><th>Actual</th><th>Result</th></tr>");
        for (ThresholdResult t : r.thresholds()) {
            h.append("<tr><td>")
                    .append(escape(t.spec().scope()))
                    .append("</td><td>")
                    .append(escape(t.spec().threshold().expression()))
                    .append("</td><td>")
                    .append(Double.isNaN(t.actual()) ? "no samples" : String.format(Locale.ROOT, "%.3f", t.actual()))
                    .append("</td>")
                    .append(verdict(t.passed()))
                    .append("</tr>");
        }
        for (Regression g : r.regressions()) {
            h.append("<tr><td>baseline</td><td>")
                    .append(escape(g.metric()))
                    .append(String.format(Locale.ROOT, " ≤ %.3f +%.0f%%", g.baseline(), g.allowed() * 100))
                    .append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.3f", g.current()))
                    .append("</td>")
                    .append(verdict(g.passed()))
                    .append("</tr>");
        }
        h.append("</table>");
    }

    private static String verdict(boolean passed) {
        return passed ? "<td class=\"pass\">PASS</td>" : "<td class=\"fail\">FAIL</td>";
    }

    private static void labels(RunReport r, StringBuilder h) {
        h.append("<h2>Requests</h2>");
        table(r.summary(), h);
        h.append("<p>Times in milliseconds.</p>");
    }

    /** One row per label, then the Total. */
    private static void table(RunSummary summary, StringBuilder h) {
        h.append("<table><tr><th>Label</th><th>Requests</th><th>Errors</th><th>Error %</th>"
                + "<th>Req/s</th><th>Avg</th><th>Min</th><th>Med</th><th>p90</th><th>p95</th><th>p99</th>"
                + "<th>p99.9</th><th>Max</th><th>Service p95</th><th>Service p99</th></tr>");
        for (LabelSummary l : summary.labels()) {
            row(l, h);
        }
        row(summary.total(), h);
        h.append("</table>");
    }

    private static void row(LabelSummary l, StringBuilder h) {
        h.append("<tr><td>")
                .append(escape(l.label()))
                .append("</td><td>")
                .append(l.count())
                .append("</td><td>")
                .append(l.errors())
                .append("</td>");
        for (double v : new double[] {
            l.errorRate() * 100,
            l.rps(),
            l.avg(),
            l.min(),
            l.med(),
            l.p90(),
            l.p95(),
            l.p99(),
            l.p999(),
            l.max(),
            l.serviceP95(),
            l.serviceP99()
        }) {
            h.append("<td>").append(String.format(Locale.ROOT, "%.2f", v)).append("</td>");
        }
        h.append("</tr>");
    }

    private static double[] values(List<TimeSeriesPoint> s, ToDoubleFunction<TimeSeriesPoint> f) {
        return s.stream().mapToDouble(f).toArray();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
