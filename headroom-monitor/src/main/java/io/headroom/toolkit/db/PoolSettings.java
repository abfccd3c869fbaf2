package io.headroom.toolkit.db;

import io.headroom.toolkit.config.ConfigException;
import java.time.Duration;
import java.util.Optional;

/**
 * What a connection pool needs, validated on construction so a bad value stops start-up with a
 * message naming the setting instead of failing on the first query. The messages name the record's
 * components: a host reading them from its configuration validates under its own keys first (as the
 * explorer does for DB_POOL_MAX), since only it knows them.
 *
 * @param name the pool's name in logs and metrics (for example {@code catalog})
 */
public record PoolSettings(
        String name,
        String jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        int maxSize,
        int minIdle,
        Duration connectionTimeout) {

    /** HikariCP refuses connection timeouts below this. */
    public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public PoolSettings {
        if (maxSize < 1) {
            throw new ConfigException("maxSize=" + maxSize + " is not valid: expected at least 1");
        }
        if (minIdle < 0 || minIdle > maxSize) {
            throw new ConfigException("minIdle=" + minIdle + " is not valid: expected 0 to maxSize (" + maxSize + ")");
        }
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new ConfigException("connectionTimeout=" + connectionTimeout.toMillis()
                    + "ms is not valid: expected at least " + MIN_CONNECTION_TIMEOUT.toMillis() + "ms");
        }
    }
}
