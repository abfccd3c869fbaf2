package io.headroom.cli;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Tells Helidon that logging is configured (by {@link ConsoleLogging}, before any command runs).
 * Without a provider Helidon prints "There is no Helidon logging implementation on classpath" on
 * every start; its own JUL provider would re-read the configuration from the working directory.
 */
public final class HelidonLoggingConfigured implements LoggingProvider {
    @Override
    public void initialization() {
        // configured already
    }

    @Override
    public void runTime() {
        // configured already
    }
}
