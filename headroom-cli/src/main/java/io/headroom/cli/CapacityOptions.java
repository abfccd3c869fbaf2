package io.headroom.cli;

import io.headroom.load.capacity.CapacitySettings;
import io.headroom.load.scenario.Durations;
import io.headroom.load.scenario.ScenarioException;
import io.headroom.load.scenario.Threshold;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of {@code headroom load --find-capacity} (ANA-5). */
final class CapacityOptions {

    @Option(
            names = "--find-capacity",
            description =
                    "Search the highest arrival rate that meets every --goal (the knee): "
                            + "step the rate up, then bisect, within --time-limit. Writes capacity.json and capacity.html to --out.")
    boolean find;

    @Option(
            names = "--goal",
            paramLabel = "GOAL",
            description = "With --find-capacity: a goal in the threshold syntax, "
                    + "e.g. 'p(99)<100', 'errors<0.1%%' (repeatable).")
    List<String> goals = new ArrayList<>();

    @Option(
            names = "--start-rate",
            paramLabel = "N",
            defaultValue = "10",
            description = "With --find-capacity: the first rate, per second (default: ${DEFAULT-VALUE}).")
    int startRate;

    @Option(
            names = "--max-rate",
            paramLabel = "N",
            defaultValue = "100000",
            description = "With --find-capacity: the highest rate offered, per second (default: ${DEFAULT-VALUE}).")
    int maxRate;

    @Option(
            names = "--step",
            paramLabel = "DURATION",
            defaultValue = "8s",
            description =
                    "With --find-capacity: how long each rate is held, after a 1 s warm-up (default: ${DEFAULT-VALUE}).")
    String step;

    @Option(
            names = "--time-limit",
            paramLabel = "DURATION",
            defaultValue = "3m",
            description = "With --find-capacity: the search's time bound (default: ${DEFAULT-VALUE}).")
    String timeLimit;

    @Option(
            names = "--target-rate",
            paramLabel = "N",
            defaultValue = "0",
            description = "With --find-capacity: plan instances for this rate, per second.")
    double targetRate;

    CapacitySettings settings() {
        List<Threshold> parsed = goals.stream()
                .map(g -> {
                    try {
                        return Threshold.parse(g);
                    } catch (ScenarioException e) {
                        throw new ScenarioException(e.getMessage().replaceFirst("^bad threshold", "bad --goal"));
                    }
                })
                .toList();
        return new CapacitySettings(
                parsed,
                startRate,
                maxRate,
                Durations.parse(step, "--step"),
                Durations.parse(timeLimit, "--time-limit"),
                0.10,
                targetRate);
    }
}
