package io.headroom.toolkit.http;

import java.util.Optional;

/**
 * {@code Accept-Encoding} negotiation (RFC 9110 12.5.3) with q-values: the acceptable coding with
 * the highest weight wins, brotli before gzip before identity on a tie; {@code *} stands for every
 * coding not named; identity is acceptable unless refused explicitly. A malformed element is ignored.
 *
 * <p>Every request to a compressible route asks this, so the header is read in place: no split, no
 * lower-casing, no map (what the first version did cost about as much as the rest of a cache hit's own
 * work). Only a q-value outside the RFC's grammar is parsed the slow way.
 */
public final class AcceptEncoding {
    private static final double UNNAMED = -2; // a weight not given in the header
    private static final double MALFORMED = -1;

    private AcceptEncoding() {}

    public static ContentCoding negotiate(Optional<String> header, boolean brotliAvailable) {
        return header.isEmpty() ? ContentCoding.IDENTITY : negotiate(header.get(), brotliAvailable);
    }

    public static ContentCoding negotiate(String header, boolean brotliAvailable) {
        double br = UNNAMED;
        double gzip = UNNAMED;
        double xGzip = UNNAMED;
        double identity = UNNAMED;
        double star = UNNAMED;
        int length = header.length();
        int start = 0;
        while (start <= length) {
            int end = header.indexOf(',', start);
            if (end < 0) {
                end = length;
            }
            int semicolon = header.indexOf(';', start);
            int tokenEnd = semicolon < 0 || semicolon > end ? end : semicolon;
            int from = skipSpace(header, start, tokenEnd);
            int to = trimEnd(header, from, tokenEnd);
            if (to > from) {
                double q = tokenEnd < end ? weight(header, tokenEnd + 1, end) : 1.0;
                if (q >= 0) { // a malformed element is ignored; a later one for the same coding wins
                    int n = to - from;
                    if (is(header, from, n, "br")) {
                        br = q;
                    } else if (is(header, from, n, "gzip")) {
                        gzip = q;
                    } else if (is(header, from, n, "x-gzip")) {
                        xGzip = q;
                    } else if (is(header, from, n, "identity")) {
                        identity = q;
                    } else if (is(header, from, n, "*")) {
                        star = q;
                    }
                }
            }
            start = end + 1;
        }
        ContentCoding best = ContentCoding.IDENTITY;
        double bestWeight = -1;
        for (ContentCoding coding : ContentCoding.values()) {
            if (coding == ContentCoding.BROTLI && !brotliAvailable) {
                continue;
            }
            double named = switch (coding) {
                case BROTLI -> br;
                case GZIP -> gzip != UNNAMED ? gzip : xGzip;
                case IDENTITY -> identity;
            };
            double weight;
            if (named != UNNAMED) {
                weight = named;
            } else if (star != UNNAMED) {
                weight = star;
            } else {
                // Unnamed identity stays acceptable (with the lowest preference); other codings are not.
                weight = coding == ContentCoding.IDENTITY ? 0.001 : 0;
            }
            if (weight > 0 && weight > bestWeight) { // strict: earlier (preferred) codings win ties
                best = coding;
                bestWeight = weight;
            }
        }
        return best;
    }

    /** The q of the parameters in [from, to) (the last {@code q=} wins), 1 without one, -1 when it is not one. */
    private static double weight(String header, int from, int to) {
        double q = 1.0;
        int start = from;
        while (start < to) {
            int end = header.indexOf(';', start);
            if (end < 0 || end > to) {
                end = to;
            }
            int a = skipSpace(header, start, end);
            int b = trimEnd(header, a, end);
            if (b - a >= 2 && (header.charAt(a) == 'q' || header.charAt(a) == 'Q') && header.charAt(a + 1) == '=') {
                q = parseQ(header, a + 2, b);
            }
            start = end + 1;
        }
        return q;
    }

    /** A q-value: 0 to 1; the RFC's form ({@code 0.5}, {@code 1.000}) read in place, anything else by parseDouble. */
    private static double parseQ(String s, int from, int to) {
        int a = skipSpace(s, from, to);
        int b = trimEnd(s, a, to);
        if (b > a && (s.charAt(a) == '0' || s.charAt(a) == '1') && (b == a + 1 || s.charAt(a + 1) == '.')) {
            double value = s.charAt(a) - '0';
            double scale = 0.1;
            boolean plain = b - a <= 5; // at most three decimals
            for (int i = a + 2; i < b && plain; i++) {
                char c = s.charAt(i);
                plain = c >= '0' && c <= '9';
                value += (c - '0') * scale;
                scale /= 10;
            }
            if (plain) {
                return value <= 1 ? value : MALFORMED;
            }
        }
        try {
            double q = Double.parseDouble(s.substring(a, b));
            return q >= 0 && q <= 1 ? q : MALFORMED;
        } catch (NumberFormatException e) {
            return MALFORMED;
        }
    }

    private static boolean is(String header, int from, int length, String token) {
        return length == token.length() && header.regionMatches(true, from, token, 0, length);
    }

    private static int skipSpace(String s, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }

    private static int trimEnd(String s, int from, int to) {
        int i = to;
        while (i > from && s.charAt(i - 1) <= ' ') {
            i--;
        }
        return i;
    }
}
