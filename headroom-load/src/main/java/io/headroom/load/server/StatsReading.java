package io.headroom.load.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one poll read from a stats document ({@code GET /api/performance/stats}, docs/monitoring.md), taken
 * field by field: a field the document does not have is NaN (or an empty map), never an error, so an older
 * or trimmed service still gives what it has. Counters here are cumulative since the service started; the
 * timeline turns them into per-second deltas.
 *
 * @param generatedAtEpochMillis the document's own time (the poller's clock when it has none)
 * @param routes per {@code METHOD template}: requests and 5xx errors since start
 * @param recent the document's recent-requests ring (the newest first, as served)
 * @param statements SQL statements executed since start
 * @param dbTimeMs database time since start: the sum over statement types of count x mean
 * @param poolAcquires connection acquisitions since start, and {@code poolAcquireMs} their total time
 * @param poolAcquireP95Ms acquire time p95 since start, as the document gives it
 * @param cache per keyspace: hits and misses since start
 * @param resourcesAtEpochMillis when the service took its latest resource sample (every 5 s by default)
 * @param systemCpu the whole machine's CPU, 0..1 (other processes included: a neighbour burning the cores shows here)
 * @param cpuOfAvailable the process's CPU as a share of the CPUs it may use (pinned, or a container's quota);
 *        NaN from a service that does not report it
 * @param poolMax the pool's maximum size
 * @param topStatements the query monitor's top statements by total time since start, per normalised SQL
 */
record StatsReading(
        long generatedAtEpochMillis,
        Map<String, RouteCounts> routes,
        List<RecentRequest> recent,
        double statements,
        double dbTimeMs,
        double poolActive,
        double poolIdle,
        double poolWaiting,
        double poolAcquires,
        double poolAcquireMs,
        double poolAcquireP95Ms,
        Map<String, CacheCounts> cache,
        double resourcesAtEpochMillis,
        double cpu,
        double heapUsedBytes,
        double threads,
        double gcCount,
        double gcTimeMs,
        double gcLongestPauseMs,
        double systemCpu,
        double cpuOfAvailable,
        double poolMax,
        Map<String, StatementCounts> topStatements) {

    record StatementCounts(String type, double count, double totalMs) {}

    record RouteCounts(long count, long errors) {}

    record RecentRequest(long atEpochMillis, String route, double durationMs) {}

    record CacheCounts(double hits, double misses) {}

    /** Whether the document looks like a Headroom stats document at all. */
    static boolean isStatsDocument(JsonNode doc) {
        return doc != null && doc.isObject() && doc.path("requests").isObject();
    }

    static StatsReading of(JsonNode doc, long polledAtEpochMillis) {
        long generated = doc.path("generatedAtEpochMillis").isNumber()
                ? doc.get("generatedAtEpochMillis").asLong()
                : polledAtEpochMillis;
        Map<String, RouteCounts> routes = new LinkedHashMap<>();
        for (JsonNode r : doc.path("requests").path("routes")) {
            if (r.path("count").isNumber()) {
                routes.put(
                        key(r),
                        new RouteCounts(
                                r.get("count").asLong(), r.path("errors").asLong(0)));
            }
        }
        List<RecentRequest> recent = new ArrayList<>();
        for (JsonNode r : doc.path("requests").path("recent")) {
            if (r.path("atEpochMillis").isNumber() && r.path("durationMs").isNumber()) {
                recent.add(new RecentRequest(
                        r.get("atEpochMillis").asLong(),
                        key(r),
                        r.get("durationMs").asDouble()));
            }
        }
        JsonNode queries = doc.path("queries");
        double dbTime = Double.NaN;
        for (JsonNode type : queries.path("byType")) {
            JsonNode since = type.path("sinceStart");
            if (since.path("count").isNumber() && since.path("avgMs").isNumber()) {
                dbTime = (Double.isNaN(dbTime) ? 0 : dbTime)
                        + since.get("count").asDouble() * since.get("avgMs").asDouble();
            }
        }
        JsonNode pool = doc.path("pool");
        JsonNode acquire = pool.path("acquire");
        double acquires = number(acquire, "count");
        Map<String, CacheCounts> cache = new LinkedHashMap<>();
        for (JsonNode k : doc.path("cache").path("keyspaces")) {
            if (k.path("keyspace").isTextual()) {
                cache.put(k.get("keyspace").asText(), new CacheCounts(number(k, "hits"), number(k, "misses")));
            }
        }
        Map<String, StatementCounts> statements = new LinkedHashMap<>();
        for (JsonNode q : queries.path("topStatements")) {
            if (q.path("sql").isTextual()) {
                statements.put(
                        q.get("sql").asText(),
                        new StatementCounts(q.path("type").asText("OTHER"), number(q, "count"), number(q, "totalMs")));
            }
        }
        JsonNode res = doc.path("resources").path("latest");
        return new StatsReading(
                generated,
                routes,
                recent,
                number(queries, "total"),
                dbTime,
                number(pool, "active"),
                number(pool, "idle"),
                number(pool, "waiting"),
                acquires,
                acquires * number(acquire, "avgMs"),
                number(acquire, "p95Ms"),
                cache,
                number(res, "atEpochMillis"),
                ratio(number(res, "processCpu")),
                number(res, "heapUsedBytes"),
                number(res, "threads"),
                number(res, "gcCount"),
                number(res, "gcTimeMs"),
                number(res, "gcLongestPauseMs"),
                ratio(number(res, "systemCpu")),
                ratio(number(res, "processCpuOfAvailable")),
                number(pool, "max"),
                statements);
    }

    private static String key(JsonNode r) {
        String method = r.path("method").asText("");
        String route = r.path("route").asText("?");
        return method.isEmpty() ? route : method + " " + route;
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** The document writes -1 for a ratio the platform does not offer: that is absent, not a value. */
    private static double ratio(double v) {
        return v < 0 ? Double.NaN : v;
    }
}
