package io.headroom.load.output;

import io.headroom.load.measure.LabelSummary;
import io.headroom.load.measure.Regression;
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

    private HtmlReport() {
    }

    public static void write(RunReport r, Path file) throws IOException {
        Files.writeString(file, render(r), StandardCharsets.UTF_8);
    }

    static String render(RunReport r) {
        List<TimeSeriesPoint> s = r.series();
        double[] x = values(s, TimeSeriesPoint::elapsedSeconds);
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load test report: ")
                .append(escape(r.scenario())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 24px}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
                .append(".pass{color:#080;font-weight:bold}.fail{color:#c00;font-weight:bold}.charts svg{margin:8px 16px 8px 0}")
                .append("</style></head><body>");
        h.append("<h1>Load test report: ").append(escape(r.scenario())).append("</h1>");
        h.append("<p>Target <code>").append(escape(r.target())).append("</code>, executor ").append(escape(r.executor()))
                .append(", started ").append(Instant.ofEpochMilli(r.startEpochMillis()))
                .append(String.format(Locale.ROOT, ", %.1f s. ", r.summary().durationSeconds()))
                .append("Result: <span class=\"").append(r.passed() ? "pass\">PASSED" : "fail\">FAILED").append("</span>");
        if (r.summary().dropped() > 0) {
            h.append(", ").append(r.summary().dropped()).append(" iterations dropped");
        }
        if (r.stopReason() != null) {
            h.append(". Stopped early: ").append(escape(r.stopReason()));
        }
        h.append(".</p><p>Response times are measured from the intended send time (no coordinated omission); "
                + "service time is measured from the actual send.</p>");
        thresholds(r, h);
        labels(r, h);
        h.append("<h2>Over time</h2><div class=\"charts\">");
        h.append(SvgLineChart.render("Response time percentiles", "ms", x, List.of(
                new SvgLineChart.Series("p50", values(s, TimeSeriesPoint::p50)),
                new SvgLineChart.Series("p95", values(s, TimeSeriesPoint::p95)),
                new SvgLineChart.Series("p99", values(s, TimeSeriesPoint::p99)))));
        h.append(SvgLineChart.render("Throughput", "req/s", x,
                List.of(new SvgLineChart.Series("req/s", values(s, TimeSeriesPoint::rps)))));
        h.append(SvgLineChart.render("Errors", "errors/s", x,
                List.of(new SvgLineChart.Series("errors/s", values(s, TimeSeriesPoint::errorsPerSecond)))));
        h.append(SvgLineChart.render("Virtual users", "busy VUs", x,
                List.of(new SvgLineChart.Series("VUs", values(s, p -> p.vus())))));
        h.append("</div></body></html>\n");
        return h.toString();
    }

    private static void thresholds(RunReport r, StringBuilder h) {
        if (r.thresholds().isEmpty() && r.regressions().isEmpty()) {
            return;
        }
        h.append("<h2>Thresholds</h2><table><tr><th>Scope</th><th>Threshold</th><th>Actual</th><th>Result</th></tr>");
        for (ThresholdResult t : r.thresholds()) {
            h.append("<tr><td>").append(escape(t.spec().scope())).append("</td><td>")
                    .append(escape(t.spec().threshold().expression())).append("</td><td>")
                    .append(Double.isNaN(t.actual()) ? "no samples" : String.format(Locale.ROOT, "%.3f", t.actual()))
                    .append("</td>").append(verdict(t.passed())).append("</tr>");
        }
        for (Regression g : r.regressions()) {
            h.append("<tr><td>baseline</td><td>").append(escape(g.metric()))
                    .append(String.format(Locale.ROOT, " ≤ %.3f +%.0f%%", g.baseline(), g.allowed() * 100))
                    .append("</td><td>").append(String.format(Locale.ROOT, "%.3f", g.current())).append("</td>")
                    .append(verdict(g.passed())).append("</tr>");
        }
        h.append("</table>");
    }

    private static String verdict(boolean passed) {
        return passed ? "<td class=\"pass\">PASS</td>" : "<td class=\"fail\">FAIL</td>";
    }

    private static void labels(RunReport r, StringBuilder h) {
        h.append("<h2>Requests</h2><table><tr><th>Label</th><th>Requests</th><th>Errors</th><th>Error %</th>"
                + "<th>Req/s</th><th>Avg</th><th>Min</th><th>Med</th><th>p90</th><th>p95</th><th>p99</th>"
                + "<th>p99.9</th><th>Max</th><th>Service p95</th><th>Service p99</th></tr>");
        for (LabelSummary l : r.summary().labels()) {
            row(l, h);
        }
        row(r.summary().total(), h);
        h.append("</table><p>Times in milliseconds.</p>");
    }

    private static void row(LabelSummary l, StringBuilder h) {
        h.append("<tr><td>").append(escape(l.label())).append("</td><td>").append(l.count()).append("</td><td>")
                .append(l.errors()).append("</td>");
        for (double v : new double[] {l.errorRate() * 100, l.rps(), l.avg(), l.min(), l.med(), l.p90(), l.p95(),
                l.p99(), l.p999(), l.max(), l.serviceP95(), l.serviceP99()}) {
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
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
