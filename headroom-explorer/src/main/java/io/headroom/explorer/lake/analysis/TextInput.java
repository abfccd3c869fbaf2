package io.headroom.explorer.lake.analysis;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * A text file being read from the store: decompressed when gzipped, its first bytes (the head) held
 * for sniffing and then replayed, so the file is read once, front to back, whatever its size.
 */
public final class TextInput implements Closeable {
    /**
     * Enough for the 50 lines a delimiter sniff looks at (lines of 300 bytes). Every CSV sample and
     * analysis decodes it to a String: at 64 KB that decoding was the largest single cost of a
     * 20-row CSV sample in a profile, so the head is no bigger than sniffing needs.
     */
    public static final int HEAD_BYTES = 16 * 1024;

    private final CountingInputStream stored;
    private final InputStream decoded;
    private final byte[] head;
    private final int headLength;
    private final int headStart;
    private final boolean truncated;

    private TextInput(CountingInputStream stored, InputStream decoded, byte[] head, int headLength) {
        this.stored = stored;
        this.decoded = decoded;
        this.head = head;
        this.headLength = headLength;
        this.truncated = headLength == head.length;
        boolean bom =
                headLength >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        this.headStart = bom ? 3 : 0;
    }

    public static TextInput open(InputStream in, boolean gzip) throws IOException {
        CountingInputStream stored = new CountingInputStream(in);
        try {
            InputStream decoded = gzip ? new GZIPInputStream(stored, 8192) : stored;
            byte[] head = new byte[HEAD_BYTES];
            int length = decoded.readNBytes(head, 0, HEAD_BYTES);
            return new TextInput(stored, decoded, head, length);
        } catch (IOException e) {
            stored.close();
            throw gzip ? new MalformedDataException("not a readable gzip file", e) : e;
        }
    }

    /** The head decoded as UTF-8 (no byte order mark); the last character may be cut. */
    public String headText() {
        return new String(head, headStart, headLength - headStart, StandardCharsets.UTF_8);
    }

    /** True when the file is longer than the head (the head's last line may be incomplete). */
    public boolean headTruncated() {
        return truncated;
    }

    /** True when the head holds a NUL byte: a binary file, not text. */
    public boolean looksBinary() {
        for (int i = 0; i < headLength; i++) {
            if (head[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The whole content from its first byte (after any byte order mark). */
    public InputStream bytes() {
        return new SequenceInputStream(new ByteArrayInputStream(head, headStart, headLength - headStart), decoded);
    }

    public Reader reader() {
        return new InputStreamReader(bytes(), StandardCharsets.UTF_8);
    }

    /** Bytes read from the store so far (compressed bytes for gzip), read-ahead buffers included. */
    public long storedBytesRead() {
        return stored.count();
    }

    @Override
    public void close() throws IOException {
        decoded.close();
    }
}
