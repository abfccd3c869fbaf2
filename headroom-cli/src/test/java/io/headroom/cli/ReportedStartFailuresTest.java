package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ReportedStartFailuresTest {
    private final ReportedStartFailures filter = new ReportedStartFailures();

    private static LogRecord record(String logger, Level level, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }

    @Test
    void dropsHelidonsBindFailureAndItsShuttingDownLine() {
        Throwable bind = new ExecutionException(
                new UncheckedIOException("Failed to start server", new BindException("Address already in use")));
        assertThat(filter.isLoggable(record(
                        "io.helidon.webserver.LoomServer",
                        Level.SEVERE,
                        "Failed to start listener: /0.0.0.0:8080",
                        bind)))
                .isFalse();
        assertThat(filter.isLoggable(record(
                        "io.helidon.webserver.LoomServer",
                        Level.SEVERE,
                        "Helidon WebServer failed to start, shutting down",
                        null)))
                .isFalse();
    }

    @Test
    void keepsEverythingElse() {
        assertThat(filter.isLoggable(record(
                        "io.helidon.webserver.LoomServer",
                        Level.SEVERE,
                        "Failed to start listener",
                        new IllegalStateException("TLS misconfigured"))))
                .isTrue();
        assertThat(filter.isLoggable(record(
                        "io.headroom.explorer.ExplorerServer",
                        Level.SEVERE,
                        "Helidon WebServer failed to start",
                        new BindException("Address already in use"))))
                .isTrue();
        assertThat(filter.isLoggable(record("io.helidon.webserver.LoomServer", Level.INFO, null, null)))
                .isTrue();
    }
}
