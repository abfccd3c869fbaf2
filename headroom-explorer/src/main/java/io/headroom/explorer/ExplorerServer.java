package io.headroom.explorer;

import io.headroom.explorer.access.AccessPolicy;
import io.headroom.explorer.access.PrivateFolders;
import io.headroom.explorer.audit.AuditLog;
import io.headroom.explorer.auth.Authenticator;
import io.headroom.explorer.auth.LoginAttempts;
import io.headroom.explorer.auth.PasswordHasher;
import io.headroom.explorer.auth.SigningKeys;
import io.headroom.explorer.auth.TokenService;
import io.headroom.explorer.cache.CatalogCache;
import io.headroom.explorer.cache.CatalogWarming;
import io.headroom.explorer.catalog.CatalogWriter;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.catalog.RefreshLease;
import io.headroom.explorer.catalog.RefreshLog;
import io.headroom.explorer.cdn.CatalogPurge;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.config.ResilienceSettings;
import io.headroom.explorer.db.CatalogDatabase;
import io.headroom.explorer.db.CatalogReplica;
import io.headroom.explorer.db.CatalogStartup;
import io.headroom.explorer.db.DatabaseUnreachableException;
import io.headroom.explorer.download.DownloadLog;
import io.headroom.explorer.download.DownloadStats;
import io.headroom.explorer.health.ExplorerHealth;
import io.headroom.explorer.lake.GuardedObjectStore;
import io.headroom.explorer.lake.LakeReader;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.lake.StoreLakeReader;
import io.headroom.explorer.lake.analysis.AnalysisLimits;
import io.headroom.explorer.lake.sample.SampleReader;
import io.headroom.explorer.refresh.RefreshProgress;
import io.headroom.explorer.refresh.RefreshService;
import io.headroom.explorer.users.FirstAdmin;
import io.headroom.explorer.users.UserStore;
import io.headroom.explorer.web.AccessServices;
import io.headroom.explorer.web.DataServices;
import io.headroom.explorer.web.Routes;
import io.headroom.explorer.web.SampleHandler;
import io.headroom.toolkit.cache.CacheWarmer;
import io.headroom.toolkit.cache.redis.RedisCache;
import io.headroom.toolkit.db.DatabaseUnavailable;
import io.headroom.toolkit.health.Drain;
import io.headroom.toolkit.helidon.Headroom;
import io.headroom.toolkit.helidon.HeadroomPart;
import io.headroom.toolkit.helidon.health.DrainFilter;
import io.headroom.toolkit.helidon.health.HealthEndpoints;
import io.headroom.toolkit.ratelimit.RateLimiter;
import io.headroom.toolkit.resilience.AdmissionSettings;
import io.headroom.toolkit.resilience.AdmittedDataSource;
import io.headroom.toolkit.resilience.DependencyBreaker;
import io.headroom.toolkit.resilience.GuardedDataSource;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the Data Lake Explorer: builds every part from the configuration, in
 * dependency order, starts the HTTP server, and stops everything in reverse order ({@link OpenedParts},
 * also when start-up fails half-way). The toolkit's parts come as one feature ({@link Headroom}).
 */
public final class ExplorerServer implements AutoCloseable {
    private final OpenedParts opened;
    private final RefreshService refresh;
    private final WebServer webServer;
    private final CatalogCache cache;
    private final Routes routes;
    private final DatasetRepository repository;
    private final CatalogStartup startup;
    private final Drain drain;
    private final ResilienceSettings resilience;
    private final DependencyBreaker databaseBreaker;

    /** Above the monitoring filter: the drain counts every request in flight (RES-3). */
    static final double DRAIN_WEIGHT = Headroom.MONITORING_WEIGHT + 100;
    /** After the monitoring filter (a 429 is still recorded), before the HTTP guards (RATE-1). */
    static final double RATE_LIMIT_WEIGHT = (Headroom.MONITORING_WEIGHT + Headroom.PROBLEM_DETAILS_WEIGHT) / 2;
    /** After the rate limits (a 429 takes no place), before everything else (RATE-5). */
    static final double CONCURRENCY_LIMIT_WEIGHT = (RATE_LIMIT_WEIGHT + Headroom.PROBLEM_DETAILS_WEIGHT) / 2;

    private ExplorerServer(
            OpenedParts opened,
            RefreshService refresh,
            WebServer webServer,
            CatalogCache cache,
            Routes routes,
            DatasetRepository repository,
            CatalogStartup startup,
            Drain drain,
            ResilienceSettings resilience,
            DependencyBreaker databaseBreaker) {
        this.databaseBreaker = databaseBreaker;
        this.startup = startup;
        this.drain = drain;
        this.resilience = resilience;
        this.opened = opened;
        this.refresh = refresh;
        this.webServer = webServer;
        this.cache = cache;
        this.routes = routes;
        this.repository = repository;
    }

    /**
     * Starts on the lake of the configuration: the S3 bucket when {@code S3_BUCKET} is set, else the local
     * directory, into which a sample lake of {@code HEADROOM_SAMPLE_DATASETS} datasets is generated first
     * when it does not exist yet.
     */
    public static ExplorerServer start(ExplorerConfig config) {
        StartChecks.failIfCannotListen(config.server()); // before seconds of sample-lake generation and migration
        ObjectStore store = openGuardedLake(config);
        OpenedParts onFailure = new OpenedParts();
        onFailure.add(store);
        StoreLakeReader lake;
        try {
            lake = new StoreLakeReader(
                    store, AnalysisLimits.withExactCountLimit(config.refresh().exactCountLimitBytes()));
        } catch (RuntimeException e) {
            onFailure.close();
            throw e;
        }
        return start(config, store, lake); // closes the store when it fails
    }

    /** Starts with another lake reader over the configured store (tests use small fixed lakes). */
    public static ExplorerServer start(ExplorerConfig config, LakeReader lake) {
        StartChecks.failIfCannotListen(config.server());
        return start(config, openGuardedLake(config), lake);
    }

    /** The configured store behind its circuit breaker (RES-2), for every user: refresh, samples, downloads, health. */
    private static ObjectStore openGuardedLake(ExplorerConfig config) {
        return new GuardedObjectStore(
                StartChecks.openLake(config.lake()), config.resilience().storeBreaker());
    }

    /** Starts on a given lake; the store is closed with the server, or at once when start-up fails. */
    public static ExplorerServer start(ExplorerConfig config, ObjectStore store, LakeReader lake) {
        Instant startedAt = Instant.now();
        OpenedParts opened = new OpenedParts();
        opened.add(store);
        try {
            AtomicReference<Routes> routes = new AtomicReference<>();
            ResilienceSettings resilience = config.resilience();
            Drain drain = new Drain();
            // Rate limits (RATE-1..4): buckets shared through Redis when REDIS_URL is set, else per instance.
            Optional<RateLimiter> limiter = config.rateLimits().enabled()
                    ? Optional.of(opened.add(new RateLimiter(
                            config.rateLimits().openStore(config.cache().keyPrefix() + "ratelimit:"),
                            config.rateLimits().slowDown())))
                    : Optional.empty();
            var builder = Headroom.builder()
                    .monitoring(config.monitoring())
                    .http(config.http())
                    .diskPath(config.lake().directory())
                    // the explorer opts in (with request monitoring on); HEADROOM_ALLOCATION_SAMPLING=off still vetoes
                    // it
                    .allocationSampling(config.monitoring().enabled())
                    .cache(RedisCache.open(config.cache())) // in-process, over Redis when REDIS_URL is set
                    .responseCaching(config.cache().enabled())
                    .staleIfError(resilience.staleCopies()) // cached answers outlive a database outage (RES-2)
                    .alertsPaths("/api/v1/alerts", "/api/alerts") // and the unversioned alias
                    .endpointGuard(Routes.monitoringAccess(config.access())) // metrics or admin token, unless opened
                    .serverTimingCallers(
                            Routes.serverTimingCallers()) // HEADROOM_SERVER_TIMING=token: the same audience
                    .notFoundFallback(path -> routes.get().allowedMethods(path)) // 405 with Allow, or 404
                    .addPart(HeadroomPart.of(
                            "drain", DRAIN_WEIGHT, routing -> routing.addFilter(new DrainFilter(drain))));
            limiter.ifPresent(l -> builder.addPart(HeadroomPart.of(
                    "rate-limits",
                    RATE_LIMIT_WEIGHT,
                    routing -> routing.addFilter(Routes.rateLimitFilter(l, config.rateLimits(), config.access())))));
            // Concurrency limits per route class (RATE-5), after the rate limits: a refused request takes no place.
            if (resilience.concurrencyLimits().enabled()) {
                builder.addPart(HeadroomPart.of(
                        "concurrency-limits",
                        CONCURRENCY_LIMIT_WEIGHT,
                        routing -> routing.addFilter(Routes.concurrencyLimitFilter(resilience.concurrencyLimits()))));
            }
            Headroom headroom = opened.add(builder.build());
            // The pool opens without its database; the migration is tried once now, else waited for (RES-3).
            CatalogDatabase database = opened.add(CatalogDatabase.openPool(
                    config.database(), headroom.monitoring().pool(), resilience.statementTimeout()));
            CatalogStartup startup = opened.add(migrate(config, database));
            // Statements through the timing proxy (unless monitoring is off) and the circuit breaker (RES-2);
            // health queries use the bare pool. Requests' database work also passes the adaptive concurrency
            // limit (RATE-5); the refresh's writes do not.
            DependencyBreaker breaker =
                    new DependencyBreaker("The catalog database", resilience.breaker(), DatabaseUnavailable::isCause);
            DataSource dataSource = new GuardedDataSource(headroom.dataSource(database.dataSource()), breaker);
            // Catalog reads go to the read replica while it is healthy (RES-4): ReadRouting decides, per connection.
            Optional<CatalogReplica> replica = config.database()
                    .replica()
                    .map(r -> opened.add(CatalogReplica.open(
                            r,
                            database.dataSource(),
                            dataSource,
                            // timed like the primary; not headroom::dataSource, which would watch the replica's health
                            raw -> headroom.monitoring().settings().enabled()
                                    ? headroom.monitoring().monitoredDataSource(raw)
                                    : raw,
                            headroom.monitoring().registry(),
                            resilience)));
            DataSource catalogReads = replica.map(CatalogReplica::reads).orElse(dataSource);
            DataSource requestData = resilience.admissionQueue() < 0
                    ? catalogReads
                    : new AdmittedDataSource(
                            catalogReads,
                            new AdmissionSettings(
                                    config.database().poolMax(),
                                    resilience.admissionQueue(),
                                    resilience.admissionWait(),
                                    resilience.concurrencyLimits().algorithm()));
            CatalogCache cache = new CatalogCache(headroom.cache().orElseThrow()); // closed by the feature
            // HEADROOM_CDN_PURGE: invalidations also purge the CDN's copies (the purge hook closes before the cache)
            config.cdn().purger().ifPresent(purger -> cache.onChange(opened.add(new CatalogPurge(purger))));
            DatasetRepository repository = new DatasetRepository(requestData);
            // Reads after a write go to the primary until the replica has replayed it.
            replica.ifPresent(r -> {
                repository.onCatalogWrite(r::writeSeen);
                headroom.monitoring().reportReplica(r::stats);
            });
            repository.onCatalogChanged(
                    cache::catalogChanged); // every committed write cascades to the cached responses
            // Another instance's write reaches us as a cache invalidation: drop our aggregates with it.
            cache.cache().onRemoteInvalidation(keyspace -> {
                replica.ifPresent(CatalogReplica::writeSeen);
                repository.forgetAggregates();
            });
            AtomicReference<URI> self = new AtomicReference<>();
            CacheWarmer warmer = opened.add(new CacheWarmer(new CatalogWarming(self::get, repository)::tasks, 4));
            RefreshService refresh = opened.add(new RefreshService(
                    lake,
                    new CatalogWriter(dataSource, database.dialect()),
                    repository,
                    new RefreshLog(dataSource),
                    new RefreshLease(
                            dataSource,
                            RefreshLease.newOwnerId(),
                            config.refresh().leaseTtl()),
                    config.refresh()));
            SampleHandler samples = new SampleHandler(
                    id -> repository
                            .byId(id)
                            .map(d -> new SampleHandler.Location(
                                    d.path(),
                                    DatasetFormat.fromApiName(d.format()).orElse(DatasetFormat.OTHER))),
                    new SampleReader(store));
            HealthEndpoints health = new HealthEndpoints(
                    startedAt,
                    version(),
                    ExplorerHealth.readiness(
                            database.dataSource(), startup, refresh, drain, resilience.healthTimeout()),
                    ExplorerHealth.detailed(
                            database.dataSource(),
                            startup,
                            cache,
                            replica,
                            store,
                            config.lake().directory(),
                            resilience.healthTimeout()));
            AccessServices access = accessServices(config, dataSource, repository);
            // Closed after the web server (opened later, closed earlier) and before the pool: every queued download is
            // written.
            DownloadLog downloadLog = opened.add(new DownloadLog(dataSource, 10_000, Duration.ofSeconds(10)));
            routes.set(new Routes(
                    startedAt,
                    new Routes.Protection(health, config.rateLimits()),
                    repository,
                    refresh,
                    samples,
                    config.access(),
                    config.ui(),
                    access,
                    new DataServices(
                            store,
                            downloadLog,
                            new DownloadStats(dataSource),
                            self::get,
                            config.lake().accelRedirect()),
                    new Routes.ResponseCaching(cache, headroom, warmer)));
            WebServer webServer = WebServer.builder()
                    .update(headroom::configure) // limits, deadlines, the feature
                    .host(config.server().host())
                    .port(config.server().port())
                    .shutdownGracePeriod(resilience.shutdownGrace()) // Helidon's own wait for its tasks at stop
                    .routing(routes.get()::register)
                    .build();
            opened.add(webServer::stop);
            if (!webServer.start().isRunning()) { // Helidon logs the bind failure and returns a stopped server
                throw StartChecks.notListening(config.server());
            }
            self.set(URI.create("http://127.0.0.1:" + webServer.port()));
            // After the server is up (the warmer requests its own routes): now, or once the database answers.
            startup.whenMigrated(() -> {
                // The first admin (HEADROOM_ADMIN_PASSWORD, or generated and printed once) needs the users table.
                FirstAdmin.ensure(
                        access.users(), access.passwords(), config.users().adminPassword(), System.out::println);
                refresh.begin(); // an initial refresh runs in the background
                if (config.cache().enabled()) {
                    warmer.start(config.cache().warmInterval()); // now, in the background, then every interval
                }
            });
            return new ExplorerServer(
                    opened, refresh, webServer, cache, routes.get(), repository, startup, drain, resilience, breaker);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /**
     * Users, tokens, access and the audit log (the first admin is created once the database is migrated).
     */
    private static AccessServices accessServices(
            ExplorerConfig config, DataSource dataSource, DatasetRepository repository) {
        ExplorerConfig.UserSettings settings = config.users();
        UserStore users = new UserStore(dataSource);
        PasswordHasher passwords = new PasswordHasher(settings.bcryptCost());
        if (settings.jwtSecret().isEmpty()) {
            LOG.warn(
                    "HEADROOM_JWT_SECRET is not set: login tokens are signed with a random key of this process, so they "
                            + "end with a restart and another instance does not accept them");
        }
        TokenService tokens = new TokenService(
                SigningKeys.of(settings.jwtSecret(), settings.jwtPreviousSecrets()),
                settings.tokenLifetime(),
                Clock.systemUTC());
        PrivateFolders privateFolders = new PrivateFolders(dataSource);
        return new AccessServices(
                new AccessPolicy(settings.access(), repository, privateFolders),
                privateFolders,
                users,
                passwords,
                tokens,
                new Authenticator(tokens, users),
                new AuditLog(dataSource, Clock.systemUTC()),
                LoginAttempts.guardedBy(config.rateLimits().bruteForceGuard()));
    }

    private static CatalogStartup migrate(ExplorerConfig config, CatalogDatabase database) {
        try {
            return CatalogStartup.migrate(
                    database, config.database().url(), config.resilience().startRetry());
        } catch (DatabaseUnreachableException e) {
            throw StartChecks.databaseFailure(e);
        }
    }

    /** The service could not start (its port is taken, its database unreachable); the message is one line saying why. */
    public static final class StartFailure extends RuntimeException {
        StartFailure(String message) {
            super(message);
        }

        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The refresh this start began because the catalog was empty; empty when the catalog already had rows. */
    public Optional<RefreshProgress> initialRefresh() {
        return refresh.initialRefresh();
    }

    /** How many datasets the catalog holds now. */
    public long datasetCount() {
        return repository.quickStats().totalCount();
    }

    /** The cache, for its statistics ({@code cache().stats()}) in monitoring. */
    public CatalogCache cache() {
        return cache;
    }

    /** The API's route table ({@link Routes#declared()}), for tests that walk every route. */
    public Routes routes() {
        return routes;
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return webServer.port();
    }

    /** The catalog database's circuit breaker (RES-2), for tests that watch it open and close. */
    public DependencyBreaker databaseBreaker() {
        return databaseBreaker;
    }

    /** Migrated and serving the catalog; false while the service waits for its database (RES-3). */
    public boolean isCatalogReady() {
        return startup.isReady();
    }

    /**
     * The stop sequence for SIGTERM (RES-3): readiness answers 503 at once, new requests are still served
     * for HEADROOM_SHUTDOWN_DELAY (a load balancer's probes notice meanwhile), requests in flight get up to
     * HEADROOM_SHUTDOWN_GRACE to finish, then everything closes ({@link #close()}).
     */
    public void shutdown() {
        LOG.info(
                "Stopping: not ready from now on; serving for {} ms more, then draining for up to {} ms",
                resilience.shutdownDelay().toMillis(),
                resilience.shutdownGrace().toMillis());
        try {
            long left = drain.drain(resilience.shutdownDelay(), resilience.shutdownGrace());
            if (left > 0) {
                LOG.warn("{} request(s) still in flight after HEADROOM_SHUTDOWN_GRACE: closing anyway", left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /**
     * Stops the server, then everything it was built on, in reverse order of opening (a refresh under way
     * stops at its next batch boundary, its log row closed). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            opened.close();
        }
    }

    private final AtomicBoolean closed = new AtomicBoolean();
    private static final Logger LOG = LoggerFactory.getLogger(ExplorerServer.class);

    public static String version() {
        try (InputStream in = ExplorerServer.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
