package io.headroom.load.analyze;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads a JMeter JTL in either of JMeter's formats, told apart by content rather than by file name
 * (both are usually called {@code .jtl}): a file whose first non-blank character is {@code <}
 * ({@code <?xml ...} or {@code <testResults ...}) is XML, anything else is CSV. Both readers stream
 * the file, so its size is bounded by the disk, not the heap.
 */
public final class JtlReader {

    /** How much of the head is looked at: enough for a UTF-8 byte-order mark and leading blank lines. */
    private static final int SNIFF_BYTES = 4096;

    private JtlReader() {}

    public enum Format {
        CSV,
        XML
    }

    public static void read(Path file, Consumer<JtlSample> sink) {
        if (detect(file) == Format.XML) {
            XmlJtlReader.read(file, sink);
        } else {
            CsvJtlReader.read(file, sink);
        }
    }

    public static Format detect(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        } catch (NoSuchFileException e) {
            throw new JtlFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new JtlFormatException(file + ": " + e.getMessage());
        }
        int i = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF
                ? 3
                : 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        return i < head.length && head[i] == '<' ? Format.XML : Format.CSV;
    }
}
