package io.headroom.load.output;

import java.util.List;
import java.util.Locale;

/**
 * A small line chart rendered as inline SVG, so the HTML report needs no script or network to show it.
 * x is elapsed seconds; each series is one line with a legend entry. A NaN value is a gap in its line
 * (no data that second), not a drop to zero; a value alone between gaps is a dot.
 */
final class SvgLineChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 28;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#d62728", "#2ca02c", "#9467bd", "#8c564b"};

    record Series(String name, double[] values) {}

    private SvgLineChart() {}

    static String render(String title, String unit, double[] x, List<Series> series) {
        double maxX = x.length == 0 ? 1 : Math.max(1e-9, x[x.length - 1]);
        double maxY = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (!Double.isNaN(v)) {
                    maxY = Math.max(maxY, v);
                }
            }
        }
        maxY = maxY <= 0 ? 1 : niceCeiling(maxY);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        svg.append("<title>").append(HtmlReport.escape(title)).append("</title>");
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"16\" font-weight=\"bold\">%s (%s)</text>",
                LEFT,
                HtmlReport.escape(title),
                HtmlReport.escape(unit)));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">%s</text>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y,
                    LEFT - 4,
                    y + 3,
                    label(maxY * i / 4)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"10\">0 s</text><text x=\"%d\" y=\"%d\" font-size=\"10\" "
                        + "text-anchor=\"end\">%s s</text>",
                LEFT,
                HEIGHT - 10,
                WIDTH - RIGHT,
                HEIGHT - 10,
                label(maxX)));
        // the legend's left edge moves left for long names (server routes), so they stay inside the chart
        int legend = WIDTH
                - RIGHT
                - Math.max(
                        90,
                        14
                                + 6
                                        * series.stream()
                                                .mapToInt(l -> l.name().length())
                                                .max()
                                                .orElse(0));
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String color = COLORS[s % COLORS.length];
            StringBuilder points = new StringBuilder();
            for (int i = 0; i <= x.length && i <= line.values().length; i++) {
                boolean gap = i == x.length || i == line.values().length || Double.isNaN(line.values()[i]);
                if (gap) {
                    String drawn = points.toString().strip();
                    if (drawn.contains(" ")) {
                        svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"")
                                .append(color)
                                .append("\" points=\"")
                                .append(drawn)
                                .append("\"/>");
                    } else if (!drawn.isEmpty()) { // a lone value between gaps (e.g. a 5 s resource sample): a dot
                        String[] xy = drawn.split(",");
                        svg.append("<circle r=\"2\" fill=\"")
                                .append(color)
                                .append("\" cx=\"")
                                .append(xy[0])
                                .append("\" cy=\"")
                                .append(xy[1])
                                .append("\"/>");
                    }
                    points.setLength(0);
                    continue;
                }
                points.append(String.format(
                        Locale.ROOT,
                        "%.1f,%.1f ",
                        LEFT + plotW * x[i] / maxX,
                        TOP + plotH - plotH * line.values()[i] / maxY));
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" "
                            + "font-size=\"10\">%s</text>",
                    legend,
                    8 + 12 * s,
                    color,
                    legend + 14,
                    12 + 12 * s,
                    HtmlReport.escape(line.name())));
        }
        return svg.append("</svg>").toString();
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String label(double v) {
        return v >= 100 || v == Math.rint(v)
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }
}
