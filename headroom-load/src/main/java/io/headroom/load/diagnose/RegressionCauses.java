package io.headroom.load.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * ANA-6's "names the cause of a regression": two runs' summaries compared label by label, and for each label whose
 * p95 grew beyond what is allowed, the server-side changes between the runs that explain it: statements that got
 * slower or ran more often per request, cache hit rates that fell, GC, CPU and pool waits that grew, and the
 * generator falling behind its schedule more. Without server timelines in both runs it says the cause is unknown.
 */
public final class RegressionCauses {

    /** How much a server figure must change to be named: 1.5x for times and counts, 10 points for hit rates. */
    static final double FACTOR = 1.5;

    private RegressionCauses() {}

    /** One label's comparison; {@code causes} is empty when it did not regress. */
    public record LabelChange(String label, double p95Before, double p95After, boolean regressed, List<String> causes) {
        public double change() {
            return p95Before > 0 ? p95After / p95Before - 1 : 0;
        }

        public String describe() {
            return String.format(
                            Locale.ROOT,
                            "%s: p95 %+.0f %% (%.1f -> %.1f ms)",
                            label,
                            change() * 100,
                            p95Before,
                            p95After)
                    + (causes.isEmpty() ? "" : ": " + String.join("; ", causes));
        }
    }

    public static List<LabelChange> compare(JsonNode before, JsonNode after, double allowed) {
        RunEvidence b = EvidenceReader.of(before);
        RunEvidence a = EvidenceReader.of(after);
        Map<String, RunEvidence.Label> old = new HashMap<>();
        b.labels().forEach(l -> old.put(l.name(), l));
        List<LabelChange> out = new ArrayList<>();
        List<RunEvidence.Label> labels = new ArrayList<>(a.labels());
        labels.add(a.total());
        old.put(b.total().name(), b.total());
        for (RunEvidence.Label l : labels) {
            RunEvidence.Label was = old.get(l.name());
            if (was == null || was.count() == 0) {
                continue;
            }
            boolean regressed = l.p95() > was.p95() * (1 + allowed);
            out.add(new LabelChange(
                    l.name(),
                    was.p95(),
                    l.p95(),
                    regressed,
                    regressed ? causes(b, a, l.name(), labels.size() == 2) : List.of()));
        }
        return out;
    }

    private static List<String> causes(RunEvidence b, RunEvidence a, String label, boolean singleLabel) {
        List<String> causes = new ArrayList<>();
        if (!b.hasServer() || !a.hasServer()) {
            causes.add("cause unknown: " + (b.hasServer() ? "the later" : "the earlier")
                    + " run has no server timeline (client-side comparison only)");
        } else {
            statements(b, a, label, singleLabel, causes);
            caches(b, a, causes);
            grew(b, a, s -> s.gcTimeMsPerSecond(), "GC time", causes);
            grew(b, a, s -> s.gcPauseMs(), "GC pauses", causes);
            grew(b, a, s -> s.poolWaitMs(), "pool wait", causes);
            grew(b, a, s -> s.cpu(), "service CPU", causes);
            grew(b, a, s -> s.dbTimeMsPerRequest(), "DB time per request", causes);
        }
        long lateBefore = late(b);
        long lateAfter = late(a);
        if (lateAfter > Math.max(2, 2 * lateBefore)) {
            causes.add("the generator fell behind its schedule in " + lateAfter + " s (before: " + lateBefore + " s)");
        }
        if (causes.isEmpty()) {
            causes.add("no server figure changed by " + FACTOR + "x or more: look at the labels' own work");
        }
        return causes;
    }

    private static void statements(
            RunEvidence b, RunEvidence a, String label, boolean singleLabel, List<String> causes) {
        Map<String, RunEvidence.Statement> old = new HashMap<>();
        b.statements().forEach(s -> old.put(s.sql(), s));
        double requestsBefore = requests(b);
        double requestsAfter = requests(a);
        for (RunEvidence.Statement s : a.statements()) {
            RunEvidence.Statement was = old.get(s.sql());
            boolean ours = singleLabel
                    || s.routes().isEmpty()
                    || s.routes().stream().anyMatch(r -> RouteLabels.matches(r, label));
            if (was == null || !ours || was.count() == 0) {
                continue;
            }
            double slower = s.meanMs() / was.meanMs();
            if (slower >= FACTOR) {
                causes.add(String.format(
                        Locale.ROOT,
                        "statement %s %.1fx slower (%.2f -> %.2f ms)",
                        ServerCauses.abbreviate(s.sql()),
                        slower,
                        was.meanMs(),
                        s.meanMs()));
            }
            double oftener = (s.count() / requestsAfter) / (was.count() / requestsBefore);
            if (requestsBefore > 0 && requestsAfter > 0 && oftener >= FACTOR) {
                causes.add(String.format(
                        Locale.ROOT,
                        "statement %s runs %.1fx as often per request",
                        ServerCauses.abbreviate(s.sql()),
                        oftener));
            }
        }
    }

    private static void caches(RunEvidence b, RunEvidence a, List<String> causes) {
        Map<String, Double> before = hitRates(b);
        hitRates(a).forEach((k, now) -> {
            Double was = before.get(k);
            if (was != null && was - now >= 0.10) {
                causes.add(
                        String.format(Locale.ROOT, "cache `%s` hit rate %.0f %% -> %.0f %%", k, was * 100, now * 100));
            }
        });
    }

    private static Map<String, Double> hitRates(RunEvidence e) {
        Map<String, List<Double>> byKeyspace = new TreeMap<>();
        e.seconds().stream()
                .filter(s -> s.server() != null)
                .forEach(s -> s.server()
                        .keyspaceHitRates()
                        .forEach((k, v) -> byKeyspace
                                .computeIfAbsent(k, x -> new ArrayList<>())
                                .add(v)));
        Map<String, Double> out = new TreeMap<>();
        byKeyspace.forEach((k, v) -> out.put(k, SeriesCheck.median(v)));
        return out;
    }

    /** A server figure's run mean (over the seconds that have it), named when it grew by {@link #FACTOR} or more. */
    private static void grew(
            RunEvidence b, RunEvidence a, ToDoubleFunction<RunEvidence.Server> f, String what, List<String> causes) {
        double was = mean(b, f);
        double now = mean(a, f);
        if (was > 0 && now / was >= FACTOR) {
            causes.add(String.format(
                    Locale.ROOT,
                    "%s %.1fx (%s -> %s)",
                    what,
                    now / was,
                    DiagnosisText.num(was),
                    DiagnosisText.num(now)));
        } else if (was == 0 && now > 0 && what.startsWith("GC")) {
            causes.add(what + " appeared (none before, " + DiagnosisText.num(now) + " now)");
        }
    }

    private static double mean(RunEvidence e, ToDoubleFunction<RunEvidence.Server> f) {
        return e.seconds().stream()
                .filter(s -> s.server() != null)
                .mapToDouble(s -> f.applyAsDouble(s.server()))
                .filter(v -> !Double.isNaN(v))
                .average()
                .orElse(Double.NaN);
    }

    private static double requests(RunEvidence e) {
        return e.seconds().stream()
                .filter(s -> s.server() != null)
                .mapToLong(s -> s.server().requests())
                .sum();
    }

    private static long late(RunEvidence e) {
        return e.seconds().stream()
                .filter(s -> s.sendLagMs() > ClientCauses.LAG_BOUND_MS || s.dropped() > 0)
                .count();
    }
}
