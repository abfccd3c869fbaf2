package io.headroom.load.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One normalised SQL statement the monitored services ran during the run, from their query monitors' top
 * statements by total time (the last reading less the first; a statement that entered the top list only during
 * the run counts its executions since the service started).
 *
 * @param routes the routes ({@code METHOD template}) whose per-second request counts follow this statement's
 *               per-second executions: the requests that ran it (see {@link StatementRoutes})
 */
public record StatementUse(String sql, String type, long count, double totalMs, List<String> routes) {

    public double meanMs() {
        return count > 0 ? totalMs / count : Double.NaN;
    }

    /** Both lists summed per statement (several instances run the same code), largest total first. */
    static List<StatementUse> merge(List<StatementUse> a, List<StatementUse> b) {
        Map<String, StatementUse> bySql = new LinkedHashMap<>();
        for (StatementUse s : a) {
            bySql.put(s.sql(), s);
        }
        for (StatementUse s : b) {
            bySql.merge(s.sql(), s, (x, y) -> {
                LinkedHashSet<String> routes = new LinkedHashSet<>(x.routes());
                routes.addAll(y.routes());
                return new StatementUse(
                        x.sql(), x.type(), x.count() + y.count(), x.totalMs() + y.totalMs(), List.copyOf(routes));
            });
        }
        List<StatementUse> all = new ArrayList<>(bySql.values());
        all.sort(Comparator.comparingDouble(StatementUse::totalMs).reversed());
        return List.copyOf(all);
    }
}
