package io.headroom.toolkit.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of flat settings (environment variables by default).
 *
 * <p>Every read names the variable in its error, states the accepted range, and happens at
 * start-up, so a misconfiguration stops the process with a clear message instead of surfacing
 * later as a null pointer.
 */
public final class Settings {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Map<String, String> values;
    /** Every read, in order, when this is a {@link #recording} instance; else null. */
    private final Map<String, Read> reads;

    public Settings(Map<String, String> values) {
        this(values, null);
    }

    private Settings(Map<String, String> values, Map<String, Read> reads) {
        this.values = Map.copyOf(values);
        this.reads = reads;
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** A setting some configuration reads, with its default as a person would write it. */
    public record Read(String name, String defaultValue) {}

    /**
     * Empty settings that remember every read: handing them to a configuration's {@code from(Settings)}
     * lists the settings it knows, with their defaults, from the code that reads them (help texts).
     * Unlike ordinary instances it is not safe to share between threads.
     */
    public static Settings recording() {
        return new Settings(Map.of(), new LinkedHashMap<>());
    }

    /** What a {@link #recording()} instance saw read, in reading order; empty for other instances. */
    public List<Read> reads() {
        return reads == null ? List.of() : List.copyOf(reads.values());
    }

    private void note(String name, String defaultValue) {
        if (reads != null) {
            reads.putIfAbsent(name, new Read(name, defaultValue));
        }
    }

    /** Every value, for layering settings (e.g. a file under the environment). */
    public Map<String, String> all() {
        return values;
    }

    /** The raw value, if set to something other than blanks. */
    public Optional<String> optional(String name) {
        note(name, "none");
        return raw(name);
    }

    private Optional<String> raw(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String defaultValue) {
        return string(name, defaultValue, defaultValue);
    }

    /** As {@link #string(String, String)}, for a default derived from other settings: {@code shownDefault} describes it. */
    public String string(String name, String defaultValue, String shownDefault) {
        note(name, shownDefault.isEmpty() ? "none" : shownDefault);
        return raw(name).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        note(name, String.valueOf(defaultValue));
        Optional<String> raw = raw(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw outOfRange(name, raw.get(), "a whole number from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw outOfRange(name, raw.get(), "a whole number from " + min + " to " + max);
        }
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        note(name, String.valueOf(defaultValue));
        Optional<String> raw = raw(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value < min || value > max) {
                throw outOfRange(name, raw.get(), "a whole number from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw outOfRange(name, raw.get(), "a whole number from " + min + " to " + max);
        }
    }

    public boolean bool(String name, boolean defaultValue) {
        note(name, String.valueOf(defaultValue));
        Optional<String> raw = raw(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw outOfRange(name, raw.get(), "true or false");
        };
    }

    /**
     * A duration such as {@code 500ms}, {@code 30s}, {@code 30m}, {@code 2h} or {@code 1d}; {@code 0} or
     * {@code off} mean "disabled" and are returned as {@link Duration#ZERO}.
     */
    public Duration duration(String name, Duration defaultValue) {
        note(name, formatDuration(defaultValue));
        Optional<String> raw = raw(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return parseDuration(raw.get()).orElseThrow(() ->
                outOfRange(name, raw.get(), "a duration such as 500ms, 30s, 30m, 2h or 1d (0 or off to disable)"));
    }

    /** Parses the duration syntax of {@link #duration}; empty when it is not one. */
    public static Optional<Duration> parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("0") || value.equals("off")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    /** A duration in the syntax {@link #parseDuration} reads, in its largest whole unit ({@code 30m}, {@code 500ms}, {@code off}). */
    public static String formatDuration(Duration d) {
        if (d.isZero()) {
            return "off";
        }
        long ms = d.toMillis();
        for (var unit : List.of(Map.entry("d", 86_400_000L), Map.entry("h", 3_600_000L), Map.entry("m", 60_000L),
                Map.entry("s", 1_000L))) {
            if (ms % unit.getValue() == 0) {
                return ms / unit.getValue() + unit.getKey();
            }
        }
        return ms + "ms";
    }

    private static ConfigException outOfRange(String name, String value, String accepted) {
        return new ConfigException(name + "='" + value + "' is not valid: expected " + accepted);
    }
}
