package io.headroom.toolkit.alert;

/** A change of an alert: it fired (or changed severity), or it resolved. */
public record AlertEvent(
        long atEpochMillis,
        String key,
        String rule,
        State state,
        Severity severity,
        double value,
        double threshold,
        String message) {

    public enum State {
        FIRED,
        RESOLVED
    }
}
