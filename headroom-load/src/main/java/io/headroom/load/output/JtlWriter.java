package io.headroom.load.output;

import io.headroom.load.measure.Sample;
import io.headroom.load.measure.SampleListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every sample as a JMeter CSV JTL row with JMeter's default 17-column header, so JMeter,
 * its HTML report and {@code headroom analyze} all read it. {@code timeStamp} is the intended start
 * (epoch ms) and {@code elapsed} the response time from it, so the file carries the corrected latency;
 * {@code Latency} is the time to first byte after the actual send. Two more columns carry the service's
 * {@code Server-Timing} ({@code app} and {@code db} milliseconds, empty when it sent none), named in the
 * header in double quotes as JMeter names its sample-variable columns, so JMeter reads the file as one with
 * two sample variables, and {@code analyze} splits latency into outside the server, app and DB time.
 *
 * <p>One row per request is on the engine's hot path, so a row is formatted straight into a byte
 * buffer (UTF-8): no StringBuilder, no String per field, no char-to-byte encoder pass (a Writer's
 * StreamEncoder cost more than the formatting itself). The buffer goes to the file when full.
 */
public final class JtlWriter implements SampleListener, AutoCloseable {

    /** The service's own time ({@code Server-Timing: app;dur=}), milliseconds. */
    public static final String SERVER_APP_COLUMN = "serverAppMs";
    /** The service's database time ({@code Server-Timing: db;dur=}), milliseconds. */
    public static final String SERVER_DB_COLUMN = "serverDbMs";

    public static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,"
            + "success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect,"
            + "\"" + SERVER_APP_COLUMN + "\",\"" + SERVER_DB_COLUMN + "\"";

    private static final int BUFFER_BYTES = 64 * 1024;
    /** Room kept for one row's fixed part (numbers and constant text); text fields reserve their own. */
    private static final int FIXED_ROW_BYTES = 256;

    private static final byte[] VU = "VU ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT = "text".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IDLE = ",0,".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final long epochMillisAtStart;
    private final long startNanos;
    // Guarded by this: rows from several event loops must not interleave.
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;

    public JtlWriter(Path file, long epochMillisAtStart, long startNanos) {
        this(open(file), epochMillisAtStart, startNanos);
    }

    /** Writes to {@code out}, which it closes ({@code OutputStream.nullOutputStream()} warms the path). */
    public JtlWriter(OutputStream out, long epochMillisAtStart, long startNanos) {
        this.out = out;
        try {
            out.write((HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.epochMillisAtStart = epochMillisAtStart;
        this.startNanos = startNanos;
    }

    private static OutputStream open(Path file) {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void onSample(Sample s) {
        long timeStamp = epochMillisAtStart + (s.intendedStartNanos() - startNanos) / 1_000_000;
        long elapsed = s.responseTimeNanos() / 1_000_000;
        long latency = s.firstByteNanos() == 0 ? 0 : (s.firstByteNanos() - s.sentNanos()) / 1_000_000;
        room(FIXED_ROW_BYTES);
        number(timeStamp);
        comma();
        number(elapsed);
        comma();
        text(s.label());
        comma();
        text(s.responseCode());
        comma();
        if (s.success()) {
            bytes(OK);
        } else {
            text(s.failureMessage().isEmpty() ? "error" : s.failureMessage());
        }
        comma();
        room(FIXED_ROW_BYTES);
        bytes(VU);
        number(s.vuId() + 1);
        comma();
        bytes(TEXT);
        comma();
        bytes(s.success() ? TRUE : FALSE);
        comma();
        text(s.failureMessage());
        comma();
        room(FIXED_ROW_BYTES);
        number(s.bytesReceived());
        comma();
        number(s.bytesSent());
        comma();
        number(s.activeVus());
        comma();
        number(s.activeVus());
        comma();
        text(s.url());
        room(FIXED_ROW_BYTES);
        comma();
        number(latency);
        bytes(IDLE);
        number(s.connectNanos() / 1_000_000);
        comma();
        micros(s.serverAppMicros());
        comma();
        micros(s.serverDbMicros());
        buffer[position++] = '\n';
    }

    /** Makes room for {@code n} more bytes (n at most the buffer size) by writing out what is buffered. */
    private void room(int n) {
        if (position + n > buffer.length) {
            drain();
        }
    }

    private void drain() {
        try {
            out.write(buffer, 0, position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        position = 0;
    }

    /** Microseconds as milliseconds with three decimals; nothing when negative (not sent). */
    private void micros(int micros) {
        if (micros < 0) {
            return;
        }
        number(micros / 1000);
        buffer[position++] = '.';
        int fraction = micros % 1000;
        buffer[position++] = (byte) ('0' + fraction / 100);
        buffer[position++] = (byte) ('0' + fraction / 10 % 10);
        buffer[position++] = (byte) ('0' + fraction % 10);
    }

    private void comma() {
        buffer[position++] = ',';
    }

    private void bytes(byte[] b) {
        System.arraycopy(b, 0, buffer, position, b.length);
        position += b.length;
    }

    private void number(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                bytes(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
                return;
            }
            buffer[position++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = position + digits;
        for (int i = end - 1; i >= position; i--) {
            buffer[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        position = end;
    }

    /**
     * A CSV field: as is when plain ASCII without separators (labels, codes and URLs almost always are),
     * else quoted as needed and UTF-8 encoded.
     */
    private void text(String value) {
        if (value == null) {
            return;
        }
        int n = value.length();
        if (n <= FIXED_ROW_BYTES) {
            room(n + 1); // the field and the separator after it
            int p = position;
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c >= 0x80 || c == ',' || c == '"' || c == '\n' || c == '\r') {
                    encoded(value);
                    return;
                }
                buffer[p++] = (byte) c;
            }
            position = p;
            return;
        }
        encoded(value);
    }

    private void encoded(String value) {
        byte[] b = quote(value).getBytes(StandardCharsets.UTF_8);
        if (b.length >= buffer.length) {
            drain();
            try {
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        room(b.length + 1);
        bytes(b);
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
            drain();
            out.close();
        } catch (UncheckedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
