package io.headroom.toolkit.health;

import java.util.Map;

/**
 * The outcome of one run of {@link HealthChecks}: {@code UP} unless a required component is down;
 * components in the order they were declared.
 */
public record HealthReport(String status, Map<String, ComponentHealth> components) {
    public HealthReport {
        components = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(components));
    }

    public boolean up() {
        return ComponentHealth.UP.equals(status);
    }
}
