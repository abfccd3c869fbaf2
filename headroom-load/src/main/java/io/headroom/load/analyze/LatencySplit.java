package io.headroom.load.analyze;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a label's latency went, from the service's own {@code Server-Timing} figures per sample (the JTL's
 * {@code serverAppMs} and {@code serverDbMs} columns): the DB time and the app time the service reported, and
 * outside the server, the rest of the client's response time (queueing in the generator or in front of the
 * handler, the network, the client). Given for the median request and for the slowest 1 %: the samples at or
 * above the label's p99, whose split says what a p99 is made of.
 *
 * @param timed samples with both figures; {@code count} all samples of the label
 */
public record LatencySplit(String label, long count, long timed, Part median, Part p99) {

    /**
     * Mean milliseconds of a group of samples: response time as the client saw it, and its three parts
     * ({@code outside + app + db = response}; outside is negative only if clocks disagree, so it is kept as is).
     */
    public record Part(long samples, double responseMs, double outsideMs, double appMs, double dbMs) {}

    /** Per label, then Total (controllers excluded from Total, as in the statistics); empty when no sample was timed. */
    public static Map<String, LatencySplit> of(Path jtl) {
        Map<String, Samples> byLabel = new LinkedHashMap<>();
        Samples total = new Samples();
        JtlReader.read(jtl, s -> {
            if (s.isEmptyController()) {
                return;
            }
            byLabel.computeIfAbsent(s.label(), l -> new Samples()).add(s);
            if (!s.isController()) {
                total.add(s);
            }
        });
        Map<String, LatencySplit> out = new LinkedHashMap<>();
        if (total.timed == 0) {
            return out;
        }
        byLabel.forEach((label, samples) -> {
            if (samples.timed > 0) {
                out.put(label, samples.split(label));
            }
        });
        out.put(JtlStatistics.TOTAL, total.split(JtlStatistics.TOTAL));
        return out;
    }

    public static void print(Map<String, LatencySplit> splits, PrintStream out) {
        if (splits.isEmpty()) {
            return;
        }
        out.println();
        out.println("Latency split (the service's Server-Timing: db and app as it reported them; outside = the rest:"
                + " queueing, network, client)");
        out.printf(
                Locale.ROOT,
                "%-40s %8s %-8s %10s %18s %18s %18s%n",
                "Label",
                "timed",
                "requests",
                "resp ms",
                "outside ms",
                "app ms",
                "db ms");
        splits.values().forEach(s -> {
            row(out, s.label(), s.timed() + "/" + s.count(), "median", s.median());
            row(out, "", "", ">= p99", s.p99());
        });
    }

    private static void row(PrintStream out, String label, String timed, String which, Part p) {
        out.printf(
                Locale.ROOT,
                "%-40s %8s %-8s %10.2f %18s %18s %18s%n",
                label.length() > 40 ? label.substring(0, 37) + "..." : label,
                timed,
                which,
                p.responseMs(),
                share(p.outsideMs(), p.responseMs()),
                share(p.appMs(), p.responseMs()),
                share(p.dbMs(), p.responseMs()));
    }

    private static String share(double ms, double of) {
        return String.format(Locale.ROOT, "%.2f (%3.0f%%)", ms, of > 0 ? 100 * ms / of : 0);
    }

    /** A label's timed samples: response, app and DB milliseconds, in arrival order. */
    private static final class Samples {
        private double[] response = new double[256];
        private double[] app = new double[256];
        private double[] db = new double[256];
        private long count;
        private int timed;

        void add(JtlSample s) {
            count++;
            if (!s.serverTimed()) {
                return;
            }
            if (timed == response.length) {
                response = Arrays.copyOf(response, timed * 2);
                app = Arrays.copyOf(app, timed * 2);
                db = Arrays.copyOf(db, timed * 2);
            }
            response[timed] = s.elapsed();
            app[timed] = s.serverAppMs();
            db[timed] = s.serverDbMs();
            timed++;
        }

        LatencySplit split(String label) {
            Integer[] order = new Integer[timed];
            for (int i = 0; i < timed; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(response[a], response[b]));
            // the median request: the middle sample (the lower of the two middle ones)
            int median = order[(timed - 1) / 2];
            Part middle =
                    new Part(1, response[median], response[median] - app[median] - db[median], app[median], db[median]);
            // the slowest 1 %: from the nearest-rank p99 up, at least one sample
            int from = Math.min(timed - 1, (int) Math.ceil(0.99 * timed) - 1);
            double r = 0;
            double a = 0;
            double d = 0;
            for (int i = from; i < timed; i++) {
                r += response[order[i]];
                a += app[order[i]];
                d += db[order[i]];
            }
            int n = timed - from;
            return new LatencySplit(label, count, timed, middle, new Part(n, r / n, (r - a - d) / n, a / n, d / n));
        }
    }
}
