package io.headroom.load.capacity;

import io.headroom.load.LoadRun;
import io.headroom.load.RunOptions;
import io.headroom.load.diagnose.Finding;
import io.headroom.load.output.RunReport;
import io.headroom.load.scenario.ExecutorSpec;
import io.headroom.load.scenario.Scenario;
import io.headroom.load.scenario.ScenarioOverrides;
import io.headroom.load.scenario.Threshold;
import io.headroom.load.scenario.ThresholdSpec;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ANA-5's capacity search, {@code headroom load --find-capacity}: holds an arrival rate for a step, doubles it while
 * every goal holds, then bisects between the last rate that met the goals and the first that did not, within the
 * time limit, to the highest rate that meets them: the knee. Each step is a full open-model run (latency from the
 * intended start, so a saturated target cannot hide its queue) whose first second is a warm-up judged apart, with
 * the scenario's monitoring, so the step above the knee comes with a diagnosis: the limiting resource.
 */
public final class CapacitySearch {

    private static final Duration STEP_WARMUP = Duration.ofSeconds(1);

    private CapacitySearch() {}

    public static CapacityResult run(Scenario base, CapacitySettings cs, boolean warmupBurst, PrintStream progress)
            throws InterruptedException {
        long start = System.nanoTime();
        List<CapacityResult.Step> steps = new ArrayList<>();
        CapacityResult.Step pass = null;
        CapacityResult.Step fail = null;
        String stoppedBy = null;
        int rate = cs.startRate();
        while (stoppedBy == null) {
            if (!fits(start, cs)) {
                stoppedBy = "time limit, while stepping up";
                break;
            }
            CapacityResult.Step s = confirmed(base, cs, rate, warmupBurst && steps.isEmpty(), progress, steps, start);
            if (!s.passed()) {
                fail = s;
                break;
            }
            pass = s;
            if (rate >= cs.maxRate()) {
                stoppedBy = "reached --max-rate " + cs.maxRate() + "/s with every goal met";
            }
            rate = (int) Math.min(cs.maxRate(), rate * 2L);
        }
        while (stoppedBy == null && pass != null) {
            int lo = pass.offered();
            int hi = fail.offered();
            if (hi - lo <= Math.max(1, cs.precision() * lo)) {
                stoppedBy = String.format(Locale.ROOT, "bracket %d-%d/s within %.0f%%", lo, hi, cs.precision() * 100);
            } else if (!fits(start, cs)) {
                stoppedBy = String.format(Locale.ROOT, "time limit, bracket %d-%d/s", lo, hi);
            } else {
                CapacityResult.Step s = confirmed(base, cs, (lo + hi) / 2, false, progress, steps, start);
                if (s.passed()) {
                    pass = s;
                } else {
                    fail = s;
                }
            }
        }
        if (stoppedBy == null) {
            stoppedBy = "the goals failed at the first rate, " + cs.startRate() + "/s (lower --start-rate)";
        }
        String limiting = fail == null
                ? "none: no rate tried failed the goals"
                : fail.firstFinding() != null ? fail.firstFinding() : clientSide(fail);
        int instances = pass != null && cs.targetRate() > 0 ? (int) Math.ceil(cs.targetRate() / pass.offered()) : 0;
        return new CapacityResult(
                cs,
                List.copyOf(steps),
                pass,
                fail,
                limiting,
                fail == null ? null : category(fail),
                instances,
                stoppedBy,
                (System.nanoTime() - start) / 1e9);
    }

    /** Without a finding (no server figures, usually): what the client saw at the first failing rate. */
    private static String clientSide(CapacityResult.Step fail) {
        return fail.achieved() < 0.95 * fail.offered()
                ? String.format(
                        Locale.ROOT,
                        "the target's throughput saturates: %.1f/s achieved of %d/s offered "
                                + "(client-side only: --monitor a Headroom service to name the resource)",
                        fail.achieved(),
                        fail.offered())
                : "latency rose above the goal before throughput saturated (client-side only: --monitor a Headroom "
                        + "service to name the resource)";
    }

    private static String category(CapacityResult.Step fail) {
        String f = fail.firstFinding();
        return f == null ? null : f.substring(1, f.indexOf(']'));
    }

    /**
     * A step, and when it missed the goals while the generator itself fell behind its schedule, the same rate once
     * more: on a shared machine one stall of the generator would otherwise set the knee. The second try decides.
     */
    private static CapacityResult.Step confirmed(
            Scenario base,
            CapacitySettings cs,
            int rate,
            boolean burst,
            PrintStream progress,
            List<CapacityResult.Step> steps,
            long start)
            throws InterruptedException {
        CapacityResult.Step s = step(base, cs, rate, burst, progress);
        steps.add(s);
        if (!s.passed() && s.behindSeconds() > 0 && fits(start, cs)) {
            progress.println("         (the generator fell behind during that step: trying the rate again)");
            s = step(base, cs, rate, false, progress);
            steps.add(s);
        }
        return s;
    }

    /** Another step (plus its warm-up second and a few seconds of preparation and drain) fits in the time limit. */
    private static boolean fits(long start, CapacitySettings cs) {
        long needed = cs.step().plus(STEP_WARMUP).plusSeconds(3).toNanos();
        return System.nanoTime() - start + needed <= cs.timeLimit().toNanos();
    }

    private static CapacityResult.Step step(
            Scenario base, CapacitySettings cs, int rate, boolean burst, PrintStream progress)
            throws InterruptedException {
        int maxVus = Math.max(10, Math.min(10_000, rate));
        ExecutorSpec executor = new ExecutorSpec.ConstantArrivalRate(
                rate, Duration.ofSeconds(1), cs.step(), Math.min(maxVus, Math.max(1, rate / 10)), maxVus);
        List<ThresholdSpec> goals =
                cs.goals().stream().map(g -> new ThresholdSpec(null, g, false)).toList();
        Scenario s = ScenarioOverrides.withExecutor(base, executor, goals, STEP_WARMUP);
        RunOptions options = new RunOptions(null, null, 0.1, false, burst);
        RunReport r = LoadRun.execute(s, options, new PrintStream(OutputStream.nullOutputStream()));
        List<String> failed = r.thresholds().stream()
                .filter(t -> !t.passed())
                .map(t -> String.format(
                        Locale.ROOT, "%s: %.3f", t.spec().threshold().expression(), t.actual()))
                .toList();
        Finding first = r.diagnosis() == null || r.diagnosis().findings().isEmpty()
                ? null
                : r.diagnosis().findings().getFirst();
        CapacityResult.Step step = new CapacityResult.Step(
                rate,
                r.summary().total().rps(),
                r.summary().total().med(),
                r.summary().total().p99(),
                r.summary().total().errorRate(),
                r.passed(),
                failed,
                r.behindSchedule() == null ? 0 : r.behindSchedule().seconds().size(),
                first == null
                        ? null
                        : "[" + first.category().text() + "] " + first.title()
                                + (r.diagnosis().serverSide() ? "" : " (client-side only: no server figures)"));
        progress.printf(
                Locale.ROOT,
                "  %6d/s offered  %8.1f/s achieved  p99 %8.1f ms  errors %5.2f%%  %s%s%n",
                rate,
                step.achieved(),
                step.p99(),
                step.errorRate() * 100,
                step.passed() ? "meets the goals" : "misses " + String.join(", ", failed),
                step.behindSeconds() > 0 ? "  (generator behind in " + step.behindSeconds() + " s)" : "");
        return step;
    }

    /** The goals as given, for the report. */
    static String goals(CapacitySettings cs) {
        return String.join(", ", cs.goals().stream().map(Threshold::expression).toList());
    }
}
