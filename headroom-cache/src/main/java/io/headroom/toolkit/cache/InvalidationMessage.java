package io.headroom.toolkit.cache;

import java.util.Optional;

/**
 * What travels on the invalidation channel: the invalidation, the keyspace version it produced
 * (so a receiver can tell it missed one), which instance sent it and when (to measure the delay).
 * Wire form: {@code origin TAB sentAtMillis TAB version TAB kind TAB keyspace TAB argument}; the
 * argument is last so it may itself contain tabs.
 */
public record InvalidationMessage(String origin, long sentAtMillis, long version, Invalidation invalidation) {

    public static Optional<InvalidationMessage> parse(String text) {
        String[] parts = text.split("\t", 6);
        if (parts.length != 6) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InvalidationMessage(
                    parts[0],
                    Long.parseLong(parts[1]),
                    Long.parseLong(parts[2]),
                    Invalidation.of(parts[3], parts[4], parts[5])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
