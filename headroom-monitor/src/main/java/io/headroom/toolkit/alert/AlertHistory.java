package io.headroom.toolkit.alert;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Alert events of the last {@code retention} (24 h by default), newest first when read. */
public final class AlertHistory {
    private static final int MAX_EVENTS = 10_000;
    private final long retentionMillis;
    private final ArrayDeque<AlertEvent> events = new ArrayDeque<>();

    public AlertHistory(Duration retention) {
        this.retentionMillis = retention.toMillis();
    }

    public synchronized void add(AlertEvent event) {
        events.addLast(event);
        prune(event.atEpochMillis());
    }

    public synchronized List<AlertEvent> since(long nowMillis) {
        prune(nowMillis);
        List<AlertEvent> out = new ArrayList<>(events);
        Collections.reverse(out);
        return out;
    }

    private void prune(long nowMillis) {
        while (!events.isEmpty()
                && (events.peekFirst().atEpochMillis() < nowMillis - retentionMillis || events.size() > MAX_EVENTS)) {
            events.removeFirst();
        }
    }
}
