package io.headroom.load.server;

import io.headroom.load.scenario.MonitorSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which routes ran a statement. The query monitor does not record the request a statement ran for, so the
 * link is inferred from the timeline: a route whose requests per second rise and fall with the statement's
 * executions per second (Pearson correlation of at least {@value #MIN_CORRELATION} over the seconds both were
 * seen) ran it. With one busy route in the run, that route is the only candidate and needs no correlation.
 */
final class StatementRoutes {

    static final double MIN_CORRELATION = 0.6;

    private StatementRoutes() {}

    static List<String> following(
            String sql,
            List<Map<String, Double>> statementSeconds,
            List<Map<String, ServerPoint.RoutePoint>> routeSeconds) {
        Set<String> routes = new LinkedHashSet<>();
        routeSeconds.forEach(m -> m.forEach((route, p) -> {
            if (p.count() > 0 && !route.endsWith(" " + MonitorSpec.STATS_PATH)) {
                routes.add(route);
            }
        }));
        if (routes.size() == 1) {
            return List.copyOf(routes);
        }
        List<String> following = new ArrayList<>();
        for (String route : routes) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < statementSeconds.size(); i++) {
                Double executions = statementSeconds.get(i).get(sql);
                if (executions != null) {
                    ServerPoint.RoutePoint p = routeSeconds.get(i).get(route);
                    x.add(executions);
                    y.add(p == null ? 0.0 : (double) p.count());
                }
            }
            if (Correlation.pearson(x, y) >= MIN_CORRELATION) {
                following.add(route);
            }
        }
        return List.copyOf(following);
    }
}
