package io.headroom.load.merge;

import io.headroom.load.measure.IntervalLog;
import io.headroom.load.measure.TimeSeriesPoint;
import io.headroom.load.scenario.ScenarioException;
import java.io.FileNotFoundException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * Adds up the interval logs of several runs: per label, the response, service and failed-request
 * histograms of the whole run (exact up to HdrHistogram's 3 significant digits, the same as one process's
 * own totals), and the Total's time line in whole seconds from the earliest run's start.
 */
final class HistogramMerge {

    /** The same range and precision as a run's own histograms, so adding them is exact. */
    static final long HIGHEST_MICROS = 3_600_000_000L;

    static final int DIGITS = 3;

    /** One label's (or the Total's) merged histograms. */
    record Merged(Histogram response, Histogram service, Histogram failed) {
        static Merged empty() {
            return new Merged(histogram(), histogram(), histogram());
        }
    }

    private final Map<String, Merged> labels = new TreeMap<>();
    private final Merged total = Merged.empty();
    private final TreeMap<Long, Merged> seconds = new TreeMap<>();
    private final long originMillis;

    /** @param originMillis the earliest run's start: second 0 of the merged time line */
    HistogramMerge(long originMillis) {
        this.originMillis = originMillis;
    }

    static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, DIGITS);
    }

    void add(Path log) {
        HistogramLogReader reader;
        try {
            reader = new HistogramLogReader(log.toFile());
        } catch (FileNotFoundException e) {
            throw new ScenarioException(log + ": cannot read it (" + e.getMessage() + ")");
        }
        try (reader) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                add((Histogram) h);
            }
        } catch (RuntimeException e) {
            throw new ScenarioException(log + ": not an HdrHistogram interval log (" + e.getMessage() + ")");
        }
    }

    private void add(Histogram h) {
        String tag = h.getTag() == null ? "" : h.getTag();
        if (tag.length() < 2 || tag.charAt(1) != ':') {
            return; // not one of ours
        }
        String label = URLDecoder.decode(tag.substring(2), StandardCharsets.UTF_8);
        Merged m = labels.computeIfAbsent(label, l -> Merged.empty());
        // A second is given by the interval's end, as a run's own time line does (point at elapsedSeconds).
        long second = Math.max(0, (long) Math.ceil((h.getEndTimeStamp() - originMillis) / 1000.0) - 1);
        Merged bucket = seconds.computeIfAbsent(second, s -> Merged.empty());
        switch (tag.substring(0, 2)) {
            case IntervalLog.RESPONSE -> {
                m.response().add(h);
                total.response().add(h);
                bucket.response().add(h);
            }
            case IntervalLog.SERVICE -> {
                m.service().add(h);
                total.service().add(h);
            }
            case IntervalLog.FAILED -> {
                m.failed().add(h);
                total.failed().add(h);
                bucket.failed().add(h);
            }
            default -> {}
        }
    }

    Map<String, Merged> labels() {
        return labels;
    }

    Merged total() {
        return total;
    }

    /** One point per second of the merged run (no VU gauge or send lag: those belong to each process). */
    List<TimeSeriesPoint> series(long dropped) {
        List<TimeSeriesPoint> points = new ArrayList<>();
        long requests = 0;
        long errors = 0;
        long last = seconds.isEmpty() ? -1 : seconds.lastKey();
        for (long s = 0; s <= last; s++) {
            Merged b = seconds.getOrDefault(s, Merged.empty());
            long n = b.response().getTotalCount();
            long e = b.failed().getTotalCount();
            requests += n;
            errors += e;
            points.add(new TimeSeriesPoint(
                    s + 1,
                    1,
                    0,
                    n,
                    e,
                    ms(b.response(), 50),
                    ms(b.response(), 95),
                    ms(b.response(), 99),
                    requests,
                    errors,
                    s == last ? dropped : 0,
                    0,
                    -1));
        }
        return points;
    }

    private static double ms(Histogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1000.0;
    }
}
