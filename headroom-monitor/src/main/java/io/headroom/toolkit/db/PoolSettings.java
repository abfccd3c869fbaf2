package io.headroom.toolkit.db;

import io.headroom.toolkit.config.ComponentCheck;
import io.headroom.toolkit.config.ConfigException;
import java.time.Duration;
import java.util.Optional;

/**
 * What a connection pool needs, validated on construction so a bad value stops start-up with a
 * message naming the setting instead of failing on the first query. The messages name the record's
 * components: a host reading them from its configuration validates under its own keys first (as the
 * explorer does for DB_POOL_MAX), since only it knows them. In code, {@link #builder} starts from
 * the explorer's defaults: 20 connections, 5 idle, a 5 s connection timeout.
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
        requireText("name", name);
        requireText("jdbcUrl", jdbcUrl);
        ComponentCheck.present("user", user);
        ComponentCheck.present("password", password);
        ComponentCheck.present("connectionTimeout", connectionTimeout);
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

    private static void requireText(String component, String value) {
        if (ComponentCheck.present(component, value).isBlank()) {
            throw new ConfigException(component + " is blank: expected a value");
        }
    }

    /**
     * A builder for the pool named {@code name} (in logs and metrics) at {@code jdbcUrl}: the two have
     * no sensible default, everything else starts at the explorer's.
     */
    public static Builder builder(String name, String jdbcUrl) {
        return new Builder(name, jdbcUrl);
    }

    /** Sets components one by one; {@link #build()} validates them together. */
    public static final class Builder {
        private final String name;
        private final String jdbcUrl;
        private Optional<String> user = Optional.empty();
        private Optional<String> password = Optional.empty();
        private int maxSize = 20;
        private int minIdle = 5;
        private Duration connectionTimeout = Duration.ofSeconds(5);

        private Builder(String name, String jdbcUrl) {
            this.name = name;
            this.jdbcUrl = jdbcUrl;
        }

        public Builder user(String user) {
            this.user = Optional.of(ComponentCheck.present("user", user));
            return this;
        }

        public Builder password(String password) {
            this.password = Optional.of(ComponentCheck.present("password", password));
            return this;
        }

        public Builder maxSize(int maxSize) {
            this.maxSize = maxSize;
            return this;
        }

        public Builder minIdle(int minIdle) {
            this.minIdle = minIdle;
            return this;
        }

        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        public PoolSettings build() {
            return new PoolSettings(name, jdbcUrl, user, password, maxSize, minIdle, connectionTimeout);
        }
    }
}
