package io.headroom.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.LogManager;

/**
 * The console log of every command: one line per record, the service's own messages at INFO, the
 * libraries' start-up chatter (Flyway's migration tables, HikariCP, Helidon) only from WARNING. The
 * settings are {@code logging.properties} beside this class; {@code -Djava.util.logging.config.file=...}
 * (through HEADROOM_JAVA_OPTS) replaces them.
 */
final class ConsoleLogging {
    private ConsoleLogging() {}

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return; // the user's own configuration, already read by the LogManager
        }
        try (InputStream in = ConsoleLogging.class.getResourceAsStream("logging.properties")) {
            if (in == null) {
                throw new IllegalStateException("logging.properties is missing from the headroom jar");
            }
            LogManager.getLogManager().readConfiguration(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the logging configuration", e);
        }
    }
}
