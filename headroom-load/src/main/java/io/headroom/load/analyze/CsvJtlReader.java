package io.headroom.load.analyze;

import io.headroom.csv.CsvReader;
import io.headroom.load.output.JtlWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a JMeter CSV JTL (ours or JMeter's) by header name: any subset of columns in any order.
 * Required: {@code timeStamp}, {@code elapsed}, {@code label}; {@code success} defaults to true,
 * byte counts to 0. The separator is detected from the header (comma, tab, semicolon or pipe).
 */
final class CsvJtlReader {

    private CsvJtlReader() {}

    static void read(Path file, Consumer<JtlSample> sink) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.mark(64 * 1024);
            String firstLine = reader.readLine();
            if (firstLine == null) {
                throw new JtlFormatException(file + ": empty file, expected a CSV header line");
            }
            reader.reset();
            CsvReader csv = CsvReader.strict(reader, detectSeparator(firstLine));
            Columns columns = Columns.of(file, csv.next());
            while (true) {
                long line = csv.line();
                List<String> fields = csv.next();
                if (fields == null) {
                    return;
                }
                sink.accept(columns.sample(fields, file, line));
            }
        } catch (NoSuchFileException e) {
            throw new JtlFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new JtlFormatException(file + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new JtlFormatException(file + ": " + e.getCause().getMessage());
        }
    }

    private static char detectSeparator(String header) {
        String h = header.strip();
        for (char c : new char[] {',', '\t', ';', '|'}) {
            if (h.indexOf(c) >= 0) {
                return c;
            }
        }
        return ',';
    }

    /** Column positions found in the header; -1 for absent optional columns. */
    private record Columns(
            int timeStamp,
            int elapsed,
            int label,
            int responseCode,
            int success,
            int bytes,
            int sentBytes,
            int responseMessage,
            int serverApp,
            int serverDb) {

        static Columns of(Path file, List<String> header) {
            if (header == null) {
                throw new JtlFormatException(file + ": empty file, expected a CSV header line");
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                // JMeter quotes sample-variable names in the header ("serverAppMs"): a strict CSV reading unquotes
                // them, a hand-made file may keep the quotes
                String name = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (name.length() > 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                index.putIfAbsent(name, i);
            }
            return new Columns(
                    required(file, index, "timeStamp"),
                    required(file, index, "elapsed"),
                    required(file, index, "label"),
                    index.getOrDefault("responsecode", -1),
                    index.getOrDefault("success", -1),
                    index.getOrDefault("bytes", -1),
                    index.getOrDefault("sentbytes", -1),
                    index.getOrDefault("responsemessage", -1),
                    index.getOrDefault(JtlWriter.SERVER_APP_COLUMN.toLowerCase(Locale.ROOT), -1),
                    index.getOrDefault(JtlWriter.SERVER_DB_COLUMN.toLowerCase(Locale.ROOT), -1));
        }

        private static int required(Path file, Map<String, Integer> index, String name) {
            Integer i = index.get(name.toLowerCase(Locale.ROOT));
            if (i == null) {
                throw new JtlFormatException(file + ": line 1: the header has no '" + name
                        + "' column; a JMeter CSV JTL with a header line is expected");
            }
            return i;
        }

        JtlSample sample(List<String> f, Path file, long line) {
            return new JtlSample(
                    number(f, timeStamp, "timeStamp", file, line),
                    number(f, elapsed, "elapsed", file, line),
                    text(f, label),
                    text(f, responseCode),
                    success < 0 || !"false".equalsIgnoreCase(text(f, success).strip()),
                    optionalNumber(f, bytes, "bytes", file, line),
                    optionalNumber(f, sentBytes, "sentBytes", file, line),
                    responseMessage < 0 ? null : text(f, responseMessage),
                    millis(f, serverApp, JtlWriter.SERVER_APP_COLUMN, file, line),
                    millis(f, serverDb, JtlWriter.SERVER_DB_COLUMN, file, line));
        }

        /** An optional decimal column: NaN when absent or empty. */
        private static double millis(List<String> f, int i, String name, Path file, long line) {
            String value = text(f, i).strip();
            if (value.isEmpty()) {
                return Double.NaN;
            }
            try {
                double ms = Double.parseDouble(value);
                if (ms >= 0 && Double.isFinite(ms)) {
                    return ms;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new JtlFormatException(file + ": line " + line + ": column '" + name
                    + "' must be milliseconds (a number of at least 0) or empty, got '" + value + "'");
        }

        private static String text(List<String> f, int i) {
            return i >= 0 && i < f.size() ? f.get(i) : "";
        }

        private static long optionalNumber(List<String> f, int i, String name, Path file, long line) {
            if (i < 0 || i >= f.size() || f.get(i).isBlank()) {
                return 0;
            }
            return number(f, i, name, file, line);
        }

        private static long number(List<String> f, int i, String name, Path file, long line) {
            String value = text(f, i).strip();
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new JtlFormatException(file + ": line " + line + ": column '" + name
                        + "' must be a whole number, got '" + value + "'");
            }
        }
    }
}
