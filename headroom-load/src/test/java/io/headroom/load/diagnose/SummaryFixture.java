package io.headroom.load.diagnose;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A summary.json written the way {@code headroom load} writes it (the fields the diagnosis reads), second by
 * second: the client's series and, when monitored, one server point per second.
 */
final class SummaryFixture {

    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private ObjectNode server;

    SummaryFixture(
            String label, double med, double p95, double p99, double serviceP50, double serviceP99, double errorRate) {
        for (String name : new String[] {label, "Total"}) {
            ObjectNode l = JsonNodeFactory.instance
                    .objectNode()
                    .put("label", name)
                    .put("count", 1000)
                    .put("errorRate", errorRate)
                    .put("med", med)
                    .put("p95", p95)
                    .put("p99", p99)
                    .put("serviceP50", serviceP50)
                    .put("serviceP99", serviceP99);
            if (name.equals("Total")) {
                root.set("total", l);
            } else {
                root.putObject("labels").set(name, l);
            }
        }
        root.putArray("series");
    }

    SummaryFixture openModel() {
        root.putObject("behindSchedule");
        return this;
    }

    SummaryFixture monitored() {
        server = root.putObject("server");
        server.putArray("instances")
                .addObject()
                .put("statsUrl", "http://x/api/performance/stats")
                .put("headroom", true);
        server.putArray("timeline");
        server.putArray("statements");
        return this;
    }

    SummaryFixture statement(String sql, long count, double totalMs, String route) {
        ObjectNode s = ((ArrayNode) server.get("statements"))
                .addObject()
                .put("sql", sql)
                .put("count", count)
                .put("totalMs", totalMs)
                .put("meanMs", totalMs / count);
        s.putArray("routes").add(route);
        return this;
    }

    /** Seconds 1..n of the client, p50/p99 per second, send lag, generator CPU. */
    SummaryFixture clientSeconds(int n, double p50, double p99, double sendLagMs, double generatorCpu) {
        for (int i = 1; i <= n; i++) {
            ((ArrayNode) root.get("series"))
                    .addObject()
                    .put("elapsedSeconds", i)
                    .put("p50", p50)
                    .put("p99", p99 + i % 3)
                    .put("rps", 100)
                    .put("errorsPerSecond", 0)
                    .put("maxSendLagMs", sendLagMs)
                    .put("dropped", 0)
                    .put("generatorCpu", generatorCpu);
        }
        return this;
    }

    /** One server point per second 1..n, built by {@code point} on a point with a route and every figure at rest. */
    SummaryFixture serverSeconds(int n, String route, double routeP50, Consumer<ServerSecond> point) {
        for (int i = 1; i <= n; i++) {
            ObjectNode p = ((ArrayNode) server.get("timeline"))
                    .addObject()
                    .put("instance", 0)
                    .put("elapsedSeconds", i)
                    .put("requests", 100)
                    .put("cpu", 0.2)
                    .put("systemCpu", 0.3)
                    .put("heapUsedBytes", 5e7);
            p.putObject("routes")
                    .putObject(route)
                    .put("count", 100)
                    .put("errors", 0)
                    .put("p50", routeP50)
                    .put("p99", routeP50 * 2 + i % 2);
            p.putObject("pool")
                    .put("active", 1)
                    .put("idle", 4)
                    .put("waiting", 0)
                    .put("max", 5)
                    .put("waitMs", 0.01);
            p.putObject("db").put("timeMsPerRequest", 0.3);
            p.putObject("cache").putObject("keyspaces");
            p.putObject("gc").put("count", 0).put("pauseMs", 0).put("timeMsPerSecond", 0);
            point.accept(new ServerSecond(p, i));
        }
        return this;
    }

    record ServerSecond(ObjectNode node, int second) {
        ServerSecond set(String path, double value) {
            String[] parts = path.split("\\.");
            ObjectNode n = node;
            for (int i = 0; i < parts.length - 1; i++) {
                n = n.has(parts[i]) ? (ObjectNode) n.get(parts[i]) : n.putObject(parts[i]);
            }
            n.put(parts[parts.length - 1], value);
            return this;
        }

        ServerSecond keyspace(String name, double hitRate) {
            ((ObjectNode) node.path("cache").path("keyspaces")).put(name, hitRate);
            return this;
        }
    }

    ObjectNode json() {
        return root;
    }

    RunEvidence evidence() {
        return EvidenceReader.of(root);
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
