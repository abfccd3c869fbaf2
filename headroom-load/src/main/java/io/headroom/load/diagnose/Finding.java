package io.headroom.load.diagnose;

import java.util.List;
import java.util.Locale;

/**
 * One cause of latency or errors the run shows.
 *
 * @param share the part of the client's latency this cause accounts for, 0..1 (what the impact is scored from)
 * @param impact 1..10: {@code share} on a scale of ten, at least 1
 * @param labels the client labels affected; {@code routes} the server routes
 * @param evidence which series crossed what, when, by how much, and their correlation with the client's p99
 */
public record Finding(
        Category category,
        String title,
        Severity severity,
        int impact,
        double share,
        List<String> labels,
        List<String> routes,
        List<Evidence> evidence,
        List<Recommendation> recommendations) {

    /** ANA-2's classes, and the load generator itself, which tools usually report as the server. */
    public enum Category {
        DATABASE,
        SYSTEM,
        NETWORK,
        APPLICATION,
        LOAD_GENERATOR,
        UNCLASSIFIED;

        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public enum Severity {
        CRITICAL,
        HIGH,
        MEDIUM,
        LOW
    }

    /** When to act on a recommendation. */
    public enum Horizon {
        IMMEDIATE,
        SHORT_TERM,
        LONG_TERM;

        public String text() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A series that crossed a bound.
     *
     * @param series what was measured, e.g. {@code server.pool.waiting}
     * @param bound the condition, e.g. {@code > 0}
     * @param firstSecond the first second it crossed (-1: over the run as a whole, not per second)
     * @param secondsCrossed in how many of {@code secondsSeen} seconds
     * @param peak the largest value; {@code typical} the median over the seconds seen
     * @param correlation Pearson correlation with the client's per-second p99 (NaN: too few seconds or constant)
     * @param note what the figures mean, in words
     */
    public record Evidence(
            String series,
            String bound,
            int firstSecond,
            int secondsCrossed,
            int secondsSeen,
            double peak,
            double typical,
            double correlation,
            String note) {}

    public record Recommendation(Horizon horizon, String text) {}

    static Severity severity(int impact) {
        return impact >= 8
                ? Severity.CRITICAL
                : impact >= 5 ? Severity.HIGH : impact >= 3 ? Severity.MEDIUM : Severity.LOW;
    }

    static int impact(double share) {
        return Math.clamp(Math.round(share * 10), 1, 10);
    }
}
