package io.headroom.load.output;

import io.headroom.load.measure.Sample;
import io.headroom.load.measure.SampleListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every sample as a JMeter CSV JTL row with JMeter's default 17-column header, so JMeter,
 * its HTML report and {@code headroom analyze} all read it. {@code timeStamp} is the intended start
 * (epoch ms) and {@code elapsed} the response time from it, so the file carries the corrected latency;
 * {@code Latency} is the time to first byte after the actual send.
 */
public final class JtlWriter implements SampleListener, AutoCloseable {

    public static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
            + "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect";

    private final BufferedWriter out;
    private final long epochMillisAtStart;
    private final long startNanos;
    /** Row buffers of the recording threads (event loops): no builder and no String per row. */
    private static final ThreadLocal<RowBuffer> ROW = ThreadLocal.withInitial(RowBuffer::new);

    public JtlWriter(Path file, long epochMillisAtStart, long startNanos) {
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.epochMillisAtStart = epochMillisAtStart;
        this.startNanos = startNanos;
    }

    @Override
    public void onSample(Sample s) {
        long timeStamp = epochMillisAtStart + (s.intendedStartNanos() - startNanos) / 1_000_000;
        long elapsed = s.responseTimeNanos() / 1_000_000;
        long latency = s.firstByteNanos() == 0 ? 0 : (s.firstByteNanos() - s.sentNanos()) / 1_000_000;
        RowBuffer buffer = ROW.get();
        StringBuilder row = buffer.row;
        row.setLength(0);
        row.append(timeStamp).append(',').append(elapsed).append(',').append(quote(s.label())).append(',')
                .append(quote(s.responseCode())).append(',').append(s.success() ? "OK" : quote(message(s))).append(',')
                .append("VU ").append(s.vuId() + 1).append(',').append("text").append(',')
                .append(s.success()).append(',').append(quote(s.failureMessage())).append(',')
                .append(s.bytesReceived()).append(',').append(s.bytesSent()).append(',')
                .append(s.activeVus()).append(',').append(s.activeVus()).append(',').append(quote(s.url())).append(',')
                .append(latency).append(",0,").append(s.connectNanos() / 1_000_000).append('\n');
        int length = row.length();
        if (buffer.chars.length < length) {
            buffer.chars = new char[Math.max(length, 2 * buffer.chars.length)];
        }
        row.getChars(0, length, buffer.chars, 0);
        synchronized (this) {
            try {
                out.write(buffer.chars, 0, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String message(Sample s) {
        return s.failureMessage().isEmpty() ? "error" : s.failureMessage();
    }

    static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class RowBuffer {
        final StringBuilder row = new StringBuilder(256);
        char[] chars = new char[256];
    }
}
