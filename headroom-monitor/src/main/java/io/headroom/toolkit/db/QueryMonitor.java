package io.headroom.toolkit.db;

import io.headroom.toolkit.metrics.LatencySummary;
import io.headroom.toolkit.metrics.RequestCost;
import io.headroom.toolkit.metrics.WindowedLatency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Statement timing (MON-4): per statement type over sliding windows, per normalised statement
 * since start (bounded: beyond {@link #MAX_STATEMENTS} shapes the rest are pooled under one
 * entry), failures, and a slow warning / slow error log. Fed by {@link MonitoredDataSource}.
 */
public final class QueryMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(QueryMonitor.class);
    static final int MAX_STATEMENTS = 500;
    static final String OTHER_STATEMENTS = "(other statements beyond the tracking limit)";
    private static final int SLOW_LOG_CAPACITY = 100;

    private final long slowWarningNanos;
    private final long slowErrorNanos;
    private final Map<SqlText.StatementType, WindowedLatency> byType = new EnumMap<>(SqlText.StatementType.class);
    private final Map<SqlText.StatementType, Timer> timers = new EnumMap<>(SqlText.StatementType.class);
    private final Map<String, StatementStats> statements = new ConcurrentHashMap<>();
    /** Raw SQL → normalised; statements repeat, regexes are not free. Bounded like {@link #statements}. */
    private final Map<String, String> normalised = new ConcurrentHashMap<>();

    private final LongAdder failures = new LongAdder();
    private final LongAdder slowWarnings = new LongAdder();
    private final LongAdder slowErrors = new LongAdder();
    private final Counter failureCounter;
    private final ArrayDeque<SlowQuery> slowLog = new ArrayDeque<>();

    public QueryMonitor(Duration slowWarning, Duration slowError, int intervalsPerMinute, MeterRegistry registry) {
        if (slowError.compareTo(slowWarning) < 0) {
            throw new IllegalArgumentException("the slow-query error threshold (" + slowError
                    + ") must not be below the warning threshold (" + slowWarning + ")");
        }
        this.slowWarningNanos = slowWarning.toNanos();
        this.slowErrorNanos = slowError.toNanos();
        for (SqlText.StatementType type : SqlText.StatementType.values()) {
            byType.put(type, new WindowedLatency(intervalsPerMinute));
            timers.put(
                    type,
                    Timer.builder("db.statements")
                            .description("SQL statements by type")
                            .tag("type", type.name().toLowerCase(Locale.ROOT))
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(1))
                            .maximumExpectedValue(Duration.ofSeconds(30))
                            .register(registry));
        }
        this.failureCounter = Counter.builder("db.statements.failures")
                .description("SQL statements that threw")
                .register(registry);
        FunctionCounter.builder("db.statements.slow", slowWarnings, LongAdder::sum)
                .tag("level", "warning")
                .description("SQL statements over the slow thresholds")
                .register(registry);
        FunctionCounter.builder("db.statements.slow", slowErrors, LongAdder::sum)
                .tag("level", "error")
                .description("SQL statements over the slow thresholds")
                .register(registry);
    }

    /** Records one executed statement (called by the data source proxy). */
    public void record(String sql, long nanos, boolean failed) {
        String shape = normalised.get(sql);
        if (shape == null) {
            shape = SqlText.normalise(sql);
            if (normalised.size() < 4 * MAX_STATEMENTS) {
                normalised.put(sql, shape);
            }
        }
        SqlText.StatementType type = SqlText.type(shape);
        byType.get(type).recordNanos(nanos);
        timers.get(type).record(nanos, TimeUnit.NANOSECONDS);
        statement(shape, type).record(nanos, failed);
        if (failed) {
            failures.increment();
            failureCounter.increment();
        }
        RequestCost cost = RequestCost.current();
        if (cost != null) {
            cost.addStatement(nanos);
        }
        if (slowWarningNanos > 0 && nanos >= slowWarningNanos) {
            logSlow(shape, nanos, failed);
        }
    }

    private void logSlow(String shape, long nanos, boolean failed) {
        double ms = nanos / 1_000_000.0;
        boolean error = slowErrorNanos > 0 && nanos >= slowErrorNanos;
        if (error) {
            slowErrors.increment();
            LOG.error(
                    "Slow query ({} ms, over {} ms){}: {}",
                    ms,
                    slowErrorNanos / 1_000_000,
                    failed ? " failed" : "",
                    shape);
        } else {
            slowWarnings.increment();
            LOG.warn(
                    "Slow query ({} ms, over {} ms){}: {}",
                    ms,
                    slowWarningNanos / 1_000_000,
                    failed ? " failed" : "",
                    shape);
        }
        synchronized (slowLog) {
            if (slowLog.size() == SLOW_LOG_CAPACITY) {
                slowLog.removeFirst();
            }
            slowLog.addLast(new SlowQuery(System.currentTimeMillis(), error ? "ERROR" : "WARNING", shape, ms, failed));
        }
    }

    private StatementStats statement(String shape, SqlText.StatementType type) {
        StatementStats stats = statements.get(shape);
        if (stats != null) {
            return stats;
        }
        if (statements.size() >= MAX_STATEMENTS) {
            return statements.computeIfAbsent(
                    OTHER_STATEMENTS, s -> new StatementStats(s, SqlText.StatementType.OTHER));
        }
        return statements.computeIfAbsent(shape, s -> new StatementStats(s, type));
    }

    public void roll() {
        byType.values().forEach(WindowedLatency::roll);
    }

    public QueryStats snapshot(int topStatements) {
        Map<String, QueryStats.TypeWindows> types = new LinkedHashMap<>();
        byType.forEach((type, latency) -> {
            LatencySummary since = latency.sinceStart();
            if (since.count() > 0) {
                types.put(
                        type.name(),
                        new QueryStats.TypeWindows(latency.lastMinute(), latency.lastFiveMinutes(), since));
            }
        });
        List<QueryStatement> top = statements.values().stream()
                .sorted(Comparator.comparingLong(StatementStats::totalNanos).reversed())
                .limit(topStatements)
                .map(StatementStats::snapshot)
                .toList();
        List<SlowQuery> slow;
        synchronized (slowLog) {
            slow = new ArrayList<>(slowLog);
        }
        Collections.reverse(slow);
        long total =
                byType.values().stream().mapToLong(l -> l.sinceStart().count()).sum();
        return new QueryStats(
                total,
                failures.sum(),
                slowWarnings.sum(),
                slowErrors.sum(),
                slowWarningNanos / 1_000_000,
                slowErrorNanos / 1_000_000,
                types,
                top,
                slow);
    }

    /** One log line: the periodic summary (every five minutes by default). */
    public String summaryLine() {
        QueryStats s = snapshot(3);
        StringBuilder line = new StringBuilder("Queries: ")
                .append(s.total())
                .append(" total, ")
                .append(s.failures())
                .append(" failed, ")
                .append(s.slowWarnings())
                .append(" slow warnings, ")
                .append(s.slowErrors())
                .append(" slow errors");
        s.byType()
                .forEach((type, w) -> line.append("; ")
                        .append(type)
                        .append(" last 5 min n=")
                        .append(w.lastFiveMinutes().count())
                        .append(" p95=")
                        .append(w.lastFiveMinutes().p95Ms())
                        .append(" ms"));
        if (!s.topStatements().isEmpty()) {
            QueryStatement top = s.topStatements().get(0);
            line.append("; top by total time: ")
                    .append(top.totalMs())
                    .append(" ms in ")
                    .append(top.count())
                    .append(" runs: ")
                    .append(top.sql().length() > 120 ? top.sql().substring(0, 120) + "…" : top.sql());
        }
        return line.toString();
    }

    public void logSummary() {
        LOG.info(summaryLine());
    }
}
