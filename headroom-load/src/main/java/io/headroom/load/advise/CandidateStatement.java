package io.headroom.load.advise;

import java.util.List;
import java.util.Locale;

/**
 * A statement to advise on, from wherever it was seen.
 *
 * @param sql the statement, with {@code ?} or {@code $n} placeholders for its parameters
 * @param source where it came from: {@code pg_stat_statements}, {@code query monitor}, {@code run}, {@code given}
 * @param calls executions seen (0: not known); {@code totalMs} their total time (NaN: not known)
 * @param routes the service routes that ran it, when known; {@code labels} the load test labels
 */
public record CandidateStatement(
        String sql, String source, long calls, double totalMs, List<String> routes, List<String> labels) {

    /** The same statement from two sources compares equal here: placeholders, case and spacing set aside. */
    public String shape() {
        return sql.replaceAll("\\$\\d+", "?").replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    /** Only reads are explained: EXPLAIN of a write plans it without running it, but advice is for reads. */
    public boolean isRead() {
        String s = sql.stripLeading().toLowerCase(Locale.ROOT);
        return s.startsWith("select") || (s.startsWith("with") && !s.matches("(?s).*\\b(insert|update|delete)\\b.*"));
    }
}
