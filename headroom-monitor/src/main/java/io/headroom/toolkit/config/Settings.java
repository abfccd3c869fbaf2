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
 * Typed, validated reads of flat settings: environment variables, a map, or a host's configuration
 * through an adapter ({@code io.headroom.toolkit.helidon.HelidonSettings} for Helidon's {@code Config}).
 *
 * <p>The toolkit's settings classes read <em>canonical names</em> (the Data Lake Explorer's variable
 * names, such as {@code CACHE_ENABLED} or {@code HEADROOM_SLOW_REQUEST}); a {@link Naming} turns each
 * into the key the host uses ({@code MYAPP_CACHE_ENABLED}, {@code cache-enabled}), and every error
 * names that key, states the accepted range, and happens at start-up, so a misconfiguration stops
 * the process with a clear message instead of surfacing later as a null pointer.
 */
public final class Settings {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final String CANONICAL_PREFIX = "HEADROOM_";

    /** Where values come from, by the host's key; a blank value counts as unset. */
    @FunctionalInterface
    public interface Source {
        Optional<String> get(String key);
    }

    /** From a canonical name to the host's key for it. */
    @FunctionalInterface
    public interface Naming {
        String key(String canonicalName);

        /** The canonical names as they are (the explorer's environment). */
        static Naming canonical() {
            return name -> name;
        }

        /**
         * Environment variables under a prefix of the host's: {@code CACHE_ENABLED} and
         * {@code HEADROOM_SLOW_REQUEST} become {@code <prefix>CACHE_ENABLED} and {@code <prefix>SLOW_REQUEST}.
         */
        static Naming prefixed(String prefix) {
            return name -> prefix + unprefixed(name);
        }

        /** Keys of a configuration tree: {@code HEADROOM_SLOW_REQUEST} becomes {@code <node>.slow-request}. */
        static Naming dotted(String node) {
            return name -> (node.isEmpty() ? "" : node + ".")
                    + unprefixed(name).toLowerCase(Locale.ROOT).replace('_', '-');
        }

        private static String unprefixed(String name) {
            return name.startsWith(CANONICAL_PREFIX) ? name.substring(CANONICAL_PREFIX.length()) : name;
        }
    }

    private final Source source;
    private final Naming naming;
    /** Values by canonical name for what the source does not set ({@link #withFallback}). */
    private final Map<String, String> fallback;
    /** Every read, in order, when this is a {@link #recording} instance; else null. */
    private final Map<String, Read> reads;

    /** Settings from a map keyed by canonical names. */
    public Settings(Map<String, String> values) {
        this(mapSource(values), Naming.canonical(), Map.of(), null);
    }

    private Settings(Source source, Naming naming, Map<String, String> fallback, Map<String, Read> reads) {
        this.source = source;
        this.naming = naming;
        this.fallback = fallback;
        this.reads = reads;
    }

    /** Any source, keyed as the naming says (the seam for configuration systems: Helidon, Spring). */
    public static Settings of(Source source, Naming naming) {
        return new Settings(source, naming, Map.of(), null);
    }

    /** The process environment under the canonical names (the Data Lake Explorer's variables). */
    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** The process environment under a prefix the host chooses ({@link Naming#prefixed}). */
    public static Settings fromEnvironment(String prefix) {
        return of(mapSource(System.getenv()), Naming.prefixed(prefix));
    }

    /**
     * These settings, with values by canonical name read from {@code fallback} when the source has
     * none (a file under the environment).
     */
    public Settings withFallback(Map<String, String> values) {
        return new Settings(source, naming, Map.copyOf(values), reads);
    }

    private static Source mapSource(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key));
    }

    /** The host's key for a canonical name: what errors and help texts show. */
    public String key(String name) {
        return naming.key(name);
    }

    /** A setting some configuration reads, with its default as a person would write it. */
    public record Read(String name, String defaultValue) {}

    /**
     * Empty settings that remember every read: handing them to a configuration's {@code from(Settings)}
     * lists the settings it knows, with their defaults, from the code that reads them (help texts).
     * Unlike ordinary instances it is not safe to share between threads.
     */
    public static Settings recording() {
        return new Settings(key -> Optional.empty(), Naming.canonical(), Map.of(), new LinkedHashMap<>());
    }

    /** What a {@link #recording()} instance saw read, in reading order; empty for other instances. */
    public List<Read> reads() {
        return reads == null ? List.of() : List.copyOf(reads.values());
    }

    private void note(String name, String defaultValue) {
        if (reads != null) {
            reads.putIfAbsent(key(name), new Read(key(name), defaultValue));
        }
    }

    /** The raw value, if set to something other than blanks. */
    public Optional<String> optional(String name) {
        note(name, "none");
        return raw(name);
    }

    private Optional<String> raw(String name) {
        return source.get(key(name))
                .filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(fallback.get(name)).filter(value -> !value.isBlank()))
                .map(String::trim);
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
        return parseDuration(raw.get())
                .orElseThrow(() -> outOfRange(
                        name, raw.get(), "a duration such as 500ms, 30s, 30m, 2h or 1d (0 or off to disable)"));
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
        return Optional.of(
                switch (m.group(2)) {
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
        for (var unit : List.of(
                Map.entry("d", 86_400_000L),
                Map.entry("h", 3_600_000L),
                Map.entry("m", 60_000L),
                Map.entry("s", 1_000L))) {
            if (ms % unit.getValue() == 0) {
                return ms / unit.getValue() + unit.getKey();
            }
        }
        return ms + "ms";
    }

    private ConfigException outOfRange(String name, String value, String accepted) {
        return new ConfigException(key(name) + "='" + value + "' is not valid: expected " + accepted);
    }
}
