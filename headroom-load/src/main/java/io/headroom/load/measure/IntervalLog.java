package io.headroom.load.measure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * The run's HdrHistogram interval log ({@value #FILE}): once a second, every label's interval histograms in
 * HdrHistogram's own log format, so that the runs of several processes (segments of one scenario) can be
 * merged into exact percentiles for the whole run: adding histograms loses nothing beyond their 3 significant
 * digits, where averaging per-process percentiles would be plain wrong.
 *
 * <p>Each histogram carries a tag: {@code r:LABEL} response time, {@code s:LABEL} service time, {@code e:LABEL}
 * response times of the failed requests (its count is the label's errors). LABEL is URL-encoded, since a tag
 * cannot hold the log's comma or white space. Values are microseconds; the log's timestamps are absolute
 * (epoch seconds), so logs of processes that started at different times line up.
 */
public final class IntervalLog implements AutoCloseable {

    public static final String FILE = "histograms.hlog";
    public static final String RESPONSE = "r:";
    public static final String SERVICE = "s:";
    public static final String FAILED = "e:";

    private final PrintStream out;
    private final HistogramLogWriter writer;
    private final long epochMillisAtStart;
    private final long startNanos;
    private long lastEndNanos;

    /**
     * @param epochMillisAtStart wall-clock time of {@code startNanos}, the measured run's start
     * @param note what wrote it (scenario, segment), as a comment
     */
    public IntervalLog(Path file, long epochMillisAtStart, long startNanos, String note) {
        try {
            OutputStream stream = Files.newOutputStream(file);
            this.out = new PrintStream(stream, false, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.writer = new HistogramLogWriter(out);
        this.epochMillisAtStart = epochMillisAtStart;
        this.startNanos = startNanos;
        this.lastEndNanos = startNanos;
        writer.outputComment("headroom load: " + note.replace('\n', ' '));
        writer.outputComment("tags: r:LABEL response time, s:LABEL service time, e:LABEL failed requests; "
                + "microseconds; LABEL URL-encoded");
        writer.outputLogFormatVersion();
        writer.outputStartTime(epochMillisAtStart);
        writer.outputLegend();
    }

    /** Writes the interval that ends at {@code nowNanos}: each label's histograms just rolled. */
    synchronized void write(long nowNanos, Iterable<LabelMetrics> labels) {
        double from = epochSeconds(lastEndNanos);
        double to = epochSeconds(nowNanos);
        lastEndNanos = nowNanos;
        for (LabelMetrics label : labels) {
            synchronized (label) {
                String name = URLEncoder.encode(label.label(), StandardCharsets.UTF_8);
                output(RESPONSE + name, label.intervalResponse(), from, to);
                output(SERVICE + name, label.intervalService(), from, to);
                output(FAILED + name, label.intervalFailed(), from, to);
            }
        }
        out.flush();
    }

    private void output(String tag, Histogram h, double from, double to) {
        if (h == null || (h.getTotalCount() == 0 && !tag.startsWith(RESPONSE))) {
            return; // an empty service or failure histogram says nothing the response one does not
        }
        h.setTag(tag);
        writer.outputIntervalHistogram(from, to, h, 1.0);
    }

    private double epochSeconds(long nanos) {
        return (epochMillisAtStart + (nanos - startNanos) / 1e6) / 1000.0;
    }

    @Override
    public synchronized void close() {
        out.close();
    }
}
