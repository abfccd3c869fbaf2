package io.headroom.toolkit.alert;

/** Where alert events go besides the history. Implementations must return at once. */
public interface AlertNotifier {
    AlertNotifier NONE = event -> {};

    void send(AlertEvent event);
}
