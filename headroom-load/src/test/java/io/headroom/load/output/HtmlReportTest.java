package io.headroom.load.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.load.engine.Preparation;
import io.headroom.load.measure.LabelSummary;
import io.headroom.load.measure.RunSummary;
import io.headroom.load.measure.TimeSeriesPoint;
import io.headroom.load.server.ServerPoint;
import io.headroom.load.server.ServerReport;
import io.headroom.load.server.ServerTimeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private static final double PLOT_BOTTOM = 192.0; // HEIGHT − BOTTOM of SvgLineChart: where 0 is drawn

    private static TimeSeriesPoint point(double end, double interval, double rps, double p99) {
        return new TimeSeriesPoint(end, interval, 5, rps, 0, p99 / 2, p99 * 0.9, p99, 0, 0, 0, 0, -1);
    }

    private static RunReport report(List<TimeSeriesPoint> series) {
        LabelSummary total = new LabelSummary("Total", 300, 0, 0, 100, 1, 2, 2, 3, 3, 4, 5, 6, 1, 2, 3, 4, 0, 0, 0, 0);
        return new RunReport(
                "s",
                "http://x",
                "constant-arrival-rate",
                0,
                new RunSummary(3.2, List.of(), total, 0),
                List.of(),
                List.of(),
                series,
                null,
                null,
                null,
                new Preparation(5, 5, 100, null),
                null,
                null);
    }

    /** The y coordinates of the points of each polyline in the chart titled {@code title}, line by line. */
    private static List<List<Double>> lines(String html, String title) {
        String chart = html.substring(html.indexOf("<title>" + title + "</title>"));
        chart = chart.substring(0, chart.indexOf("</svg>"));
        List<List<Double>> lines = new ArrayList<>();
        Matcher polyline = Pattern.compile("points=\"([^\"]*)\"").matcher(chart);
        while (polyline.find()) {
            List<Double> ys = new ArrayList<>();
            for (String xy : polyline.group(1).split(" ")) {
                ys.add(Double.parseDouble(xy.split(",")[1]));
            }
            lines.add(ys);
        }
        return lines;
    }

    @Test
    void chartsEndAtTheLastFullSecondInsteadOfFallingToZero() {
        // Three full seconds at 100 req/s, then the drain after the schedule: an empty second and a sliver.
        String html = HtmlReport.render(report(List.of(
                point(1, 1, 100, 4),
                point(2, 1, 100, 4),
                point(3, 1, 100, 4),
                point(4, 1, 0, 0),
                point(4.05, 0.05, 20, 9))));

        List<List<Double>> throughput = lines(html, "Throughput");
        assertThat(throughput).hasSize(1);
        assertThat(throughput.get(0)).hasSize(3).allMatch(y -> y < PLOT_BOTTOM);
        assertThat(lines(html, "Response time percentiles")).allMatch(line -> line.size() == 3);
    }

    @Test
    void aSecondWithoutResponsesIsAGapInTheLatencyLinesNotAZero() {
        String html = HtmlReport.render(
                report(List.of(point(1, 1, 100, 4), point(2, 1, 0, 0), point(3, 1, 100, 4), point(4, 1, 100, 4))));

        // Each percentile line is split around the empty second (second 1 alone: a dot, then a line over 3-4);
        // none of its points is drawn at 0 ms.
        List<List<Double>> latency = lines(html, "Response time percentiles");
        assertThat(latency)
                .hasSize(3)
                .allMatch(line -> line.size() == 2 && line.stream().allMatch(y -> y < PLOT_BOTTOM));
        String chart = html.substring(html.indexOf("<title>Response time percentiles</title>"));
        assertThat(Pattern.compile("cy=\"([0-9.]+)\"")
                        .matcher(chart.substring(0, chart.indexOf("</svg>")))
                        .results()
                        .map(m -> Double.parseDouble(m.group(1))))
                .hasSize(3)
                .allMatch(y -> y < PLOT_BOTTOM);
        // Throughput really was 0 in that second: that line keeps the point.
        assertThat(lines(html, "Throughput").get(0)).hasSize(4).contains(PLOT_BOTTOM);
    }

    @Test
    void saysWhichPercentileMethodItUsesAndWhatWasPreparedBeforeTimeZero() {
        String html = HtmlReport.render(report(List.of(point(1, 1, 100, 4))));

        assertThat(html)
                .contains("HdrHistogram over every sample")
                .contains("commons-math LEGACY")
                .contains("5 of 5 connections opened in advance; unmeasured warm-up burst of 100 requests");
    }

    private static ServerPoint serverPoint(double second, double routeP99, double cpu) {
        return new ServerPoint(
                0,
                second,
                0,
                1,
                100,
                Map.of("GET /api/v1/datasets", new ServerPoint.RoutePoint(100, 0, routeP99 / 2, routeP99, 100)),
                4,
                1,
                0,
                Double.NaN,
                0.1,
                1,
                2,
                Double.NaN,
                Map.of(),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                cpu,
                1e8,
                30,
                Double.NaN,
                Double.NaN,
                Double.NaN);
    }

    @Test
    void serverSeriesShareTheClientsTimeAxisWithGapsWhereTheDocumentHadNothing() {
        RunReport client = report(List.of(point(1.02, 1, 100, 4), point(2.01, 1, 100, 4), point(3.03, 1, 100, 4)));
        // the server's seconds 1 and 3 (its second 2 poll failed): drawn at the client's seconds 1 and 3
        ServerTimeline timeline = new ServerTimeline(
                List.of(new ServerTimeline.Instance("http://x/api/performance/stats", true, 3, 1, 0, null)),
                List.of(serverPoint(1, 3, 0.5), serverPoint(3, 3, 0.5)),
                Map.of());
        RunReport withServer = new RunReport(
                client.scenario(),
                client.target(),
                client.executor(),
                0,
                client.summary(),
                List.of(),
                List.of(),
                client.series(),
                null,
                null,
                null,
                client.preparation(),
                new ServerReport(timeline, List.of()),
                null);

        String html = HtmlReport.render(withServer);

        assertThat(html).contains("Server timeline").contains("3 polls, 1 failed, 0 skipped");
        List<List<Double>> latency = lines(html, "Client p99 and server p99 per route");
        assertThat(latency.get(0)).as("client p99, every second").hasSize(3);
        // the server p99 is two lone points around the missing second: dots, no line segment joins them
        assertThat(latency).hasSize(1);
        String chart = html.substring(html.indexOf("<title>Client p99 and server p99 per route</title>"));
        assertThat(Pattern.compile("<circle ")
                        .matcher(chart.substring(0, chart.indexOf("</svg>")))
                        .results())
                .hasSize(2);
        assertThat(lines(html, "Pool wait and GC pause"))
                .as("absent in the document: nothing drawn")
                .isEmpty();
    }
}
