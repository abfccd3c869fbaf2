package io.headroom.load.scenario;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line overrides of a scenario file: another base URL (the same template against any host or a
 * port chosen at run time), another length (a short run of a long template) and quick mode's headers.
 * Values are validated here and named by their option in errors.
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
        return copy(s, uri, s.headers(), s.executor(), s.thresholds(), s.warmup(), s.monitor());
    }

    /**
     * Quick mode's {@code --header 'Name: value'}s on every request, e.g. the metrics token a service wants before it
     * sends {@code Server-Timing} ({@code HEADROOM_SERVER_TIMING=token}).
     */
    public static Scenario withHeaders(Scenario s, List<String> headers) {
        if (headers.isEmpty()) {
            return s;
        }
        Map<String, String> all = new LinkedHashMap<>(s.headers());
        for (String header : headers) {
            int colon = header.indexOf(':');
            String name = colon < 0 ? "" : header.substring(0, colon).strip();
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new ScenarioException("--header '" + header + "': expected 'Name: value'");
            }
            all.put(name, header.substring(colon + 1).strip());
        }
        return copy(s, s.baseUrl(), Map.copyOf(all), s.executor(), s.thresholds(), s.warmup(), s.monitor());
    }

    public static Scenario withThresholds(Scenario s, List<ThresholdSpec> thresholds) {
        return copy(s, s.baseUrl(), s.headers(), s.executor(), thresholds, s.warmup(), s.monitor());
    }

    /** The scenario polling the servers of {@code monitor} ({@code --monitor}), with its server thresholds. */
    public static Scenario withMonitor(Scenario s, MonitorSpec monitor) {
        return copy(s, s.baseUrl(), s.headers(), s.executor(), s.thresholds(), s.warmup(), monitor);
    }

    /** The scenario driven by {@code executor}, with {@code thresholds} and {@code warmup} (a capacity search's step). */
    public static Scenario withExecutor(
            Scenario s, ExecutorSpec executor, List<ThresholdSpec> thresholds, Duration warmup) {
        return copy(s, s.baseUrl(), s.headers(), executor, thresholds, warmup, s.monitor());
    }

    /** The scenario with a warm-up phase of {@code length} before the measured run ({@code --warmup}). */
    public static Scenario withWarmup(Scenario s, String length) {
        Duration warmup = Durations.parse(length, "--warmup");
        return copy(s, s.baseUrl(), s.headers(), s.executor(), s.thresholds(), warmup, s.monitor());
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
        return copy(s, s.baseUrl(), s.headers(), executor, s.thresholds(), s.warmup(), s.monitor());
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
        return copy(s, s.baseUrl(), s.headers(), scaled(s.executor(), target), s.thresholds(), s.warmup(), s.monitor());
    }

    /**
     * {@code s} with the fields an override replaces, every other field as it was: the one place that lists all of
     * a Scenario's fields, so a new field is added here (and as a parameter if an override changes it).
     */
    private static Scenario copy(
            Scenario s,
            URI baseUrl,
            Map<String, String> headers,
            ExecutorSpec executor,
            List<ThresholdSpec> thresholds,
            Duration warmup,
            MonitorSpec monitor) {
        return new Scenario(
                s.name(),
                baseUrl,
                headers,
                s.requests(),
                s.feeders(),
                executor,
                thresholds,
                s.thinkTime(),
                s.requestTimeout(),
                s.jdbcUrl(),
                warmup,
                monitor);
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
