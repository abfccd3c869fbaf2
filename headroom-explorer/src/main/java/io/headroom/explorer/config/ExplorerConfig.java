package io.headroom.explorer.config;

import io.headroom.explorer.access.AccessMode;
import io.headroom.explorer.auth.PasswordHasher;
import io.headroom.explorer.cdn.CdnSettings;
import io.headroom.explorer.download.AccelRedirect;
import io.headroom.explorer.lake.s3.S3Settings;
import io.headroom.toolkit.cache.CacheSettings;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.db.DatabaseUrl;
import io.headroom.toolkit.http.HttpSettings;
import io.headroom.toolkit.monitor.MonitoringSettings;
import io.headroom.toolkit.ratelimit.RateLimitSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the Data Lake Explorer, read once at start-up and validated (see README's
 * configuration table). Grouped by concern so each part of the service takes only its own.
 */
public record ExplorerConfig(
        ServerSettings server,
        DatabaseSettings database,
        LakeSettings lake,
        RefreshSettings refresh,
        AccessSettings access,
        UserSettings users,
        MonitoringSettings monitoring,
        CacheSettings cache,
        HttpSettings http,
        ResilienceSettings resilience,
        RateLimitSettings rateLimits,
        UiSettings ui,
        CdnSettings cdn) {

    public static ExplorerConfig fromEnvironment() {
        return from(Settings.fromEnvironment());
    }

    public static ExplorerConfig from(Settings s) {
        Path dataDir = Path.of(s.string("HEADROOM_DATA_DIR", "data"));
        return new ExplorerConfig(
                new ServerSettings(s.string("HEADROOM_HOST", "0.0.0.0"), s.integer("HEADROOM_PORT", 8080, 0, 65535)),
                databaseSettings(
                        s,
                        DatabaseUrl.parse(
                                "DATABASE_URL",
                                s.string(
                                        "DATABASE_URL",
                                        "jdbc:h2:file:"
                                                + dataDir.toAbsolutePath().resolve("catalog")
                                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                                        "H2 file $HEADROOM_DATA_DIR/catalog"))),
                lakeSettings(s, dataDir),
                new RefreshSettings(
                        s.duration("HEADROOM_REFRESH_INTERVAL", Duration.ofMinutes(30)),
                        s.integer("HEADROOM_REFRESH_PARALLELISM", 4, 1, 64),
                        s.integer("HEADROOM_REFRESH_BATCH_SIZE", 200, 1, 10_000),
                        s.longValue("HEADROOM_EXACT_COUNT_LIMIT_BYTES", 64L * 1024 * 1024, 0, Long.MAX_VALUE),
                        leaseTtl(s)),
                new AccessSettings(
                        s.optional("HEADROOM_ADMIN_TOKEN"),
                        s.optional("HEADROOM_METRICS_TOKEN"),
                        s.bool("HEADROOM_MONITORING_PUBLIC", false)),
                userSettings(s),
                MonitoringSettings.from(s),
                CacheSettings.from(s),
                HttpSettings.from(s),
                ResilienceSettings.from(s),
                RateLimitSettings.from(s),
                new UiSettings(Path.of(s.string(
                        "HEADROOM_LOAD_REPORTS_DIR",
                        dataDir.resolve("load-reports").toString(),
                        "$HEADROOM_DATA_DIR/load-reports"))),
                CdnSettings.from(s));
    }

    private static LakeSettings lakeSettings(Settings s, Path dataDir) {
        Path directory =
                Path.of(s.string("HEADROOM_LAKE_DIR", dataDir.resolve("lake").toString(), "$HEADROOM_DATA_DIR/lake"));
        int sampleDatasets = s.integer("HEADROOM_SAMPLE_DATASETS", 300, 0, 1_000_000);
        S3Settings s3 = S3Settings.from(s);
        Optional<AccelRedirect> accel = s.optional(AccelRedirect.SETTING).map(AccelRedirect::new);
        if (accel.isPresent() && s3.enabled()) {
            throw new ConfigException(AccelRedirect.SETTING + " hands local lake files to nginx, but the lake is S3"
                    + " (S3_BUCKET is set): S3 downloads above S3_PRESIGN_ABOVE_BYTES already go to S3 directly");
        }
        return new LakeSettings(directory, sampleDatasets, s3, accel);
    }

    /** At least a second: the heartbeat renews the lease every third of it, across a database round trip. */
    private static Duration leaseTtl(Settings s) {
        Duration ttl = s.duration("HEADROOM_REFRESH_LEASE_TTL", Duration.ofSeconds(30));
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("HEADROOM_REFRESH_LEASE_TTL=" + ttl.toMillis()
                    + "ms is too short: it must be at least 1s (default 30s); it cannot be turned off");
        }
        return ttl;
    }

    /** Every setting {@link #from} reads, in reading order, with its default (for {@code serve --help}). */
    public static List<Settings.Read> knownSettings() {
        Settings recording = Settings.recording();
        from(recording);
        return recording.reads();
    }

    private static UserSettings userSettings(Settings s) {
        AccessMode mode = AccessMode.parse(s.string("HEADROOM_ACCESS", "public"));
        int cost = s.integer("HEADROOM_BCRYPT_COST", 12, 4, 31);
        Optional<String> secret = s.optional("HEADROOM_JWT_SECRET");
        List<String> previous = s.optional("HEADROOM_JWT_PREVIOUS_SECRETS")
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(p -> !p.isEmpty())
                        .toList())
                .orElse(List.of());
        Duration lifetime = s.duration("HEADROOM_TOKEN_LIFETIME", Duration.ofHours(24));
        if (lifetime.isZero()) {
            throw new ConfigException("HEADROOM_TOKEN_LIFETIME cannot be off: login tokens must expire (default 24h)");
        }
        Optional<String> adminPassword = s.optional("HEADROOM_ADMIN_PASSWORD");
        adminPassword.flatMap(PasswordHasher::problem).ifPresent(reason -> {
            throw new ConfigException("HEADROOM_ADMIN_PASSWORD " + reason);
        });
        return new UserSettings(mode, cost, secret, previous, lifetime, adminPassword);
    }

    /** DATABASE_USER / DATABASE_PASSWORD win over credentials embedded in a postgres:// URL. */
    private static DatabaseSettings databaseSettings(Settings s, DatabaseUrl url) {
        Optional<String> user = s.optional("DATABASE_USER");
        Optional<String> password = s.optional("DATABASE_PASSWORD");
        int poolMax = s.integer("DB_POOL_MAX", 20, 1, 1000);
        int poolMinIdle = s.integer("DB_POOL_MIN_IDLE", 5, 0, 1000);
        return new DatabaseSettings(
                url.jdbcUrl(),
                user.or(url::user),
                password.or(url::password),
                poolMax,
                poolMinIdle,
                s.duration("DB_CONNECTION_TIMEOUT", Duration.ofSeconds(5)),
                replicaSettings(s, user, password, poolMax, poolMinIdle));
    }

    /**
     * The read replica (RES-4), when DATABASE_REPLICA_URL is set: a PostgreSQL streaming standby of the
     * primary. Its credentials are the URL's own, else the primary's DATABASE_USER / DATABASE_PASSWORD; its
     * pool is sized like the primary's unless told. Every setting is read either way, so help lists them.
     */
    private static Optional<ReplicaSettings> replicaSettings(
            Settings s, Optional<String> user, Optional<String> password, int poolMax, int poolMinIdle) {
        Optional<DatabaseUrl> url =
                s.optional("DATABASE_REPLICA_URL").map(v -> DatabaseUrl.parse("DATABASE_REPLICA_URL", v));
        int max = s.integer("DB_REPLICA_POOL_MAX", poolMax, 1, 1000);
        int minIdle = s.integer("DB_REPLICA_POOL_MIN_IDLE", Math.min(poolMinIdle, max), 0, 1000);
        Duration connectionTimeout = s.duration("DB_REPLICA_CONNECTION_TIMEOUT", Duration.ofSeconds(1));
        Duration maxLag = s.duration("DATABASE_REPLICA_MAX_LAG", Duration.ofSeconds(5));
        Duration checkInterval = s.duration("DATABASE_REPLICA_CHECK_INTERVAL", Duration.ofSeconds(1));
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.get().jdbcUrl().startsWith("jdbc:postgresql:")) {
            throw new ConfigException("DATABASE_REPLICA_URL must name a PostgreSQL streaming replica (jdbc:postgresql:"
                    + " or postgresql://): its lag is read from PostgreSQL's WAL positions");
        }
        if (connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
            throw new ConfigException("DB_REPLICA_CONNECTION_TIMEOUT=" + connectionTimeout.toMillis()
                    + "ms is too short: at least 250ms (HikariCP's minimum)");
        }
        if (checkInterval.compareTo(Duration.ofMillis(50)) < 0) {
            throw new ConfigException(
                    "DATABASE_REPLICA_CHECK_INTERVAL=" + checkInterval.toMillis() + "ms is too short: at least 50ms");
        }
        if (minIdle > max) {
            throw new ConfigException(
                    "DB_REPLICA_POOL_MIN_IDLE=" + minIdle + " is larger than DB_REPLICA_POOL_MAX=" + max);
        }
        return Optional.of(new ReplicaSettings(
                new DatabaseSettings(
                        url.get().jdbcUrl(),
                        url.get().user().or(() -> user),
                        url.get().password().or(() -> password),
                        max,
                        minIdle,
                        connectionTimeout),
                maxLag,
                checkInterval));
    }

    public record ServerSettings(String host, int port) {}

    /**
     * A PostgreSQL streaming replica for catalog reads (RES-4).
     *
     * @param pool its URL, credentials and pool (its {@code replica} is empty)
     * @param maxLag beyond this, catalog reads go to the primary until the replica catches up
     * @param checkInterval how often its lag is read (in the background, not per request)
     */
    public record ReplicaSettings(DatabaseSettings pool, Duration maxLag, Duration checkInterval) {}

    /**
     * @param url a JDBC URL; the embedded H2 file database unless DATABASE_URL names PostgreSQL
     */
    public record DatabaseSettings(
            String url,
            Optional<String> user,
            Optional<String> password,
            int poolMax,
            int poolMinIdle,
            Duration connectionTimeout,
            Optional<ReplicaSettings> replica) {
        public DatabaseSettings {
            if (poolMinIdle > poolMax) {
                throw new ConfigException("DB_POOL_MIN_IDLE=" + poolMinIdle + " is larger than DB_POOL_MAX=" + poolMax);
            }
        }

        /** Without a read replica. */
        public DatabaseSettings(
                String url,
                Optional<String> user,
                Optional<String> password,
                int poolMax,
                int poolMinIdle,
                Duration connectionTimeout) {
            this(url, user, password, poolMax, poolMinIdle, connectionTimeout, Optional.empty());
        }

        public boolean isPostgres() {
            return url.startsWith("jdbc:postgresql:");
        }
    }

    /**
     * @param sampleDatasets how many datasets to generate when the lake directory does not exist yet (0: none)
     * @param s3 the S3 lake; when its bucket is set, the lake is there and the directory is not used for it
     * @param accelRedirect full downloads handed to nginx in front (HEADROOM_DOWNLOAD_ACCEL_PREFIX); local lakes only
     */
    public record LakeSettings(
            Path directory, int sampleDatasets, S3Settings s3, Optional<AccelRedirect> accelRedirect) {}

    /**
     * @param interval time between scheduled refreshes; zero disables the schedule
     * @param exactCountLimitBytes files up to this size are counted exactly, larger ones estimated
     * @param leaseTtl how long a refresh's lease outlives its last heartbeat: after that its owner counts as
     *        gone, and another instance may close its log row and refresh
     */
    public record RefreshSettings(
            Duration interval, int parallelism, int batchSize, long exactCountLimitBytes, Duration leaseTtl) {}

    /**
     * Users, login tokens and who sees the catalog (docs/users-and-access.md).
     *
     * @param access public (anonymous callers see the folders not marked private) or authenticated
     * @param bcryptCost the bcrypt cost of new password hashes (4–31; each step doubles the work)
     * @param jwtSecret the key new login tokens are signed with; absent: a random one per process
     * @param jwtPreviousSecrets keys still accepted, for a rotation's overlap
     * @param tokenLifetime how long a login token is valid
     * @param adminPassword the password of the admin a first start creates; absent: generated and printed once
     */
    public record UserSettings(
            AccessMode access,
            int bcryptCost,
            Optional<String> jwtSecret,
            List<String> jwtPreviousSecrets,
            Duration tokenLifetime,
            Optional<String> adminPassword) {
        @Override
        public String toString() { // never print the secrets
            return "UserSettings[access=" + access + ", bcryptCost=" + bcryptCost + ", tokenLifetime=" + tokenLifetime
                    + "]";
        }
    }

    /**
     * Who may use the admin and monitoring routes.
     *
     * @param adminToken a static admin bearer token (works as an admin API key); absent: only admin users
     *                   (login tokens, admin API keys) use the admin routes. It also opens the monitoring routes.
     * @param metricsToken a bearer token that opens the monitoring routes only (a Prometheus scrape
     *                     needs no admin rights)
     * @param monitoringPublic the monitoring routes answer anyone, without a token
     */
    public record AccessSettings(
            Optional<String> adminToken, Optional<String> metricsToken, boolean monitoringPublic) {}

    /**
     * @param loadReports the folder the load-test reports page lists: one sub-folder per
     *                    {@code headroom load --out} run
     */
    public record UiSettings(Path loadReports) {}
}
