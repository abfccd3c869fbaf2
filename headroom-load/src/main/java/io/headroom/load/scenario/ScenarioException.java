package io.headroom.load.scenario;

/** A bad scenario or option; the message names the file, line or option and what is accepted. Exit code 2. */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }
}
