package io.headroom.toolkit.health;

import java.util.function.BooleanSupplier;

/**
 * One component's check: returns a short detail when the component is up (may be null), throws when
 * it is down (the exception's message becomes the detail). Checks run in parallel, each under its
 * own timeout ({@link HealthChecks}), so a check may block; it is interrupted when it runs out of time.
 */
@FunctionalInterface
public interface HealthCheck {
    String check() throws Exception;

    /** A check of a condition the service keeps itself (migrations applied, not draining): no I/O. */
    static HealthCheck condition(BooleanSupplier holds, String whenFalse) {
        return () -> {
            if (!holds.getAsBoolean()) {
                throw new IllegalStateException(whenFalse);
            }
            return null;
        };
    }
}
