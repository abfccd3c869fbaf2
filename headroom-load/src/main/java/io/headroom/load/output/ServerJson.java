package io.headroom.load.output;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.load.server.ServerPoint;
import io.headroom.load.server.ServerReport;
import io.headroom.load.server.ServerThresholdResult;
import io.headroom.load.server.ServerTimeline;

/**
 * The {@code server} object of {@code summary.json}: the monitored instances, the server thresholds and
 * the timeline, one entry per instance and second on the client series' clock ({@code elapsedSeconds}).
 * A figure the stats document did not offer is left out of its entry, never written as 0.
 */
final class ServerJson {

    private ServerJson() {}

    static ObjectNode toJson(ServerReport report) {
        ObjectNode server = JsonNodeFactory.instance.objectNode();
        var instances = server.putArray("instances");
        for (ServerTimeline.Instance i : report.timeline().instances()) {
            ObjectNode n = instances.addObject();
            n.put("statsUrl", i.statsUrl());
            n.put("headroom", i.headroom());
            n.put("polls", i.polls());
            n.put("failedPolls", i.failedPolls());
            n.put("skippedPolls", i.skippedPolls());
            if (i.warning() != null) {
                n.put("warning", i.warning());
            }
        }
        var thresholds = server.putArray("thresholds");
        for (ServerThresholdResult t : report.thresholds()) {
            ObjectNode n = thresholds.addObject();
            n.put("threshold", t.threshold().expression());
            put(n, "actual", t.actual());
            n.put("passed", t.passed());
        }
        var statements = server.putArray("statements");
        for (var st : report.timeline().statements()) {
            ObjectNode n = statements.addObject();
            n.put("sql", st.sql());
            n.put("type", st.type());
            n.put("count", st.count());
            n.put("totalMs", st.totalMs());
            put(n, "meanMs", st.meanMs());
            var routes = n.putArray("routes");
            st.routes().forEach(routes::add);
        }
        var timeline = server.putArray("timeline");
        for (ServerPoint p : report.timeline().points()) {
            ObjectNode n = timeline.addObject();
            n.put("instance", p.instance());
            n.put("elapsedSeconds", p.elapsedSeconds());
            n.put("epochMillis", p.epochMillis());
            n.put("intervalSeconds", p.intervalSeconds());
            n.put("requests", p.requests());
            ObjectNode routes = n.putObject("routes");
            p.routes().forEach((key, r) -> {
                ObjectNode route = routes.putObject(key);
                route.put("count", r.count());
                route.put("errors", r.errors());
                put(route, "p50", r.p50());
                put(route, "p99", r.p99());
                route.put("samples", r.samples());
            });
            ObjectNode pool = n.putObject("pool");
            put(pool, "active", p.poolActive());
            put(pool, "idle", p.poolIdle());
            put(pool, "waiting", p.poolWaiting());
            put(pool, "max", p.poolMax());
            put(pool, "waitMs", p.poolWaitMs());
            put(pool, "acquireP95MsSinceStart", p.poolAcquireP95Ms());
            ObjectNode db = n.putObject("db");
            put(db, "timeMsPerRequest", p.dbTimeMsPerRequest());
            put(db, "statementsPerRequest", p.statementsPerRequest());
            ObjectNode cache = n.putObject("cache");
            put(cache, "hitRate", p.cacheHitRate());
            ObjectNode keyspaces = cache.putObject("keyspaces");
            p.cacheHitRates().forEach(keyspaces::put);
            ObjectNode gc = n.putObject("gc");
            put(gc, "count", p.gcCount());
            put(gc, "pauseMs", p.gcPauseMs());
            put(gc, "timeMsPerSecond", p.gcTimeMs());
            put(n, "cpu", p.cpu());
            put(n, "systemCpu", p.systemCpu());
            put(n, "cpuOfAvailable", p.cpuOfAvailable());
            put(n, "heapUsedBytes", p.heapUsedBytes());
            put(n, "threads", p.threads());
        }
        return server;
    }

    private static void put(ObjectNode n, String field, double value) {
        if (!Double.isNaN(value)) {
            n.put(field, value);
        }
    }
}
