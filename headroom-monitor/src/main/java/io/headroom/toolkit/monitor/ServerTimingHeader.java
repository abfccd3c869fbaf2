package io.headroom.toolkit.monitor;

import io.headroom.toolkit.metrics.RequestCost;

/**
 * The {@code Server-Timing} value of one response (W3C Server Timing): {@code db;dur=} the time in
 * statements, {@code app;dur=} the service's own time (its time up to the response headers less the
 * DB time, so {@code app + db} is the whole server time and a client's latency splits into outside the
 * server, app and DB), and {@code cache;desc=hit|miss} when the request read the cache (a miss when any
 * read missed). Durations in milliseconds, two decimals.
 */
public final class ServerTimingHeader {
    public static final String NAME = "Server-Timing";

    private ServerTimingHeader() {}

    /** {@code serverNanos}: from the start of the request's monitoring to now (its headers being sent). */
    public static String value(long serverNanos, RequestCost cost) {
        long db = cost.dbNanos();
        StringBuilder out = new StringBuilder(64);
        out.append("db;dur=");
        millis(out, db);
        out.append(", app;dur=");
        millis(out, Math.max(0, serverNanos - db)); // statements run in parallel could add up past the wall time
        if (cost.cacheMisses() > 0) {
            out.append(", cache;desc=miss");
        } else if (cost.cacheHits() > 0) {
            out.append(", cache;desc=hit");
        }
        return out.toString();
    }

    private static void millis(StringBuilder out, long nanos) {
        long hundredths = (nanos + 5_000) / 10_000;
        out.append(hundredths / 100).append('.');
        long fraction = hundredths % 100;
        if (fraction < 10) {
            out.append('0');
        }
        out.append(fraction);
    }
}
