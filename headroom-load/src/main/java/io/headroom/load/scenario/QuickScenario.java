package io.headroom.load.scenario;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Quick mode: one GET of {@code --url} at {@code --rate N/s} (open model) or with {@code --vus N} (closed). */
public final class QuickScenario {

    private static final Pattern RATE = Pattern.compile("\\s*([0-9]+)\\s*(?:/\\s*(s|m|h|[0-9]+(?:ms|s|m|h)))?\\s*");

    private QuickScenario() {}

    /**
     * @param rate e.g. {@code 200/s}, {@code 600/m}, {@code 200}; null when {@code vus} is given
     * @param vus VU count; null when {@code rate} is given
     */
    public static Scenario of(String url, String rate, Integer vus, String duration, List<String> thresholds) {
        URI uri = url(url);
        Duration length = Durations.parse(duration, "--duration");
        if ((rate == null) == (vus == null)) {
            throw new ScenarioException("give exactly one of --rate (open model, e.g. 200/s) and --vus (closed model)");
        }
        ExecutorSpec executor;
        if (rate != null) {
            Matcher m = RATE.matcher(rate);
            if (!m.matches() || Integer.parseInt(m.group(1)) <= 0) {
                throw new ScenarioException(
                        "--rate '" + rate + "': expected iterations per time unit, e.g. 200/s or 600/m");
            }
            int perUnit = Integer.parseInt(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration timeUnit = Durations.parse(unit.matches("[smh]") ? "1" + unit : unit, "--rate");
            double perSecond = perUnit * 1e9 / timeUnit.toNanos();
            // Enough VUs for 1 s of requests in flight at once; more are a sign the target is overloaded.
            int maxVus = (int) Math.max(10, Math.min(10_000, Math.ceil(perSecond)));
            executor = new ExecutorSpec.ConstantArrivalRate(
                    perUnit,
                    timeUnit,
                    length,
                    Math.min(maxVus, ExecutorSpec.expectedInFlight(perUnit, timeUnit)),
                    maxVus);
        } else {
            if (vus <= 0) {
                throw new ScenarioException("--vus must be at least 1, got " + vus);
            }
            executor = new ExecutorSpec.ConstantVus(vus, length);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        URI base = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
        RequestSpec request = new RequestSpec(
                path,
                RequestSpec.Type.HTTP,
                1,
                "GET",
                Template.of(path),
                Map.of(),
                null,
                List.of(),
                null,
                List.of(),
                null);
        List<ThresholdSpec> specs = thresholds.stream()
                .map(t -> new ThresholdSpec(null, Threshold.parse(t), false))
                .toList();
        return new Scenario(
                "quick " + url,
                base,
                Map.of(),
                List.of(request),
                Map.of(),
                executor,
                specs,
                Duration.ZERO,
                Duration.ofSeconds(60),
                null,
                Duration.ZERO,
                MonitorSpec.NONE);
    }

    static URI url(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new ScenarioException("--url '" + url + "': expected an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ScenarioException("--url '" + url + "': " + e.getMessage());
        }
    }
}
