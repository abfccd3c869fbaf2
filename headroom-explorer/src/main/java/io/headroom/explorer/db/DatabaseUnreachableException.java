package io.headroom.explorer.db;

import io.headroom.toolkit.db.DatabaseUrl;
import java.sql.SQLException;

/**
 * The catalog database refused the first connection: it is down or unreachable, refuses the
 * credentials, or (the embedded H2 file) is held by another process. Carries what a one-line
 * message needs, never the password; the caller names the setting or option the URL came from.
 */
public final class DatabaseUnreachableException extends RuntimeException {
    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    private static final int H2_FILE_IN_USE = 90020;

    private final String location;
    private final boolean fileInUse;
    private final String reason;

    private DatabaseUnreachableException(String location, boolean fileInUse, String reason, SQLException cause) {
        super(
                (fileInUse
                        ? "The catalog database " + location + " is in use by another process"
                        : "Cannot connect to the catalog database " + location + ": " + reason),
                cause);
        this.location = location;
        this.fileInUse = fileInUse;
        this.reason = reason;
    }

    static DatabaseUnreachableException of(String jdbcUrl, SQLException e) {
        if (e.getErrorCode() == H2_FILE_IN_USE && jdbcUrl.startsWith("jdbc:h2:")) {
            return new DatabaseUnreachableException(h2File(jdbcUrl), true, oneLine(e.getMessage()), e);
        }
        return new DatabaseUnreachableException(DatabaseUrl.masked(jdbcUrl), false, oneLine(e.getMessage()), e);
    }

    /** The embedded database's file, or the URL with its password masked. */
    public String location() {
        return location;
    }

    /** True when the embedded H2 file is held by another process (a second service on the same data directory). */
    public boolean fileInUse() {
        return fileInUse;
    }

    /** The driver's reason, on one line. */
    public String reason() {
        return reason;
    }

    /** The file of {@code jdbc:h2:file:/path/catalog;MODE=...}: {@code /path/catalog.mv.db}. */
    private static String h2File(String jdbcUrl) {
        String location = jdbcUrl.substring("jdbc:h2:".length()).replaceFirst("^file:", "");
        int settings = location.indexOf(';');
        return (settings < 0 ? location : location.substring(0, settings)) + ".mv.db";
    }

    private static String oneLine(String message) {
        return message == null ? "no reason given" : message.strip().replaceAll("\\s+", " ");
    }
}
