package io.headroom.explorer.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Values the service itself has shown (ids, folder names, formats, tags from its JSON answers),
 * counted, so generated requests can hit real rows and not only hostile ones. Values that would
 * look like a leak when echoed back are left out.
 */
final class FuzzDictionary {
    private static final int MAX_LENGTH = 200;

    private final Map<String, Integer> counts = new HashMap<>();

    /** Adds every scalar of a JSON document. */
    void harvest(JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isContainerNode()) {
            node.forEach(this::harvest);
        } else if (node.isTextual() || node.isIntegralNumber()) {
            add(node.asText());
        }
    }

    void add(String value) {
        if (!value.isEmpty() && value.length() <= MAX_LENGTH && ExchangeChecks.echoSafe(value)) {
            counts.merge(value, 1, Integer::sum);
        }
    }

    /** A name a page links to: a path segment the server itself handed out, so tried before any other. */
    void addLink(String value) {
        if (!value.isEmpty() && value.length() <= MAX_LENGTH && ExchangeChecks.echoSafe(value)) {
            counts.merge(value, 1_000_000, Integer::sum);
        }
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Whole numbers seen, smallest first (ids are small). */
    List<String> likeliestNumbers(int limit) {
        return counts.keySet().stream()
                .filter(FuzzDictionary::isWholeNumber)
                .sorted(Comparator.comparingLong((String v) -> Math.abs(Long.parseLong(v)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .toList();
    }

    /** Other values seen, the most frequent first (folder names and formats repeat across rows). */
    List<String> likeliestTexts(int limit) {
        return counts.keySet().stream()
                .filter(v -> !isWholeNumber(v))
                .sorted(Comparator.comparingInt((String v) -> -counts.get(v)).thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .toList();
    }

    /**
     * A value chosen by the seed. Rendezvous hashing (the value scoring highest against the draw
     * wins) keeps the choices of a seed when a run harvests a few values more or fewer, such as
     * an uptime or a refresh time, where picking by index would shift every later choice.
     */
    String any(Random random) {
        long draw = random.nextLong();
        String best = "1";
        long bestScore = Long.MIN_VALUE;
        for (String value : counts.keySet()) {
            long score = mix(value.hashCode() ^ draw);
            if (score > bestScore || (score == bestScore && value.compareTo(best) < 0)) {
                best = value;
                bestScore = score;
            }
        }
        return best;
    }

    /** The 64-bit finaliser of MurmurHash3: spreads a hash over every bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static boolean isWholeNumber(String value) {
        return value.matches("-?\\d{1,18}");
    }
}
