package io.headroom.load.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.csv.CsvReader;
import io.headroom.load.measure.Sample;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JtlWriterTest {

    private static final long START_EPOCH_MS = 1_700_000_000_000L;
    private static final long START_NANOS = 5_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void writesEveryFieldOfEveryRowAcrossBufferBoundaries() throws Exception {
        Path file = dir.resolve("results.jtl");
        List<Sample> samples = new ArrayList<>();
        // Enough rows to fill the 64 KiB buffer several times, with fields of varying length and content.
        String[] labels = {"GET /", "search, by \"name\"", "Ünïcødé ✓", "line\nbreak", "x".repeat(300)};
        for (int i = 0; i < 5000; i++) {
            boolean ok = i % 7 != 0;
            long intended = START_NANOS + i * 1_234_567L;
            long sent = intended + (i % 3) * 1_000_000L;
            samples.add(new Sample(
                    labels[i % labels.length],
                    intended,
                    sent,
                    i % 11 == 0 ? 0 : sent + 2_500_000,
                    sent + 3_000_000L * (i % 5 + 1),
                    ok ? "200" : "SocketTimeoutException",
                    ok,
                    ok ? "" : i % 2 == 0 ? "" : "status 500, body \"x\"",
                    100L + i,
                    50L + i,
                    i % 4 == 0 ? 7_000_000 : 0,
                    i % 50,
                    1 + i % 50,
                    "http://127.0.0.1:8080/p?i=" + i + (i % 9 == 0 ? "&a=1,2" : ""),
                    (byte) 0,
                    i % 6 == 0 ? -1 : i * 37 % 100_000, // Server-Timing app, microseconds; absent in some rows
                    i % 6 == 0 ? -1 : i % 13 * 1001));
        }
        try (JtlWriter writer = new JtlWriter(file, START_EPOCH_MS, START_NANOS)) {
            samples.forEach(writer::onSample);
        }

        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvReader csv = CsvReader.strict(reader, ',');
            // JMeter's sample-variable columns: quoted names in the header, unquoted by a CSV reading
            assertThat(String.join(",", csv.next())).isEqualTo(JtlWriter.HEADER.replace("\"", ""));
            for (Sample s : samples) {
                assertThat(csv.next()).containsExactlyElementsOf(expected(s));
            }
            assertThat(csv.next()).isNull();
        }
    }

    /** The row as JMeter's 17 columns and the two Server-Timing ones, computed independently of the writer. */
    private static List<String> expected(Sample s) {
        String message = s.success() ? "OK" : s.failureMessage().isEmpty() ? "error" : s.failureMessage();
        return List.of(
                String.valueOf(START_EPOCH_MS + (s.intendedStartNanos() - START_NANOS) / 1_000_000),
                String.valueOf((s.endNanos() - s.intendedStartNanos()) / 1_000_000),
                s.label(),
                s.responseCode(),
                message,
                "VU " + (s.vuId() + 1),
                "text",
                String.valueOf(s.success()),
                s.failureMessage(),
                String.valueOf(s.bytesReceived()),
                String.valueOf(s.bytesSent()),
                String.valueOf(s.activeVus()),
                String.valueOf(s.activeVus()),
                s.url(),
                String.valueOf(s.firstByteNanos() == 0 ? 0 : (s.firstByteNanos() - s.sentNanos()) / 1_000_000),
                "0",
                String.valueOf(s.connectNanos() / 1_000_000),
                millis(s.serverAppMicros()),
                millis(s.serverDbMicros()));
    }

    private static String millis(int micros) {
        return micros < 0 ? "" : String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    @Test
    void aFieldLargerThanTheBufferIsWrittenWhole() throws Exception {
        Path file = dir.resolve("big.jtl");
        String huge = "é,".repeat(40_000); // 120 000 bytes of UTF-8, quoted
        try (JtlWriter writer = new JtlWriter(file, START_EPOCH_MS, START_NANOS)) {
            writer.onSample(new Sample(
                    "big",
                    START_NANOS,
                    START_NANOS,
                    0,
                    START_NANOS,
                    "500",
                    false,
                    huge,
                    0,
                    0,
                    0,
                    0,
                    1,
                    "http://h/",
                    (byte) 0,
                    -1,
                    -1));
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvReader csv = CsvReader.strict(reader, ',');
            csv.next();
            List<String> row = csv.next();
            assertThat(row).hasSize(19);
            assertThat(row.get(4)).isEqualTo(huge);
            assertThat(row.get(8)).isEqualTo(huge);
            assertThat(row.get(13)).isEqualTo("http://h/");
        }
    }
}
