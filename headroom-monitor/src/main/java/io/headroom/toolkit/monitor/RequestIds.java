package io.headroom.toolkit.monitor;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids ({@code X-Request-Id}): a caller's own id is kept when it is well formed, so a request
 * can be followed from a proxy or a load generator into the slow-request log; anything else is
 * replaced by a new one, so a header cannot inject text into a log line or a response.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** Room for a UUID, a W3C trace id or a proxy's id with a prefix; longer ids are not accepted. */
    public static final int MAX_LENGTH = 64;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {}

    /** 1 to {@value #MAX_LENGTH} of {@code A-Z a-z 0-9 - _ . :}. */
    public static boolean wellFormed(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The caller's id when well formed (null or absent: a new one). */
    public static String acceptOrCreate(String incoming) {
        return wellFormed(incoming) ? incoming : create();
    }

    /**
     * 16 hex digits from 64 random bits: unique enough to find one request in a day's logs (a clash is
     * expected after ~4 billion requests), and cheaper than {@code UUID.randomUUID()}, which reads the
     * shared SecureRandom.
     */
    public static String create() {
        long bits = ThreadLocalRandom.current().nextLong();
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (bits & 0xf)];
            bits >>>= 4;
        }
        return new String(out);
    }
}
