package io.headroom.load.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.load.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The knee of a ramp test ({@code headroom load --out DIR} with a ramping arrival rate, ideally with
 * {@code --monitor}): the highest throughput the service carried while the p95 and the error rate met their
 * goals, over a window of {@value #WINDOW} seconds so one lucky second is not taken for capacity. The
 * server timeline (with --monitor) gives the CPU, pool and database time per instance at that moment.
 */
public final class RampEvidence {

    static final int WINDOW = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RampEvidence() {}

    public static Evidence read(Path summaryJson, AdviseOptions options, Integer instancesGiven) {
        JsonNode root;
        try {
            root = JSON.readTree(summaryJson.toFile());
        } catch (IOException e) {
            throw new ScenarioException(summaryJson + ": cannot read it as JSON (" + e.getMessage() + ")");
        }
        JsonNode series = root.path("series");
        if (!series.isArray() || series.size() < WINDOW) {
            throw new ScenarioException(summaryJson + ": not a headroom load summary with a time series of at least "
                    + WINDOW + " seconds");
        }
        List<String> notes = new ArrayList<>();
        int monitored = root.path("server").path("instances").size();
        int instances = instancesGiven != null ? instancesGiven : Math.max(1, monitored);
        notes.add(String.format(
                Locale.ROOT,
                "ramp %s: %s, %d s, %d instance(s)%s",
                summaryJson,
                root.path("executor").asText("?"),
                series.size(),
                instances,
                instancesGiven != null
                        ? " (--instances)"
                        : monitored > 0 ? " (monitored)" : " (assumed; pass --instances)"));

        int best = -1;
        double bestRps = 0;
        double bestP95 = Double.NaN;
        double maxRps = 0;
        for (int i = 0; i + WINDOW <= series.size(); i++) {
            double rps = 0;
            double p95 = 0;
            double errors = 0;
            for (int j = i; j < i + WINDOW; j++) {
                JsonNode p = series.get(j);
                rps += p.path("rps").asDouble() / WINDOW;
                errors += p.path("errorsPerSecond").asDouble() / WINDOW;
                p95 = Math.max(p95, p.path("p95").asDouble());
            }
            maxRps = Math.max(maxRps, rps);
            boolean meets = p95 <= options.p95GoalMs() && (rps == 0 || errors / rps <= options.errorGoal());
            if (meets && rps > bestRps) {
                best = i;
                bestRps = rps;
                bestP95 = p95;
            }
        }
        if (best < 0) {
            throw new ScenarioException(summaryJson + ": no " + WINDOW + "-second window met p95 <= "
                    + options.p95GoalMs() + " ms and errors <= " + options.errorGoal() * 100
                    + " %: the ramp started above capacity; ramp from a lower rate");
        }
        double kneeEnd = series.get(best + WINDOW - 1).path("elapsedSeconds").asDouble();
        double kneeStart = kneeEnd - WINDOW;
        // After the best window, does the run go past the goals? If not, the ramp never found the knee.
        boolean lowerBound = true;
        for (int i = best + 1; i + WINDOW <= series.size(); i++) {
            double p95 = 0;
            for (int j = i; j < i + WINDOW; j++) {
                p95 = Math.max(p95, series.get(j).path("p95").asDouble());
            }
            if (p95 > options.p95GoalMs()) {
                lowerBound = false;
                break;
            }
        }
        notes.add(String.format(
                Locale.ROOT,
                "knee: %.0f req/s over seconds %.0f-%.0f with p95 <= %.1f ms (goal %.0f ms)%s",
                bestRps,
                kneeStart,
                kneeEnd,
                bestP95,
                options.p95GoalMs(),
                lowerBound
                        ? "; the goals held to the end of the ramp (max " + Math.round(maxRps)
                                + " req/s), so capacity is at least this: ramp higher to find the knee"
                        : ""));

        // A generator behind its schedule measures itself: say so where the knee was found.
        double lag = 0;
        for (int j = best; j < series.size(); j++) {
            lag = Math.max(lag, series.get(j).path("maxSendLagMs").asDouble());
        }
        if (lag > 10) {
            notes.add(String.format(
                    Locale.ROOT,
                    "caution: the load generator was up to %.0f ms behind its schedule "
                            + "from the knee on: the bend may be the generator's (or its machine's), not the service's; "
                            + "run the load from another machine or in segments (--segment)",
                    lag));
        }
        double cpu = Double.NaN;
        double pool = Double.NaN;
        double db = Double.NaN;
        JsonNode timeline = root.path("server").path("timeline");
        if (timeline.isArray() && !timeline.isEmpty()) {
            double[] sums = new double[3];
            int[] counts = new int[3];
            String[] fields = {"/cpu", "/pool/active", "/db/timeMsPerRequest"};
            for (JsonNode p : timeline) {
                double t = p.path("elapsedSeconds").asDouble(Double.NaN);
                if (t > kneeStart && t <= kneeEnd) { // the window's own seconds
                    for (int f = 0; f < 3; f++) {
                        JsonNode v = p.at(fields[f]);
                        if (v.isNumber()) {
                            sums[f] += v.asDouble();
                            counts[f]++;
                        }
                    }
                }
            }
            cpu = counts[0] == 0 ? Double.NaN : sums[0] / counts[0];
            pool = counts[1] == 0 ? Double.NaN : sums[1] / counts[1];
            db = counts[2] == 0 ? Double.NaN : sums[2] / counts[2];
            notes.add(String.format(
                    Locale.ROOT,
                    "server at the knee (mean of %d readings): CPU %s of %d cores, "
                            + "%s busy connections, %s ms of database time per request",
                    counts[0],
                    pct(cpu),
                    options.instanceCores(),
                    num(pool),
                    num(db)));
        } else {
            notes.add("no server timeline (run the ramp with --monitor): CPU, pool and database time unknown");
        }
        return new Evidence(
                summaryJson.toString(),
                instances,
                bestRps,
                lowerBound,
                bestP95,
                kneeEnd,
                cpu,
                pool,
                db,
                Double.NaN,
                Double.NaN,
                List.copyOf(notes));
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    static String num(double v) {
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%.2f", v);
    }
}
