package io.headroom.toolkit.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rules, keeps the active alerts, and turns changes into events: FIRED when an alert
 * appears or changes severity, RESOLVED when its rule stops finding it. Events go to the 24 h
 * history and to the notifier (which never blocks this thread).
 */
public final class AlertEngine {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);

    private final List<AlertRule> rules;
    private final AlertHistory history;
    private final AlertNotifier notifier;
    private final LongSupplier clock;
    private final Map<String, Finding> active = new LinkedHashMap<>();

    public AlertEngine(List<AlertRule> rules, AlertHistory history, AlertNotifier notifier, LongSupplier clock) {
        this.rules = List.copyOf(rules);
        this.history = history;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Evaluates every rule once; returns the events this evaluation produced. */
    public synchronized List<AlertEvent> evaluate(AlertInputs inputs) {
        Map<String, Finding> now = new HashMap<>();
        for (AlertRule rule : rules) {
            for (Finding f : rule.evaluate(inputs)) {
                now.put(f.key(), f);
            }
        }
        long at = clock.getAsLong();
        List<AlertEvent> events = new ArrayList<>();
        for (Finding f : now.values()) {
            Finding before = active.get(f.key());
            if (before == null || before.severity() != f.severity()) {
                events.add(new AlertEvent(
                        at,
                        f.key(),
                        f.rule(),
                        AlertEvent.State.FIRED,
                        f.severity(),
                        f.value(),
                        f.threshold(),
                        f.message()));
            }
            active.put(f.key(), f);
        }
        for (var it = active.entrySet().iterator(); it.hasNext(); ) {
            Finding f = it.next().getValue();
            if (!now.containsKey(f.key())) {
                it.remove();
                events.add(new AlertEvent(
                        at,
                        f.key(),
                        f.rule(),
                        AlertEvent.State.RESOLVED,
                        f.severity(),
                        f.value(),
                        f.threshold(),
                        "resolved: " + f.message()));
            }
        }
        for (AlertEvent e : events) {
            LOG.warn("Alert {} {} {}: {}", e.state(), e.severity(), e.key(), e.message());
            history.add(e);
            notifier.send(e);
        }
        return events;
    }

    public synchronized List<Finding> active() {
        return List.copyOf(active.values());
    }

    public List<AlertEvent> history() {
        return history.since(clock.getAsLong());
    }
}
