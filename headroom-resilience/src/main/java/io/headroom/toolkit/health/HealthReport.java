package io.headroom.toolkit.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one run of {@link HealthChecks}: {@code UP} unless a required component is down;
 * components in the order they were declared.
 */
public record HealthReport(String status, Map<String, ComponentHealth> components) {
    public HealthReport {
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    public boolean up() {
        return ComponentHealth.UP.equals(status);
    }
}
