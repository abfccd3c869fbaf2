package io.headroom.load.scenario;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One threshold (or analyze goal) in k6 syntax: {@code p(95)<500}, {@code p(99.9)<1000}, {@code avg<200},
 * {@code med<150}, {@code min<10}, {@code max<5000}, {@code rate<0.01} (error rate as a fraction),
 * {@code errors<1%} (error rate as a percentage), {@code rps>100} (throughput). Times are milliseconds.
 *
 * @param expression the text as written, for reports
 * @param metric what is compared
 * @param percentile for {@link Metric#PERCENTILE}, e.g. 95 or 99.9; otherwise 0
 * @param limit the right-hand side, in the metric's own unit (an error rate is always a fraction here)
 */
public record Threshold(String expression, Metric metric, double percentile, Comparison comparison, double limit) {

    public enum Metric {
        PERCENTILE,
        AVG,
        MED,
        MIN,
        MAX,
        ERROR_RATE,
        THROUGHPUT
    }

    public enum Comparison {
        LESS("<"),
        LESS_OR_EQUAL("<="),
        GREATER(">"),
        GREATER_OR_EQUAL(">=");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        /** The comparison written {@code symbol} (one the syntax patterns accept: <, <=, >, >=). */
        static Comparison of(String symbol) {
            for (Comparison c : values()) {
                if (c.symbol.equals(symbol)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(symbol);
        }

        boolean holds(double actual, double limit) {
            return switch (this) {
                case LESS -> actual < limit;
                case LESS_OR_EQUAL -> actual <= limit;
                case GREATER -> actual > limit;
                case GREATER_OR_EQUAL -> actual >= limit;
            };
        }
    }

    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*(p\\(\\s*([0-9]+(?:\\.[0-9]+)?)\\s*\\)|avg|med|min|max|rate|errors|rate\\(errors\\)|rps|throughput)"
                    + "\\s*(<=|>=|<|>)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(%|ms|s)?\\s*");

    /** Parses k6 threshold syntax; the exception message says what is accepted. */
    public static Threshold parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ScenarioException("bad threshold '" + text + "': expected e.g. p(95)<500, p(99.9)<1000, "
                    + "avg<200, med<150, max<5000, rate<0.01, errors<1% or rps>100 (times in ms)");
        }
        String name = m.group(1);
        double value = Double.parseDouble(m.group(4));
        String unit = m.group(5);
        Comparison comparison = Comparison.of(m.group(3));
        Metric metric;
        double percentile = 0;
        if (name.startsWith("p(")) {
            metric = Metric.PERCENTILE;
            percentile = Double.parseDouble(m.group(2));
            if (percentile <= 0 || percentile > 100) {
                throw new ScenarioException("bad threshold '" + text + "': the percentile must be in (0, 100]");
            }
        } else {
            metric = switch (name) {
                case "avg" -> Metric.AVG;
                case "med" -> Metric.MED;
                case "min" -> Metric.MIN;
                case "max" -> Metric.MAX;
                case "rps", "throughput" -> Metric.THROUGHPUT;
                default -> Metric.ERROR_RATE;
            };
        }
        if (metric == Metric.ERROR_RATE) {
            if ("%".equals(unit)) {
                value = value / 100;
            } else if (unit != null) {
                throw new ScenarioException(
                        "bad threshold '" + text + "': an error rate is a fraction (0.01) or a percentage (1%)");
            } else if (name.equals("errors") && value > 1) {
                throw new ScenarioException(
                        "bad threshold '" + text + "': write errors<" + value + "% for a percentage");
            }
        } else if ("%".equals(unit)) {
            throw new ScenarioException("bad threshold '" + text + "': only an error rate can be a percentage");
        } else if ("s".equals(unit)) {
            value = value * 1000;
        }
        return new Threshold(text.strip(), metric, percentile, comparison, value);
    }

    /** Whether the measured value satisfies this threshold. */
    public boolean holds(double actual) {
        return comparison.holds(actual, limit);
    }

    /** A short name of the metric as written in reports, e.g. {@code p(95)} or {@code error rate}. */
    public String metricName() {
        return switch (metric) {
            case PERCENTILE -> "p(" + formatPercentile(percentile) + ")";
            case AVG -> "avg";
            case MED -> "med";
            case MIN -> "min";
            case MAX -> "max";
            case ERROR_RATE -> "error rate";
            case THROUGHPUT -> "req/s";
        };
    }

    private static String formatPercentile(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }
}
