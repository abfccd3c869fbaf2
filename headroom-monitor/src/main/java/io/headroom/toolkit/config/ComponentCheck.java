package io.headroom.toolkit.config;

import java.time.Duration;

/**
 * The checks a settings record runs in its compact constructor. A failure names the record component
 * ({@code brotliQuality}), since that is what a caller building the record in code wrote; a record's
 * {@code from(Settings)} checks the same ranges under the host's keys first, so its errors keep naming
 * the variable or property the host actually set. Every failure is a {@link ConfigException}, null
 * included: a misconfiguration stops start-up with a message, never later as a null pointer.
 */
public final class ComponentCheck {
    private ComponentCheck() {}

    public static <T> T present(String component, T value) {
        if (value == null) {
            throw new ConfigException(component + " is not set: expected a value");
        }
        return value;
    }

    public static void between(String component, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(component, value, "a whole number from " + min + " to " + max);
        }
    }

    /** Also refuses NaN, which no range comparison would catch. */
    public static void between(String component, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw invalid(component, value, "a number from " + min + " to " + max);
        }
    }

    /** For durations where zero means "off". */
    public static void notNegative(String component, Duration value) {
        if (present(component, value).isNegative()) {
            throw invalid(component, value, "zero (off) or a positive duration");
        }
    }

    /** For durations that cannot be switched off (timeouts, periods). */
    public static void positive(String component, Duration value) {
        if (present(component, value).isNegative() || value.isZero()) {
            throw invalid(component, value, "a duration above zero");
        }
    }

    public static void atLeast(String component, Duration value, Duration min) {
        if (present(component, value).compareTo(min) < 0) {
            throw invalid(component, value, "at least " + min);
        }
    }

    private static ConfigException invalid(String component, Object value, String expected) {
        return new ConfigException(component + "=" + value + " is not valid: expected " + expected);
    }
}
