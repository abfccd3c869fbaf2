package io.headroom.explorer.db;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.db.DatabaseUrl;

/** The two databases the catalog runs on; chosen by the JDBC URL. */
public enum Dialect {
    H2("h2"),
    POSTGRESQL("postgresql");

    private final String migrationFolder;

    Dialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new ConfigException("DATABASE_URL='" + DatabaseUrl.masked(jdbcUrl)
                + "' is not supported: expected jdbc:postgresql:..., postgresql://... or jdbc:h2:...");
    }

    String migrationFolder() {
        return migrationFolder;
    }
}
