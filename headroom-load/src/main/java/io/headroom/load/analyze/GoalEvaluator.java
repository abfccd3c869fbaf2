package io.headroom.load.analyze;

import io.headroom.load.scenario.ScenarioException;
import io.headroom.load.scenario.Threshold;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Checks analyze goals ({@code --goal 'p(95)<300'}) against JTL statistics. */
public final class GoalEvaluator {

    private GoalEvaluator() {}

    public static List<GoalCheck> check(JtlStatistics statistics, List<Threshold> goals) {
        List<GoalCheck> checks = new ArrayList<>();
        for (Threshold goal : goals) {
            double total = value(goal, statistics.total());
            List<GoalCheck.LabelMiss> misses = new ArrayList<>();
            for (LabelStatistics s : statistics.labels().values()) {
                double v = value(goal, s);
                if (!goal.holds(v)) {
                    misses.add(new GoalCheck.LabelMiss(s.transaction(), v));
                }
            }
            Comparator<GoalCheck.LabelMiss> byValue = Comparator.comparingDouble(GoalCheck.LabelMiss::actual);
            boolean upperBound = goal.comparison() == Threshold.Comparison.LESS
                    || goal.comparison() == Threshold.Comparison.LESS_OR_EQUAL;
            misses.sort(upperBound ? byValue.reversed() : byValue);
            checks.add(new GoalCheck(goal, total, goal.holds(total), List.copyOf(misses)));
        }
        return checks;
    }

    static double value(Threshold goal, LabelStatistics s) {
        return switch (goal.metric()) {
            case PERCENTILE -> {
                try {
                    yield s.percentile(goal.percentile());
                } catch (IllegalArgumentException e) {
                    throw new ScenarioException("--goal '" + goal.expression() + "': " + e.getMessage());
                }
            }
            case AVG -> s.meanResTime();
            case MED -> s.medianResTime();
            case MIN -> s.minResTime();
            case MAX -> s.maxResTime();
            case ERROR_RATE -> s.errorRate();
            case THROUGHPUT -> s.throughput();
        };
    }
}
