package io.headroom.load.diagnose;

import io.headroom.load.diagnose.Finding.Category;
import io.headroom.load.diagnose.Finding.Evidence;
import io.headroom.load.diagnose.Finding.Horizon;
import io.headroom.load.diagnose.Finding.Recommendation;
import io.headroom.load.scenario.MonitorSpec;
import io.headroom.load.server.Correlation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Causes on the server side, each from the monitored instances' per-second figures, scored by the share of the
 * client's latency it accounts for: connection-pool saturation and database time (database), CPU and GC
 * (system), cache misses and server errors (application), time spent outside the server (network).
 */
final class ServerCauses {

    private ServerCauses() {}

    static List<Finding> find(RunEvidence ev) {
        List<Finding> out = new ArrayList<>();
        Finding pool = pool(ev);
        out.add(pool);
        out.add(database(ev));
        out.add(gc(ev));
        out.add(cpu(ev));
        out.add(ServerApplicationCauses.cache(ev));
        out.add(ServerApplicationCauses.errors(ev, pool != null));
        out.add(ServerApplicationCauses.outsideTheServer(ev));
        return out.stream().filter(Objects::nonNull).toList();
    }

    static double server(RunEvidence.Second s, ToDoubleFunction<RunEvidence.Server> f) {
        return s.server() == null ? Double.NaN : f.applyAsDouble(s.server());
    }

    /** Of a server figure in ms per request, the median over the seconds of its ratio to the client's median. */
    static double shareOfMedian(RunEvidence ev, ToDoubleFunction<RunEvidence.Server> ms) {
        double share =
                SeriesCheck.median(ev.seconds(), s -> s.clientP50() > 0 ? server(s, ms) / s.clientP50() : Double.NaN);
        return Double.isNaN(share) ? 0 : Math.clamp(share, 0, 1);
    }

    private static Finding pool(RunEvidence ev) {
        List<RunEvidence.Second> s = ev.seconds();
        Evidence waiting = SeriesCheck.of(
                s,
                "server.pool.waiting",
                "> 0",
                x -> server(x, RunEvidence.Server::poolWaiting),
                v -> v > 0,
                "threads waiting for a database connection");
        Evidence waitMs = SeriesCheck.of(
                s,
                "server.pool.waitMs",
                "> 1",
                x -> server(x, RunEvidence.Server::poolWaitMs),
                v -> v > 1,
                "mean time to acquire a connection, per acquisition");
        // An admission limit in front of the pool (the Explorer's) keeps the queue out of the pool: then the
        // pool shows no waiter, only every connection in use while requests are shed.
        Evidence full = SeriesCheck.of(
                s,
                "server.pool.active",
                ">= max",
                x -> server(x, RunEvidence.Server::poolMax) > 0
                        ? server(x, RunEvidence.Server::poolActive) / server(x, RunEvidence.Server::poolMax)
                        : Double.NaN,
                v -> v >= 1,
                "connections in use, share of the pool's maximum");
        double waitShare = shareOfMedian(ev, RunEvidence.Server::poolWaitMs);
        double failedRate = failedWhilePoolSaturated(ev);
        double saturated = Math.max(
                SeriesCheck.fraction(full), Math.max(SeriesCheck.fraction(waiting), SeriesCheck.fraction(waitMs)));
        if (saturated < 0.2 || (waitShare < 0.05 && failedRate < 0.01)) {
            return null;
        }
        double share = Math.max(waitShare, Math.min(1, failedRate * 5));
        double max = SeriesCheck.median(s, x -> server(x, RunEvidence.Server::poolMax));
        double active = SeriesCheck.median(s, x -> server(x, RunEvidence.Server::poolActive));
        List<String> routes = routesOf(ev, x -> server(x, RunEvidence.Server::poolWaitMs));
        int impact = Finding.impact(share);
        return new Finding(
                Category.DATABASE,
                String.format(
                        Locale.ROOT,
                        "Database connection pool saturated: "
                                + "requests waited %.1f ms for a connection (median second), %.0f%% of the median response "
                                + "(pool of %s, %s active)%s",
                        waitMs.typical(),
                        waitShare * 100,
                        fmt(max),
                        fmt(active),
                        failedRate >= 0.01
                                ? String.format(
                                        Locale.ROOT,
                                        "; %.1f%% of requests failed while it was saturated (no connection in time)",
                                        failedRate * 100)
                                : ""),
                Finding.severity(impact),
                impact,
                share,
                RouteLabels.labels(routes, ev.labels()),
                routes,
                List.of(waiting, waitMs, full),
                List.of(
                        new Recommendation(
                                Horizon.IMMEDIATE,
                                "Raise the pool's maximum size (now " + fmt(max)
                                        + ") if the database has CPU and connections to spare (DB_POOL_MAX on the Explorer)."),
                        new Recommendation(
                                Horizon.SHORT_TERM,
                                "Hold connections for less time: the top statements by total " + "time"
                                        + topStatement(ev) + "; cache what is read most."),
                        new Recommendation(Horizon.LONG_TERM, "Move hot reads to a read replica or a shared cache.")));
    }

    /** A second in which requests waited for a database connection, or every connection was in use. */
    static boolean poolSaturated(RunEvidence.Second x) {
        double max = server(x, RunEvidence.Server::poolMax);
        return server(x, RunEvidence.Server::poolWaiting) > 0
                || server(x, RunEvidence.Server::poolWaitMs) > 1
                || (max > 0 && server(x, RunEvidence.Server::poolActive) >= max);
    }

    /** Client failures in seconds the pool was saturated, as a share of all the run's requests. */
    static double failedWhilePoolSaturated(RunEvidence ev) {
        double requests = 0;
        double failed = 0;
        for (RunEvidence.Second x : ev.seconds()) {
            requests += x.rps();
            if (poolSaturated(x)) {
                failed += x.errorsPerSecond();
            }
        }
        return requests > 0 ? failed / requests : 0;
    }

    private static Finding database(RunEvidence ev) {
        Evidence db = SeriesCheck.of(
                ev.seconds(),
                "server.db.timeMsPerRequest",
                "> 1",
                x -> server(x, RunEvidence.Server::dbTimeMsPerRequest),
                v -> v > 1,
                "time in SQL statements per request");
        double share = shareOfMedian(ev, RunEvidence.Server::dbTimeMsPerRequest);
        if (share < 0.3 || !(db.typical() > 1)) {
            return null;
        }
        RunEvidence.Statement top =
                ev.statements().isEmpty() ? null : ev.statements().getFirst();
        List<String> routes = top != null && !top.routes().isEmpty()
                ? top.routes()
                : routesOf(ev, x -> server(x, RunEvidence.Server::dbTimeMsPerRequest));
        int impact = Finding.impact(share);
        return new Finding(
                Category.DATABASE,
                String.format(
                        Locale.ROOT,
                        "Database time: %.1f ms per request, " + "%.0f%% of the median response%s",
                        db.typical(),
                        share * 100,
                        top == null
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "; slowest by total time: %s (%d runs, mean %.2f ms)",
                                        abbreviate(top.sql()),
                                        top.count(),
                                        top.meanMs())),
                Finding.severity(impact),
                impact,
                share,
                RouteLabels.labels(routes, ev.labels()),
                routes,
                List.of(db),
                List.of(
                        new Recommendation(
                                Horizon.IMMEDIATE,
                                "Run `headroom advise-queries --database URL` for the "
                                        + "plans and index suggestions of the top statements."),
                        new Recommendation(
                                Horizon.SHORT_TERM,
                                "Add the suggested index, or cache the result of" + topStatement(ev) + "."),
                        new Recommendation(
                                Horizon.LONG_TERM,
                                "Reshape the data the hot statements read (denormalise, "
                                        + "pre-aggregate) so requests need fewer rows.")));
    }

    private static Finding gc(RunEvidence ev) {
        Evidence time = SeriesCheck.of(
                ev.seconds(),
                "server.gc.timeMsPerSecond",
                "> 30",
                x -> server(x, RunEvidence.Server::gcTimeMsPerSecond),
                v -> v > 30,
                "time in GC per second of run");
        Evidence pause = SeriesCheck.of(
                ev.seconds(),
                "server.gc.pauseMs",
                "> 50",
                x -> server(x, RunEvidence.Server::gcPauseMs),
                v -> v > 50,
                "GC pause (mean of the second, or longest)");
        double fraction = Double.isNaN(time.typical()) ? 0 : time.typical() / 1000;
        double share = Math.min(1, fraction * 4 + (SeriesCheck.fraction(pause) >= 0.2 ? 0.2 : 0));
        if (fraction < 0.03 && SeriesCheck.fraction(pause) < 0.2) {
            return null;
        }
        double heap = SeriesCheck.median(ev.seconds(), x -> server(x, RunEvidence.Server::heapUsedBytes));
        int impact = Finding.impact(share);
        List<String> routes = routesOf(ev, x -> server(x, RunEvidence.Server::gcTimeMsPerSecond));
        return new Finding(
                Category.SYSTEM,
                String.format(
                        Locale.ROOT,
                        "Garbage collection: %.0f%% of the time in GC " + "(median second), pauses up to %.0f ms",
                        fraction * 100,
                        Double.isNaN(pause.peak()) ? 0 : pause.peak()),
                Finding.severity(impact),
                impact,
                share,
                RouteLabels.labels(routes, ev.labels()),
                routes,
                List.of(time, pause),
                List.of(
                        new Recommendation(
                                Horizon.IMMEDIATE,
                                String.format(
                                        Locale.ROOT,
                                        "Give the heap more room (-Xmx; " + "%.0f MB used in the median second).",
                                        heap / 1e6)),
                        new Recommendation(
                                Horizon.SHORT_TERM,
                                "Allocate less per request: the slow-request log's "
                                        + "allocatedBytes shows which requests allocate most."),
                        new Recommendation(
                                Horizon.LONG_TERM, "Stream large responses instead of building them in memory.")));
    }

    private static Finding cpu(RunEvidence ev) {
        Evidence process = SeriesCheck.of(
                ev.seconds(),
                "server.cpu",
                ">= 0.85",
                x -> server(x, RunEvidence.Server::serviceCpu),
                v -> v >= 0.85,
                "the service's process CPU, share of the CPUs it may use (pinned or under a quota: fewer than the "
                        + "machine's)");
        Evidence machine = SeriesCheck.of(
                ev.seconds(),
                "server.systemCpu",
                ">= 0.9",
                x -> server(x, RunEvidence.Server::systemCpu),
                v -> v >= 0.9,
                "the whole machine's CPU");
        double saturated = Math.max(SeriesCheck.fraction(process), SeriesCheck.fraction(machine));
        if (saturated < 0.3) {
            return null;
        }
        double others = SeriesCheck.median(
                ev.seconds(),
                x -> server(x, RunEvidence.Server::systemCpu)
                        - server(x, RunEvidence.Server::cpu)
                        - (Double.isNaN(x.generatorCpu()) ? 0 : x.generatorCpu()));
        boolean selfSaturated = SeriesCheck.fraction(process) >= 0.3;
        boolean neighbour = !selfSaturated && others >= 0.3;
        // A busy CPU slows what runs on it: the handler's own time (server time less DB and pool wait). Scored by
        // that time's share of the median response, so a pool or database bottleneck on a busy machine still
        // comes first. A service at the limit of its own CPUs also queues requests before its handlers, so
        // then the whole response less DB and pool wait is the CPU's.
        double appShare = SeriesCheck.median(
                ev.seconds(),
                x -> x.clientP50() > 0 && x.server() != null
                        ? Math.max(
                                        0,
                                        (selfSaturated ? x.clientP50() : serverP50(x.server()))
                                                - zero(x.server().dbTimeMsPerRequest())
                                                - zero(x.server().poolWaitMs()))
                                / x.clientP50()
                        : Double.NaN);
        double share = Math.min(1, saturated * (Double.isNaN(appShare) ? 0.5 : Math.min(1, appShare)));
        int impact = Finding.impact(share);
        List<String> routes = routesOf(ev, x -> server(x, RunEvidence.Server::systemCpu));
        return new Finding(
                Category.SYSTEM,
                neighbour
                        ? String.format(
                                Locale.ROOT,
                                "CPU saturated by other processes: the machine at %.0f%% or more in %.0f%% "
                                        + "of the seconds, the service itself at %.0f%% (median), other processes %.0f%%",
                                90.0,
                                saturated * 100,
                                process.typical() * 100,
                                others * 100)
                        : String.format(
                                Locale.ROOT,
                                "CPU saturated: the service at %.0f%% of the CPUs it may use (median second), "
                                        + "saturated in %.0f%% of the seconds",
                                process.typical() * 100,
                                saturated * 100),
                Finding.severity(impact),
                impact,
                share,
                RouteLabels.labels(routes, ev.labels()),
                routes,
                List.of(process, machine),
                List.of(
                        new Recommendation(
                                Horizon.IMMEDIATE,
                                neighbour
                                        ? "Stop or move what else runs on the service's machine (the load generator included)."
                                        : "Add instances or cores for this rate."),
                        new Recommendation(
                                Horizon.SHORT_TERM, "Profile the hot path (JFR) and cut its CPU per request."),
                        new Recommendation(Horizon.LONG_TERM, "Plan capacity with `headroom load --find-capacity`.")));
    }

    /** The server's median time of its busiest route in a second (the stats polls left out). */
    static double serverP50(RunEvidence.Server s) {
        return s.routeP50().entrySet().stream()
                .filter(e -> !e.getKey().endsWith(" " + MonitorSpec.STATS_PATH))
                .mapToDouble(Map.Entry::getValue)
                .max()
                .orElse(Double.NaN);
    }

    static double zero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** Routes whose per-second server p99 follows {@code series} (r >= 0.5); all routes seen when none does. */
    static List<String> routesOf(RunEvidence ev, ToDoubleFunction<RunEvidence.Second> series) {
        Set<String> all = new TreeSet<>();
        ev.seconds().stream()
                .filter(x -> x.server() != null)
                .forEach(x -> all.addAll(x.server().routeP99().keySet()));
        all.removeIf(r -> r.endsWith(" " + MonitorSpec.STATS_PATH));
        List<String> following = new ArrayList<>();
        for (String route : all) {
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            for (RunEvidence.Second x : ev.seconds()) {
                double v = series.applyAsDouble(x);
                Double p = x.server() == null ? null : x.server().routeP99().get(route);
                if (!Double.isNaN(v) && p != null) {
                    a.add(v);
                    b.add(p);
                }
            }
            if (Correlation.pearson(a, b) >= 0.5) {
                following.add(route);
            }
        }
        return following.isEmpty() ? List.copyOf(all) : List.copyOf(following);
    }

    static String topStatement(RunEvidence ev) {
        return ev.statements().isEmpty()
                ? " (none recorded)"
                : ": " + abbreviate(ev.statements().getFirst().sql());
    }

    static String abbreviate(String sql) {
        return sql.length() <= 120 ? sql : sql.substring(0, 117) + "...";
    }

    static String fmt(double v) {
        return Double.isNaN(v)
                ? "?"
                : v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
