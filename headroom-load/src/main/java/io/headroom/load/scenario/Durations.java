package io.headroom.load.scenario;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as k6 writes them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1m30s}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

    private Durations() {}

    /** @param where the option or key named in the error message */
    public static Duration parse(String text, String where) {
        String t = text == null ? "" : text.strip();
        Matcher m = PART.matcher(t);
        int at = 0;
        double nanos = 0;
        while (m.find() && m.start() == at) {
            double v = Double.parseDouble(m.group(1));
            nanos += v
                    * switch (m.group(2)) {
                        case "ms" -> 1e6;
                        case "s" -> 1e9;
                        case "m" -> 60e9;
                        default -> 3600e9;
                    };
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw new ScenarioException(
                    where + ": bad duration '" + text + "', expected e.g. 500ms, 30s, 5m, 1h or 1m30s");
        }
        return Duration.ofNanos((long) nanos);
    }
}
