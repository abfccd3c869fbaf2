package io.headroom.load.output;

import static io.headroom.load.output.HtmlReport.escape;

import io.headroom.load.capacity.CapacityResult;
import java.util.List;
import java.util.Locale;

/** {@code capacity.html}: the curve of offered against achieved rate and p99, and the steps, self-contained. */
public final class CapacityHtml {

    private CapacityHtml() {}

    public static String render(CapacityResult r, List<CapacityResult.Step> byRate) {
        double[] x = byRate.stream().mapToDouble(CapacityResult.Step::offered).toArray();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Capacity search</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}</style></head><body>")
                .append("<h1>Capacity search</h1><p>")
                .append(
                        r.knee() == null
                                ? "No rate tried met the goals."
                                : String.format(
                                        Locale.ROOT,
                                        "Knee: <b>%d/s</b> (p99 %.1f ms).",
                                        r.knee().offered(),
                                        r.knee().p99()))
                .append(" Limiting resource: ")
                .append(escape(r.limitingResource()))
                .append(". Stopped: ")
                .append(escape(r.stoppedBy()))
                .append(".</p>");
        h.append(SvgLineChart.render(
                "Offered against achieved rate",
                "req/s",
                x,
                List.of(
                        new SvgLineChart.Series("offered", x),
                        new SvgLineChart.Series(
                                "achieved",
                                byRate.stream()
                                        .mapToDouble(CapacityResult.Step::achieved)
                                        .toArray()))));
        h.append(SvgLineChart.render(
                "Latency against offered rate",
                "ms",
                x,
                List.of(
                        new SvgLineChart.Series(
                                "p50",
                                byRate.stream()
                                        .mapToDouble(CapacityResult.Step::p50)
                                        .toArray()),
                        new SvgLineChart.Series(
                                "p99",
                                byRate.stream()
                                        .mapToDouble(CapacityResult.Step::p99)
                                        .toArray()))));
        h.append("<table><tr><th>Offered/s</th><th>Achieved/s</th><th>p50</th><th>p99</th><th>Errors %</th>"
                + "<th>Goals</th><th>First finding</th></tr>");
        for (CapacityResult.Step s : r.steps()) {
            h.append(String.format(
                    Locale.ROOT,
                    "<tr><td>%d</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.2f</td><td>%s</td>"
                            + "<td style=\"text-align:left\">%s</td></tr>",
                    s.offered(),
                    s.achieved(),
                    s.p50(),
                    s.p99(),
                    s.errorRate() * 100,
                    s.passed() ? "met" : escape(String.join(", ", s.failedGoals())),
                    escape(s.firstFinding() == null ? "" : s.firstFinding())));
        }
        h.append("</table><p>Steps in the order run; x axes: offered rate.</p></body></html>\n");
        return h.toString();
    }
}
