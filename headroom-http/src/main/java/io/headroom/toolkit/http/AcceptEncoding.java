package io.headroom.toolkit.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Accept-Encoding} negotiation (RFC 9110 12.5.3) with q-values: the acceptable coding with
 * the highest weight wins, brotli before gzip before identity on a tie; {@code *} stands for every
 * coding not named; identity is acceptable unless refused explicitly. A malformed element is ignored.
 */
public final class AcceptEncoding {
    private AcceptEncoding() {}

    public static ContentCoding negotiate(Optional<String> header, boolean brotliAvailable) {
        if (header.isEmpty() || header.get().isBlank()) {
            return ContentCoding.IDENTITY;
        }
        Map<String, Double> weights = new HashMap<>();
        for (String element : header.get().split(",")) {
            String[] parts = element.trim().split(";");
            String token = parts[0].trim().toLowerCase(Locale.ROOT);
            if (token.isEmpty()) {
                continue;
            }
            double q = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim().toLowerCase(Locale.ROOT);
                if (param.startsWith("q=")) {
                    q = parseQ(param.substring(2));
                }
            }
            if (q >= 0) {
                weights.put(token, q);
            }
        }
        Double star = weights.get("*");
        ContentCoding best = ContentCoding.IDENTITY;
        double bestWeight = -1;
        for (ContentCoding coding : ContentCoding.values()) {
            if (coding == ContentCoding.BROTLI && !brotliAvailable) {
                continue;
            }
            double weight = weightOf(coding, weights, star);
            if (weight > 0 && weight > bestWeight) { // strict: earlier (preferred) codings win ties
                best = coding;
                bestWeight = weight;
            }
        }
        return best;
    }

    private static double weightOf(ContentCoding coding, Map<String, Double> weights, Double star) {
        Double named = weights.get(coding.token());
        if (coding == ContentCoding.GZIP && named == null) {
            named = weights.get("x-gzip");
        }
        if (named != null) {
            return named;
        }
        if (star != null) {
            return star;
        }
        // Unnamed identity stays acceptable (with the lowest preference); other codings are not.
        return coding == ContentCoding.IDENTITY ? 0.001 : 0;
    }

    /** The q-value, or -1 when it is not one (0 to 1, at most three decimals). */
    private static double parseQ(String text) {
        try {
            double q = Double.parseDouble(text.trim());
            return q >= 0 && q <= 1 ? q : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
