package io.headroom.toolkit.alert;

import io.headroom.toolkit.metrics.RouteSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The closed set of alert rules (ALR-1, ALR-2). Each is a pure function of {@link AlertInputs}
 * returning the findings that hold now; the {@link AlertEngine} turns changes into events.
 */
public sealed interface AlertRule {

    List<Finding> evaluate(AlertInputs in);

    /** A resource ratio against warning and critical thresholds (CPU, heap, disk, pool). */
    record Threshold(String name, ToDoubleFunction<AlertInputs> value, double warning, double critical)
            implements AlertRule {
        @Override
        public List<Finding> evaluate(AlertInputs in) {
            double v = value.applyAsDouble(in);
            if (v < 0 || v < warning) {
                return List.of();
            }
            Severity s = v >= critical ? Severity.CRITICAL : Severity.WARNING;
            double t = s == Severity.CRITICAL ? critical : warning;
            return List.of(new Finding(
                    name, name, s, v, t, String.format("%s at %.1f %% (threshold %.0f %%)", name, v * 100, t * 100)));
        }
    }

    /** Share of 5xx responses per route over the last minute, once the route saw {@code minRequests}. */
    record RouteErrorRate(double warning, double critical, long minRequests) implements AlertRule {
        @Override
        public List<Finding> evaluate(AlertInputs in) {
            List<Finding> out = new ArrayList<>();
            for (RouteSnapshot r : in.routes()) {
                double rate = r.lastMinuteErrorRate();
                if (r.lastMinuteCount() < minRequests || rate < warning) {
                    continue;
                }
                Severity s = rate >= critical ? Severity.CRITICAL : Severity.WARNING;
                double t = s == Severity.CRITICAL ? critical : warning;
                out.add(new Finding(
                        "error-rate:" + r.key(),
                        "error-rate",
                        s,
                        rate,
                        t,
                        String.format(
                                "%s: %.1f %% of %d requests failed in the last minute (threshold %.1f %%)",
                                r.key(), rate * 100, r.lastMinuteCount(), t * 100)));
            }
            return out;
        }
    }

    /** Last-minute p95 per route over its budget (warning), or over twice its budget (critical). */
    record RouteLatencyBudget(double defaultBudgetMs, Map<String, Double> budgetsByRoute, long minRequests)
            implements AlertRule {
        @Override
        public List<Finding> evaluate(AlertInputs in) {
            List<Finding> out = new ArrayList<>();
            for (RouteSnapshot r : in.routes()) {
                double budget = budgetsByRoute.getOrDefault(r.route(), defaultBudgetMs);
                double p95 = r.lastMinute().p95Ms();
                if (budget <= 0 || r.lastMinute().count() < minRequests || p95 <= budget) {
                    continue;
                }
                Severity s = p95 > 2 * budget ? Severity.CRITICAL : Severity.WARNING;
                out.add(new Finding(
                        "p95-budget:" + r.key(),
                        "p95-budget",
                        s,
                        p95,
                        budget,
                        String.format("%s: p95 %.1f ms over its %.0f ms budget", r.key(), p95, budget)));
            }
            return out;
        }
    }

    /**
     * ALR-2: last-minute p95 at least {@code ratio} × the previous minute's (critical at 2 × ratio)
     * and at least {@code minIncreaseMs} above it. Both must hold: at idle a p95 of a few
     * milliseconds doubles on a GC pause or a busy neighbour (2 ms → 7 ms is 3.5×) without anyone
     * noticing, and on a slow route a large absolute rise can still be a small change.
     */
    record Degradation(double ratio, double minIncreaseMs, long minRequests) implements AlertRule {
        @Override
        public List<Finding> evaluate(AlertInputs in) {
            List<Finding> out = new ArrayList<>();
            for (RouteSnapshot r : in.routes()) {
                double recent = r.lastMinute().p95Ms();
                double before = r.previousMinute().p95Ms();
                if (r.lastMinute().count() < minRequests || r.previousMinute().count() < minRequests || before <= 0) {
                    continue;
                }
                double factor = recent / before;
                if (factor >= ratio && recent - before >= minIncreaseMs) {
                    Severity s = factor >= 2 * ratio ? Severity.CRITICAL : Severity.WARNING;
                    out.add(new Finding(
                            "degradation:" + r.key(),
                            "degradation",
                            s,
                            factor,
                            ratio,
                            String.format(
                                    "%s: p95 %.1f ms is %.1f× the previous minute's %.1f ms (+%.1f ms)",
                                    r.key(), recent, factor, before, recent - before)));
                }
            }
            return out;
        }
    }

    /**
     * ALR-2: heap left after GC grew at every one of the last {@code samples} distinct post-GC
     * readings, by at least {@code minGrowth} overall (0.1 = 10 %). Memory that survives
     * collection and keeps rising is what a leak looks like; plain heap usage rises and falls.
     */
    record HeapLeak(int samples, double minGrowth) implements AlertRule {
        @Override
        public List<Finding> evaluate(AlertInputs in) {
            List<Long> distinct = new ArrayList<>();
            for (Long v : in.heapAfterGcBytes()) {
                if (v != null
                        && v >= 0
                        && (distinct.isEmpty()
                                || !distinct.get(distinct.size() - 1).equals(v))) {
                    distinct.add(v);
                }
            }
            if (distinct.size() < samples) {
                return List.of();
            }
            List<Long> last = distinct.subList(distinct.size() - samples, distinct.size());
            for (int i = 1; i < last.size(); i++) {
                if (last.get(i) <= last.get(i - 1)) {
                    return List.of();
                }
            }
            double growth = (double) last.get(last.size() - 1) / last.get(0) - 1;
            if (growth < minGrowth) {
                return List.of();
            }
            return List.of(new Finding(
                    "heap-leak",
                    "heap-leak",
                    Severity.WARNING,
                    growth,
                    minGrowth,
                    String.format(
                            "heap after GC grew %d times in a row, by %.0f %% (%d → %d MB): possible leak",
                            samples - 1, growth * 100, last.get(0) >> 20, last.get(last.size() - 1) >> 20)));
        }
    }
}
