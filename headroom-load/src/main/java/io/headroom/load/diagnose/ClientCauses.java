package io.headroom.load.diagnose;

import io.headroom.load.diagnose.Finding.Category;
import io.headroom.load.diagnose.Finding.Evidence;
import io.headroom.load.diagnose.Finding.Horizon;
import io.headroom.load.diagnose.Finding.Recommendation;
import io.headroom.load.server.Correlation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Causes visible from the client alone: the load generator's own limits, errors, latency that grows with load. */
final class ClientCauses {

    /** Send lag above this is the generator behind its schedule (as in the summary's behind-schedule list). */
    static final double LAG_BOUND_MS = 10;

    static final double GENERATOR_CPU_BOUND = 0.9;

    private ClientCauses() {}

    static List<Finding> find(RunEvidence ev) {
        List<Finding> out = new ArrayList<>();
        Finding generator = generator(ev);
        if (generator != null) {
            out.add(generator);
        }
        if (!ev.hasServer()) {
            Finding errors = errors(ev);
            if (errors != null) {
                out.add(errors);
            }
            Finding rising = latencyRisingWithLoad(ev);
            if (rising != null) {
                out.add(rising);
            }
            Finding held = vusHeld(ev);
            if (held != null) {
                out.add(held);
            }
        }
        return out;
    }

    /**
     * The generator is the limit when it sent late (its response time then includes its own lateness: response
     * p99 well above service p99), dropped iterations, or used nearly the whole machine itself.
     */
    private static Finding generator(RunEvidence ev) {
        // Seconds in which every VU was busy are left out: their sends waited for the target to free a VU (the
        // latency still counts from the intended time, and is the target's), not for the generator.
        List<RunEvidence.Second> s =
                ev.seconds().stream().filter(x -> !x.vusExhausted(ev.maxVus())).toList();
        long exhausted = (long) ev.seconds().size() - s.size();
        RunEvidence.Label total = ev.total();
        List<Evidence> evidence = new ArrayList<>();
        double share = 0;
        long dropped = s.stream().mapToLong(RunEvidence.Second::dropped).sum();
        // When the target held every VU for half the run or more, the queue it built carries its lateness into
        // the seconds around (the drain after the schedule, a second with a VU just freed): the target's, not ours.
        boolean targetHeldVus = exhausted >= 0.5 * ev.seconds().size() && exhausted > 0;
        if (ev.openModel() && !targetHeldVus) {
            Evidence lag = SeriesCheck.of(
                    s,
                    "client.sendLagMs",
                    "> " + (int) LAG_BOUND_MS,
                    RunEvidence.Second::sendLagMs,
                    v -> v > LAG_BOUND_MS,
                    String.format(
                            Locale.ROOT,
                            "response p99 %.1f ms against service p99 %.1f ms: %.1f ms of the p99 is the generator "
                                    + "sending late, not the service%s",
                            total.p99(),
                            total.serviceP99(),
                            Math.max(0, total.p99() - total.serviceP99()),
                            exhausted == 0 ? "" : "; " + exhausted + " s with every VU busy left out"));
            double lateShare = total.p99() > 0 ? Math.max(0, total.p99() - total.serviceP99()) / total.p99() : 0;
            double lateSeconds = ev.seconds().isEmpty()
                    ? 0
                    : (double) lag.secondsCrossed() / ev.seconds().size();
            if (lateSeconds >= 0.2 && lateShare >= 0.1) {
                evidence.add(lag);
                share = lateShare * Math.min(1, lateSeconds / 0.5);
            }
            if (dropped > 0) {
                evidence.add(SeriesCheck.of(
                        s,
                        "client.droppedIterations",
                        "> 0",
                        x -> x.dropped(),
                        v -> v > 0,
                        dropped + " scheduled iterations never ran"));
                share = Math.max(share, (double) dropped / Math.max(1, total.count() + dropped));
            }
        }
        Evidence cpu = SeriesCheck.of(
                s,
                "generator.cpu",
                "> " + GENERATOR_CPU_BOUND,
                RunEvidence.Second::generatorCpu,
                v -> v > GENERATOR_CPU_BOUND,
                "the load generator's own process CPU, as a share of the machine");
        if (SeriesCheck.fraction(cpu) >= 0.2) {
            evidence.add(cpu);
            share = Math.max(share, 0.5 * SeriesCheck.fraction(cpu));
        }
        if (evidence.isEmpty()) {
            return null;
        }
        int impact = Finding.impact(share);
        return new Finding(
                Category.LOAD_GENERATOR,
                String.format(
                        Locale.ROOT,
                        "The load generator is the limit: it fell behind its schedule (%.0f%% of the p99 is its own lateness)",
                        share * 100),
                Finding.severity(impact),
                impact,
                share,
                ev.labels().stream().map(RunEvidence.Label::name).toList(),
                List.of(),
                evidence,
                List.of(
                        new Recommendation(
                                Horizon.IMMEDIATE,
                                "Do not read this run's latency as the service's: the seconds "
                                        + "listed as behind schedule partly measure the generator."),
                        new Recommendation(
                                Horizon.SHORT_TERM,
                                "Give the generator CPU of its own (another machine, or cores "
                                        + "the service does not use), raise preAllocatedVUs/maxVUs, or lower the rate."),
                        new Recommendation(Horizon.LONG_TERM, "Spread higher rates over several generator machines.")));
    }

    private static Finding errors(RunEvidence ev) {
        List<String> labels = ev.labels().stream()
                .filter(l -> l.errorRate() >= 0.01)
                .map(RunEvidence.Label::name)
                .toList();
        if (ev.total().errorRate() < 0.01) {
            return null;
        }
        double share = Math.min(1, ev.total().errorRate() * 5);
        int impact = Finding.impact(share);
        return new Finding(
                Category.APPLICATION,
                String.format(
                        Locale.ROOT, "%.1f%% of requests failed", ev.total().errorRate() * 100),
                Finding.severity(impact),
                impact,
                share,
                labels,
                List.of(),
                List.of(SeriesCheck.of(
                        ev.seconds(),
                        "client.errorsPerSecond",
                        "> 0",
                        RunEvidence.Second::errorsPerSecond,
                        v -> v > 0,
                        "failed requests per second (status, check or connection)")),
                List.of(new Recommendation(
                        Horizon.IMMEDIATE,
                        "Read the failures in results.jtl (responseCode, failureMessage) " + "for "
                                + String.join(", ", labels) + ".")));
    }

    /**
     * Without server figures: seconds in which every VU was busy say the target did not keep up with the offered
     * rate (requests queued in the generator, their wait counted from the intended time), but not why.
     */
    private static Finding vusHeld(RunEvidence ev) {
        Evidence busy = SeriesCheck.of(
                ev.seconds(),
                "client.busyVus",
                ">= 90% of " + ev.maxVus(),
                x -> x.busyVus(),
                v -> ev.maxVus() > 0 && v >= 0.9 * ev.maxVus(),
                "VUs waiting for a response; at the cap, new iterations wait for a VU");
        double fraction = SeriesCheck.fraction(busy);
        if (!ev.openModel() || fraction < 0.2) {
            return null;
        }
        double share = Math.min(1, fraction);
        int impact = Finding.impact(share);
        return new Finding(
                Category.UNCLASSIFIED,
                String.format(
                        Locale.ROOT,
                        "The target did not keep up: every "
                                + "VU was waiting for a response in %.0f%% of the seconds (p99 %.1f ms); the cause is on the server "
                                + "side and not visible without its figures",
                        fraction * 100,
                        ev.total().p99()),
                Finding.severity(impact),
                impact,
                share,
                ev.labels().stream().map(RunEvidence.Label::name).toList(),
                List.of(),
                List.of(busy),
                List.of(
                        new Recommendation(
                                Horizon.IMMEDIATE,
                                "Lower the rate, or run with --monitor URL on a Headroom service "
                                        + "to see which server resource saturates."),
                        new Recommendation(Horizon.SHORT_TERM, "Find the sustainable rate with --find-capacity.")));
    }

    /** Without server figures: p99 that follows the request rate says "saturation somewhere", not where. */
    private static Finding latencyRisingWithLoad(RunEvidence ev) {
        List<Double> rps = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        ev.seconds().stream().filter(x -> x.rps() > 0).forEach(x -> {
            rps.add(x.rps());
            p99.add(x.clientP99());
        });
        double r = Correlation.pearson(rps, p99);
        double median = SeriesCheck.median(p99);
        double peak = p99.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (!(r >= 0.5) || peak < 3 * median) {
            return null;
        }
        double share = Math.min(1, 1 - median / peak);
        int impact = Finding.impact(share);
        return new Finding(
                Category.UNCLASSIFIED,
                String.format(
                        Locale.ROOT,
                        "Latency rose with the request rate "
                                + "(p99 up to %.1f ms against a median second's %.1f ms); the cause is on the server side and not "
                                + "visible without its figures",
                        peak,
                        median),
                Finding.severity(impact),
                impact,
                share,
                ev.labels().stream().map(RunEvidence.Label::name).toList(),
                List.of(),
                List.of(new Evidence(
                        "client.rps",
                        "correlated with p99",
                        -1,
                        0,
                        rps.size(),
                        rps.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                        SeriesCheck.median(rps),
                        r,
                        "throughput against latency per second")),
                List.of(new Recommendation(
                        Horizon.IMMEDIATE,
                        "Run again with --monitor URL on a Headroom service to see "
                                + "which server resource saturates.")));
    }
}
