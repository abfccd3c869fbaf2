package io.headroom.load.diagnose;

import static io.headroom.load.diagnose.ServerCauses.server;

import io.headroom.load.diagnose.Finding.Category;
import io.headroom.load.diagnose.Finding.Evidence;
import io.headroom.load.diagnose.Finding.Horizon;
import io.headroom.load.diagnose.Finding.Recommendation;
import io.headroom.load.scenario.MonitorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Server-side causes that are the application's: cache misses, server errors; and time outside the server. */
final class ServerApplicationCauses {

    private ServerApplicationCauses() {}

    static Finding cache(RunEvidence ev) {
        Map<String, List<Double>> byKeyspace = new TreeMap<>();
        ev.seconds().stream()
                .filter(s -> s.server() != null)
                .forEach(s -> s.server()
                        .keyspaceHitRates()
                        .forEach((k, v) -> byKeyspace
                                .computeIfAbsent(k, x -> new ArrayList<>())
                                .add(v)));
        String worst = null;
        double worstRate = 1;
        for (var e : byKeyspace.entrySet()) {
            double median = SeriesCheck.median(e.getValue());
            if (median < worstRate) {
                worst = e.getKey();
                worstRate = median;
            }
        }
        if (worst == null || worstRate >= 0.8) {
            return null;
        }
        String keyspace = worst;
        Evidence rate = SeriesCheck.of(
                ev.seconds(),
                "server.cache.hitRate['" + keyspace + "']",
                "< 0.8",
                s -> s.server() == null
                        ? Double.NaN
                        : s.server().keyspaceHitRates().getOrDefault(keyspace, Double.NaN),
                v -> v < 0.8,
                "hits / lookups of the keyspace per second");
        double share = (1 - worstRate) * 0.5;
        int impact = Finding.impact(share);
        List<String> routes = ServerCauses.routesOf(
                ev,
                s -> s.server() == null
                        ? Double.NaN
                        : 1 - s.server().keyspaceHitRates().getOrDefault(keyspace, Double.NaN));
        return new Finding(
                Category.APPLICATION,
                String.format(
                        Locale.ROOT,
                        "Cache misses: keyspace '%s' hit rate " + "%.0f%% (median second)",
                        keyspace,
                        worstRate * 100),
                Finding.severity(impact),
                impact,
                share,
                RouteLabels.labels(routes, ev.labels()),
                routes,
                List.of(rate),
                List.of(
                        new Recommendation(
                                Horizon.SHORT_TERM,
                                "Size the '" + keyspace + "' keyspace for the working set "
                                        + "or lengthen its TTL; check that its key does not vary with what does not matter."),
                        new Recommendation(Horizon.LONG_TERM, "Warm the cache on start for the most-read keys.")));
    }

    /**
     * Failed requests. {@code poolSaturated}: the pool finding fired and took the failures of the seconds in which
     * the pool was saturated (its 503s); only the others count here.
     */
    static Finding errors(RunEvidence ev, boolean poolSaturated) {
        long requests = 0;
        long errors = 0;
        for (RunEvidence.Second s : ev.seconds()) {
            if (s.server() != null) {
                requests += s.server().requests();
                errors += s.server().errors();
            }
        }
        double serverRate = requests > 0 ? (double) errors / requests : 0;
        double rate = Math.max(serverRate, ev.total().errorRate());
        if (poolSaturated) {
            rate = Math.max(0, rate - ServerCauses.failedWhilePoolSaturated(ev));
        }
        if (rate < 0.01) {
            return null;
        }
        double share = Math.min(1, rate * 5);
        int impact = Finding.impact(share);
        List<String> labels = ev.labels().stream()
                .filter(l -> l.errorRate() >= 0.01)
                .map(RunEvidence.Label::name)
                .toList();
        return new Finding(
                Category.APPLICATION,
                String.format(
                        Locale.ROOT,
                        "Errors: %.1f%% of requests failed at the " + "client, %.1f%% answered 5xx by the service",
                        ev.total().errorRate() * 100,
                        serverRate * 100),
                Finding.severity(impact),
                impact,
                share,
                labels,
                List.of(),
                List.of(SeriesCheck.of(
                        ev.seconds(),
                        "client.errorsPerSecond",
                        "> 0",
                        RunEvidence.Second::errorsPerSecond,
                        v -> v > 0,
                        "failed requests per second at the client")),
                List.of(new Recommendation(
                        Horizon.IMMEDIATE,
                        "Read the service's log and the JTL's failureMessage for " + String.join(", ", labels) + ".")));
    }

    /**
     * The client's service time (send to response) against the server's own time for the same route: what is
     * left is outside the server (network, the accept queue, a proxy, the client's event loop).
     */
    static Finding outsideTheServer(RunEvidence ev) {
        double worstShare = 0;
        String worstLabel = null;
        String worstRoute = null;
        double outsideMs = 0;
        for (RunEvidence.Label l : ev.labels()) {
            for (String route : routes(ev)) {
                if (!RouteLabels.matches(route, l.name()) && ev.labels().size() > 1) {
                    continue;
                }
                double serverP50 = SeriesCheck.median(
                        ev.seconds(),
                        s -> s.server() == null
                                ? Double.NaN
                                : s.server().routeP50().getOrDefault(route, Double.NaN));
                double outside = l.serviceP50() - serverP50;
                double share = l.med() > 0 ? outside / l.med() : 0;
                if (!Double.isNaN(share) && share > worstShare) {
                    worstShare = share;
                    worstLabel = l.name();
                    worstRoute = route;
                    outsideMs = outside;
                }
            }
        }
        double serverCpu = SeriesCheck.median(ev.seconds(), s -> server(s, RunEvidence.Server::systemCpu));
        // A service at the limit of its own CPUs (pinned, or a container's quota) queues requests before its
        // handlers: that time is the CPU's, not the network's, even with the machine's other cores idle.
        double serviceCpu = SeriesCheck.median(ev.seconds(), s -> server(s, RunEvidence.Server::serviceCpu));
        if (worstLabel == null || worstShare < 0.5 || outsideMs < 5 || serverCpu >= 0.9 || serviceCpu >= 0.85) {
            return null;
        }
        double share = Math.min(1, worstShare);
        int impact = Finding.impact(share);
        return new Finding(
                Category.NETWORK,
                String.format(
                        Locale.ROOT,
                        "Time outside the server: %.1f ms of the "
                                + "median request of '%s' is spent between the client and the service's handler",
                        outsideMs,
                        worstLabel),
                Finding.severity(impact),
                impact,
                share,
                List.of(worstLabel),
                List.of(worstRoute),
                List.of(new Evidence(
                        "client.serviceP50 - server.route.p50",
                        "> 50% of the median",
                        -1,
                        0,
                        0,
                        outsideMs,
                        outsideMs,
                        Double.NaN,
                        "client service time less the server's own time")),
                List.of(
                        new Recommendation(
                                Horizon.IMMEDIATE,
                                "Check the network path and any proxy between the generator "
                                        + "and the service; compare with a run from the service's own host."),
                        new Recommendation(Horizon.SHORT_TERM, "Check the server's accept queue and worker limits.")));
    }

    private static List<String> routes(RunEvidence ev) {
        Set<String> all = new TreeSet<>();
        ev.seconds().stream()
                .filter(x -> x.server() != null)
                .forEach(x -> all.addAll(x.server().routeP50().keySet()));
        all.removeIf(r -> r.endsWith(" " + MonitorSpec.STATS_PATH));
        return List.copyOf(all);
    }
}
