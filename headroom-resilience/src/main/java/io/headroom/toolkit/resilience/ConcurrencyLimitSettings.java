package io.headroom.toolkit.resilience;

import io.headroom.toolkit.config.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The concurrency limits per route class, one pattern for every class: {@code HEADROOM_CONCURRENCY_LIMIT_<CLASS>}
 * is the ceiling of the class's adaptive limit; the wait queue and its deadline, and the algorithm, are
 * shared settings.
 *
 * @param enabled HEADROOM_CONCURRENCY_LIMITS: off turns every class's limit off (a benchmark's baseline)
 * @param algorithm HEADROOM_CONCURRENCY_ALGORITHM: gradient2 or vegas
 * @param queue HEADROOM_CONCURRENCY_QUEUE: how many requests of one class may wait for a place
 * @param deadline HEADROOM_CONCURRENCY_WAIT: how long one may wait before its 503
 * @param ceilings each class's ceiling, by its lower-case name
 */
public record ConcurrencyLimitSettings(
        boolean enabled, LimitAlgorithm algorithm, int queue, Duration deadline, Map<String, Integer> ceilings) {

    public ConcurrencyLimitSettings {
        ceilings = Map.copyOf(ceilings);
    }

    /** @param defaultCeilings the classes, by lower-case name, with their default ceilings */
    public static ConcurrencyLimitSettings from(Settings s, Map<String, Integer> defaultCeilings) {
        Map<String, Integer> ceilings = new LinkedHashMap<>();
        defaultCeilings.forEach((name, ceiling) -> ceilings.put(
                name, s.integer("HEADROOM_CONCURRENCY_LIMIT_" + name.toUpperCase(Locale.ROOT), ceiling, 1, 100_000)));
        return new ConcurrencyLimitSettings(
                s.bool("HEADROOM_CONCURRENCY_LIMITS", true),
                LimitAlgorithm.parse(
                        "HEADROOM_CONCURRENCY_ALGORITHM", s.string("HEADROOM_CONCURRENCY_ALGORITHM", "gradient2")),
                s.integer("HEADROOM_CONCURRENCY_QUEUE", 50, 0, 100_000),
                s.duration("HEADROOM_CONCURRENCY_WAIT", Duration.ofMillis(200)),
                ceilings);
    }

    /** The admission of one class. */
    public AdmissionSettings of(String className) {
        Integer ceiling = ceilings.get(className);
        if (ceiling == null) {
            throw new IllegalArgumentException("No concurrency limit for the route class '" + className + "'");
        }
        return new AdmissionSettings(ceiling, queue, deadline, algorithm);
    }
}
