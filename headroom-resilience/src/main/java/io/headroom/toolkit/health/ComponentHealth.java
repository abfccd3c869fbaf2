package io.headroom.toolkit.health;

/**
 * One component as a health report shows it.
 *
 * @param status {@code UP} or {@code DOWN}
 * @param required whether this component being down makes the whole report {@code DOWN}
 * @param latencyMs how long the check took (its timeout when it timed out)
 * @param detail what the check said; why it failed when down; null when it said nothing
 */
public record ComponentHealth(String status, boolean required, double latencyMs, String detail) {
    public static final String UP = "UP";
    public static final String DOWN = "DOWN";

    public boolean up() {
        return UP.equals(status);
    }
}
