package io.headroom.load.scenario;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Command-line overrides of a scenario file: another base URL (the same template against any host or a
 * port chosen at run time) and another length (a short run of a long template). Values are validated
 * here and named by their option in errors.
 */
public final class ScenarioOverrides {
    private ScenarioOverrides() {}

    public static Scenario withBaseUrl(Scenario s, String baseUrl) {
        URI uri;
        try {
            uri = QuickScenario.url(baseUrl);
        } catch (ScenarioException e) {
            throw new ScenarioException(
                    "--base-url '" + baseUrl + "': expected an http:// or https:// URL with a host");
        }
        return new Scenario(
                s.name(),
                uri,
                s.headers(),
                s.requests(),
                s.feeders(),
                s.executor(),
                s.thresholds(),
                s.thinkTime(),
                s.requestTimeout(),
                s.jdbcUrl(),
                s.warmup(),
                s.monitor());
    }

    public static Scenario withThresholds(Scenario s, List<ThresholdSpec> thresholds) {
        return new Scenario(
                s.name(),
                s.baseUrl(),
                s.headers(),
                s.requests(),
                s.feeders(),
                s.executor(),
                thresholds,
                s.thinkTime(),
                s.requestTimeout(),
                s.jdbcUrl(),
                s.warmup(),
                s.monitor());
    }

    /** The scenario polling the servers of {@code monitor} ({@code --monitor}), with its server thresholds. */
    public static Scenario withMonitor(Scenario s, MonitorSpec monitor) {
        return new Scenario(
                s.name(),
                s.baseUrl(),
                s.headers(),
                s.requests(),
                s.feeders(),
                s.executor(),
                s.thresholds(),
                s.thinkTime(),
                s.requestTimeout(),
                s.jdbcUrl(),
                s.warmup(),
                monitor);
    }

    /** The scenario driven by {@code executor}, with {@code thresholds} and no warm-up (a capacity search's step). */
    public static Scenario withExecutor(Scenario s, ExecutorSpec executor, List<ThresholdSpec> thresholds) {
        return new Scenario(
                s.name(),
                s.baseUrl(),
                s.headers(),
                s.requests(),
                s.feeders(),
                executor,
                thresholds,
                s.thinkTime(),
                s.requestTimeout(),
                s.jdbcUrl(),
                Duration.ZERO,
                s.monitor());
    }

    /** The scenario with a warm-up phase of {@code length} before the measured run ({@code --warmup}). */
    public static Scenario withWarmup(Scenario s, String length) {
        Duration warmup = Durations.parse(length, "--warmup");
        return new Scenario(
                s.name(),
                s.baseUrl(),
                s.headers(),
                s.requests(),
                s.feeders(),
                s.executor(),
                s.thresholds(),
                s.thinkTime(),
                s.requestTimeout(),
                s.jdbcUrl(),
                warmup,
                s.monitor());
    }

    /**
     * The scenario with {@code n} connections opened before the schedule starts ({@code --pre-allocated-vus});
     * open model only, as in k6 (a closed-model run opens one per VU anyway).
     */
    public static Scenario withPreAllocatedVus(Scenario s, int n) {
        if (n < 0) {
            throw new ScenarioException("--pre-allocated-vus must be 0 or more, got " + n);
        }
        ExecutorSpec executor = switch (s.executor()) {
            case ExecutorSpec.ConstantArrivalRate e ->
                new ExecutorSpec.ConstantArrivalRate(
                        e.rate(), e.timeUnit(), e.duration(), Math.min(n, e.maxVus()), Math.max(n, e.maxVus()));
            case ExecutorSpec.RampingArrivalRate e ->
                new ExecutorSpec.RampingArrivalRate(
                        e.startRate(), e.timeUnit(), e.stages(), Math.min(n, e.maxVus()), Math.max(n, e.maxVus()));
            default ->
                throw new ScenarioException("--pre-allocated-vus goes with an arrival-rate executor "
                        + "(--rate, or constant/ramping-arrival-rate): a VU executor opens one connection per VU");
        };
        return new Scenario(
                s.name(),
                s.baseUrl(),
                s.headers(),
                s.requests(),
                s.feeders(),
                executor,
                s.thresholds(),
                s.thinkTime(),
                s.requestTimeout(),
                s.jdbcUrl(),
                s.warmup(),
                s.monitor());
    }

    /**
     * The scenario with its executor lasting {@code length}: constant executors simply run that long;
     * ramping executors keep the shape of their stages, each scaled by length / planned duration.
     */
    public static Scenario withDuration(Scenario s, String length) {
        Duration target = Durations.parse(length, "--duration");
        if (target.isZero() || target.isNegative()) {
            throw new ScenarioException("--duration '" + length + "': must be longer than zero");
        }
        return new Scenario(
                s.name(),
                s.baseUrl(),
                s.headers(),
                s.requests(),
                s.feeders(),
                scaled(s.executor(), target),
                s.thresholds(),
                s.thinkTime(),
                s.requestTimeout(),
                s.jdbcUrl(),
                s.warmup(),
                s.monitor());
    }

    private static ExecutorSpec scaled(ExecutorSpec executor, Duration target) {
        return switch (executor) {
            case ExecutorSpec.ConstantVus e -> new ExecutorSpec.ConstantVus(e.vus(), target);
            case ExecutorSpec.ConstantArrivalRate e ->
                new ExecutorSpec.ConstantArrivalRate(e.rate(), e.timeUnit(), target, e.preAllocatedVus(), e.maxVus());
            case ExecutorSpec.RampingVus e ->
                new ExecutorSpec.RampingVus(e.startVus(), scaled(e.stages(), e.duration(), target));
            case ExecutorSpec.RampingArrivalRate e ->
                new ExecutorSpec.RampingArrivalRate(
                        e.startRate(),
                        e.timeUnit(),
                        scaled(e.stages(), e.duration(), target),
                        e.preAllocatedVus(),
                        e.maxVus());
        };
    }

    private static List<ExecutorSpec.Stage> scaled(List<ExecutorSpec.Stage> stages, Duration planned, Duration target) {
        double factor = (double) target.toNanos() / Math.max(1, planned.toNanos());
        return stages.stream()
                .map(stage -> new ExecutorSpec.Stage(
                        Duration.ofNanos(
                                Math.max(1_000_000L, Math.round(stage.duration().toNanos() * factor))),
                        stage.target()))
                .toList();
    }
}
