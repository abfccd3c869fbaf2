package io.headroom.toolkit.http;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brotli (brotli4j, native) and gzip (JDK) compression of response bodies, with the rules of HTTP-4:
 * only bodies of at least {@link #MIN_BYTES} and only compressible media types. Tracks, per coding,
 * how many bodies were compressed, bytes in and out (the ratio) and the time it took.
 */
public final class Compression {
    private static final Logger LOG = LoggerFactory.getLogger(Compression.class);
    /** Below about 1 KB the coding's framing and the CPU cost outweigh the saving. */
    public static final int MIN_BYTES = 1024;

    private static final boolean BROTLI = loadBrotli();

    private final Encoder.Parameters brotliParameters;
    private final int gzipLevel;
    private final Counters brotliCounters = new Counters();
    private final Counters gzipCounters = new Counters();

    /**
     * @param brotliQuality 0-11; 5 compresses JSON close to gzip -9 at a fraction of the time of 11
     * @param gzipLevel 1-9
     */
    public Compression(int brotliQuality, int gzipLevel) {
        if (brotliQuality < 0 || brotliQuality > 11) {
            throw new IllegalArgumentException("brotli quality must be 0-11, not " + brotliQuality);
        }
        if (gzipLevel < 1 || gzipLevel > 9) {
            throw new IllegalArgumentException("gzip level must be 1-9, not " + gzipLevel);
        }
        this.brotliParameters = BROTLI ? new Encoder.Parameters().setQuality(brotliQuality) : null;
        this.gzipLevel = gzipLevel;
    }

    public static boolean brotliAvailable() {
        return BROTLI;
    }

    /** Text, JSON, XML, JavaScript and SVG; never images, archives or already-compressed data. */
    public static boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon).trim();
        }
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.endsWith("+json")
                || type.equals("application/x-ndjson")
                || type.equals("application/xml")
                || type.endsWith("+xml")
                || type.equals("application/javascript")
                || type.equals("image/svg+xml");
    }

    public static boolean worthCompressing(String contentType, int length) {
        return length >= MIN_BYTES && compressible(contentType);
    }

    /** The body in this coding (identity returns it unchanged). */
    public byte[] encode(ContentCoding coding, byte[] body) {
        return switch (coding) {
            case BROTLI -> brotli(body);
            case GZIP -> gzip(body);
            case IDENTITY -> body;
        };
    }

    public byte[] brotli(byte[] body) {
        if (!BROTLI) {
            throw new IllegalStateException("brotli is not available on this platform");
        }
        long start = System.nanoTime();
        try {
            byte[] out = Encoder.compress(body, brotliParameters);
            brotliCounters.record(body.length, out.length, System.nanoTime() - start);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] gzip(byte[] body) {
        long start = System.nanoTime();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(buffer, 8192) {
            {
                def.setLevel(gzipLevel);
            }
        }) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] out = buffer.toByteArray();
        gzipCounters.record(body.length, out.length, System.nanoTime() - start);
        return out;
    }

    public CompressionStats stats() {
        return new CompressionStats(brotliCounters.snapshot("br"), gzipCounters.snapshot("gzip"));
    }

    private static boolean loadBrotli() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable e) { // UnsatisfiedLinkError on a platform without the native part
            LOG.warn("brotli is not available ({}); responses will use gzip", e.toString());
            return false;
        }
    }

    private static final class Counters {
        final LongAdder bodies = new LongAdder();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        final LongAdder nanos = new LongAdder();

        void record(int in, int out, long took) {
            bodies.increment();
            bytesIn.add(in);
            bytesOut.add(out);
            nanos.add(took);
        }

        CompressionStats.Coding snapshot(String name) {
            return new CompressionStats.Coding(name, bodies.sum(), bytesIn.sum(), bytesOut.sum(), nanos.sum());
        }
    }
}
