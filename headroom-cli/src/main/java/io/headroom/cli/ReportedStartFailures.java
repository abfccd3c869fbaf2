package io.headroom.cli;

import java.net.BindException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops Helidon's log of a failed bind (an ERROR with a 30-line stack, then "failed to start, shutting
 * down"): {@code ExplorerServer} finds the reason again and {@code serve} prints it in one line. Any
 * other failure of Helidon to start is still logged.
 */
public final class ReportedStartFailures implements Filter {
    private static final String HELIDON_SERVER = "io.helidon.webserver.LoomServer";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!HELIDON_SERVER.equals(record.getLoggerName())) {
            return true;
        }
        if (causedByBind(record.getThrown())) {
            return false;
        }
        String message = record.getMessage();
        return message == null || !message.startsWith("Helidon WebServer failed to start");
    }

    private static boolean causedByBind(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
