package io.headroom.explorer;

import io.headroom.explorer.cache.CatalogCache;
import io.headroom.explorer.cache.CatalogWarming;
import io.headroom.explorer.catalog.CatalogWriter;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.catalog.RefreshLease;
import io.headroom.explorer.catalog.RefreshLog;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.db.CatalogDatabase;
import io.headroom.explorer.db.CatalogStartup;
import io.headroom.explorer.db.DatabaseUnreachableException;
import io.headroom.explorer.config.ResilienceSettings;
import io.headroom.explorer.health.ExplorerHealth;
import io.headroom.toolkit.db.DatabaseUnavailable;
import io.headroom.toolkit.health.Drain;
import io.headroom.toolkit.helidon.health.HealthEndpoints;
import io.headroom.toolkit.resilience.DependencyBreaker;
import io.headroom.toolkit.resilience.GuardedDataSource;
import io.headroom.toolkit.resilience.AdmissionSettings;
import io.headroom.toolkit.resilience.AdmittedDataSource;
import io.headroom.toolkit.ratelimit.RateLimiter;
import io.headroom.explorer.generate.SampleLake;
import io.headroom.explorer.lake.LakeReader;
import io.headroom.explorer.lake.LocalObjectStore;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.lake.StoreLakeReader;
import io.headroom.explorer.lake.analysis.AnalysisLimits;
import io.headroom.explorer.lake.sample.SampleReader;
import io.headroom.explorer.web.SampleHandler;
import io.headroom.explorer.refresh.RefreshProgress;
import io.headroom.explorer.refresh.RefreshService;
import io.headroom.explorer.web.Routes;
import com.fasterxml.jackson.core.type.TypeReference;
import io.headroom.toolkit.cache.CacheMeterBinder;
import io.headroom.toolkit.cache.CacheWarmer;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.HttpLayer;
import io.headroom.toolkit.http.ProblemHandlers;
import io.headroom.toolkit.monitor.Monitoring;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import javax.sql.DataSource;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the Data Lake Explorer: builds every part from the configuration, in
 * dependency order, starts the HTTP server, and stops everything in reverse order. Reading this
 * class top to bottom is reading how the service is put together.
 */
public final class ExplorerServer implements AutoCloseable {
    private final CatalogDatabase database;
    private final RefreshService refresh;
    private final WebServer webServer;
    private final ObjectStore store;
    private final Monitoring monitoring;
    private final CatalogCache cache;
    private final CacheWarmer warmer;
    private final HttpLayer http;
    private final Routes routes;
    private final DatasetRepository repository;
    private final CatalogStartup startup;
    private final Drain drain;
    private final ResilienceSettings resilience;
    private final Optional<RateLimiter> limiter;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ExplorerServer(Monitoring monitoring, CatalogDatabase database, CatalogStartup startup,
            RefreshService refresh, WebServer webServer, ObjectStore store, CatalogCache cache, CacheWarmer warmer,
            HttpLayer http, Routes routes, DatasetRepository repository, Drain drain, ResilienceSettings resilience,
            Optional<RateLimiter> limiter) {
        this.limiter = limiter;
        this.repository = repository;
        this.startup = startup;
        this.drain = drain;
        this.resilience = resilience;
        this.monitoring = monitoring;
        this.database = database;
        this.refresh = refresh;
        this.webServer = webServer;
        this.store = store;
        this.cache = cache;
        this.warmer = warmer;
        this.http = http;
        this.routes = routes;
    }

    /**
     * Starts on the local-directory lake of the configuration; when that directory does not exist yet,
     * a sample lake of {@code HEADROOM_SAMPLE_DATASETS} datasets is generated into it first.
     */
    public static ExplorerServer start(ExplorerConfig config) {
        failIfCannotListen(config.server()); // before seconds of sample-lake generation and migration
        ObjectStore store = openLocalLake(config.lake());
        try {
            return start(config, store, new StoreLakeReader(store,
                    AnalysisLimits.withExactCountLimit(config.refresh().exactCountLimitBytes())));
        } catch (RuntimeException e) {
            closeQuietly(store);
            throw e;
        }
    }

    /** Starts with another lake reader over the configured local store (tests use small fixed lakes). */
    public static ExplorerServer start(ExplorerConfig config, LakeReader lake) {
        failIfCannotListen(config.server());
        return start(config, openLocalLake(config.lake()), lake);
    }

    /** Starts on a given lake; the store is closed with the server. */
    public static ExplorerServer start(ExplorerConfig config, ObjectStore store, LakeReader lake) {
        Instant startedAt = Instant.now();
        ResilienceSettings resilience = config.resilience();
        Monitoring monitoring = Monitoring.start(config.monitoring(), config.lake().directory());
        CatalogDatabase database;
        CatalogStartup startup;
        try {
            // The pool opens without its database; the migration is tried once now, else waited for (RES-3).
            database = CatalogDatabase.openPool(config.database(), monitoring.pool(), resilience.statementTimeout());
        } catch (RuntimeException e) {
            monitoring.close();
            throw e;
        }
        try {
            startup = CatalogStartup.migrate(database, config.database().url(), resilience.startRetry());
        } catch (DatabaseUnreachableException e) {
            database.close();
            monitoring.close();
            throw new StartFailure(databaseFailure(e), e);
        } catch (RuntimeException e) {
            database.close();
            monitoring.close();
            throw e;
        }
        RefreshService refresh = null;
        CatalogCache cache = new CatalogCache(config.cache().open()); // in-process, over Redis when REDIS_URL is set
        CacheWarmer warmer = null;
        HttpLayer http = null;
        Optional<RateLimiter> limiter = Optional.empty();
        try {
            // Every statement of the service goes through the timing proxy (unless monitoring is off) and the
            // circuit breaker (RES-2); the health queries of the stats document and the health checks use the
            // bare pool so they neither count themselves nor wait for the breaker.
            DataSource observed = config.monitoring().enabled()
                    ? monitoring.monitoredDataSource(database.dataSource()) : database.dataSource();
            DataSource dataSource = new GuardedDataSource(observed, new DependencyBreaker("The catalog database",
                    resilience.breaker(), DatabaseUnavailable::isCause));
            // Requests' database work passes an adaptive concurrency limit with a bounded, deadlined queue
            // (RATE-5); the refresh's writes do not (they are one at a time, and must not be shed).
            DataSource requestData = resilience.admissionQueue() < 0 ? dataSource : new AdmittedDataSource(dataSource,
                    new AdmissionSettings(config.database().poolMax(), resilience.admissionQueue(), resilience.admissionWait()));
            monitoring.watchDatabase(database.dataSource());
            DatasetRepository repository = new DatasetRepository(requestData);
            repository.onCatalogChanged(cache::catalogChanged); // every committed write cascades to the cached responses
            // Another instance's write reaches us as a cache invalidation: drop our aggregates with it.
            cache.cache().onRemoteInvalidation(keyspace -> repository.forgetAggregates());
            monitoring.reportCache(() -> Json.mapper().convertValue(cache.cache().stats(), STATS_DOCUMENT));
            new CacheMeterBinder(cache.cache()).bindTo(monitoring.registry()); // per-keyspace series on /metrics
            http = new HttpLayer(config.http());
            AtomicReference<URI> self = new AtomicReference<>();
            CatalogWarming warming = new CatalogWarming(self::get, repository);
            warmer = new CacheWarmer(warming::tasks, 4);
            refresh = new RefreshService(lake, new CatalogWriter(dataSource, database.dialect()), repository,
                    new RefreshLog(dataSource), new RefreshLease(dataSource, RefreshLease.newOwnerId(),
                            config.refresh().leaseTtl()), config.refresh());
            SampleHandler samples = new SampleHandler(
                    id -> repository.byId(id).map(d -> new SampleHandler.Location(d.path(),
                            DatasetFormat.fromApiName(d.format()).orElse(DatasetFormat.OTHER))),
                    new SampleReader(store));
            Drain drain = new Drain();
            HealthEndpoints health = new HealthEndpoints(startedAt, version(),
                    ExplorerHealth.readiness(database.dataSource(), startup, refresh, drain, resilience.healthTimeout()),
                    ExplorerHealth.detailed(database.dataSource(), startup, cache, store, config.lake().directory(),
                            resilience.healthTimeout()));
            // Rate limits (RATE-1..4): buckets shared through Redis when REDIS_URL is set, else per instance.
            limiter = config.rateLimits().enabled() ? Optional.of(new RateLimiter(
                    config.rateLimits().openStore(config.cache().keyPrefix() + "ratelimit:"),
                    config.rateLimits().slowDown())) : Optional.empty();
            Routes routes = new Routes(new Routes.Protection(health, drain, resilience.staleCopies(), config.rateLimits(),
                    limiter, config.rateLimits().bruteForceGuard()), repository, refresh, samples,
                    config.access(), monitoring, new Routes.ResponseCaching(cache, http, warmer, config.cache().enabled()));
            WebServer webServer = http.configure(WebServer.builder()) // body limit
                    .host(config.server().host())
                    .port(config.server().port())
                    .shutdownGracePeriod(resilience.shutdownGrace()) // Helidon's own wait for its tasks at stop
                    .directHandlers(ProblemHandlers.directHandlers())
                    .routing(routes::register)
                    .build()
                    .start();
            if (!webServer.isRunning()) { // Helidon logs the bind failure and returns a stopped server
                throw new StartFailure(bindProblem(config.server()).orElse("Cannot listen on "
                        + config.server().host() + ":" + config.server().port() + " (the server log above says why)"));
            }
            self.set(URI.create("http://127.0.0.1:" + webServer.port()));
            RefreshService startedRefresh = refresh;
            CacheWarmer startedWarmer = warmer;
            // After the server is up (the warmer requests its own routes): now, or once the database answers.
            startup.whenMigrated(() -> {
                startedRefresh.begin(); // an initial refresh runs in the background
                if (config.cache().enabled()) {
                    startedWarmer.start(config.cache().warmInterval()); // now, in the background, then every interval
                }
            });
            return new ExplorerServer(monitoring, database, startup, refresh, webServer, store, cache, warmer, http,
                    routes, repository, drain, resilience, limiter);
        } catch (RuntimeException e) {
            if (http != null) {
                http.close();
            }
            limiter.ifPresent(RateLimiter::close);
            if (warmer != null) {
                warmer.close();
            }
            if (refresh != null) {
                refresh.close();
            }
            startup.close();
            cache.close();
            database.close();
            monitoring.close();
            throw e;
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

    /**
     * A taken port found up front, in one line, instead of after the sample lake and the migrations.
     * The server's own bind stays the authority: the port may still be taken in between.
     */
    private static void failIfCannotListen(ExplorerConfig.ServerSettings server) {
        if (server.port() != 0) {
            bindProblem(server).ifPresent(problem -> {
                throw new StartFailure(problem);
            });
        }
    }

    /**
     * Why the address cannot be bound ("Address already in use", "Permission denied"), found by binding
     * it once: Helidon reports a failed bind only in its log.
     */
    private static Optional<String> bindProblem(ExplorerConfig.ServerSettings server) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(server.host(), server.port()));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("Cannot listen on " + server.host() + ":" + server.port() + ": " + e.getMessage()
                    + " (HEADROOM_PORT or serve --port chooses another port)");
        }
    }

    private static String databaseFailure(DatabaseUnreachableException e) {
        if (e.fileInUse()) {
            return "The catalog database " + e.location() + " is in use by another process (another 'headroom serve' "
                    + "on the same data directory?): stop that one, or give this one another data directory "
                    + "(--data-dir or HEADROOM_DATA_DIR).";
        }
        return "Cannot connect to the catalog database named by DATABASE_URL (" + e.location() + "): " + e.reason();
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
        LOG.info("Stopping: not ready from now on; serving for {} ms more, then draining for up to {} ms",
                resilience.shutdownDelay().toMillis(), resilience.shutdownGrace().toMillis());
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

    /** Closes at once, without draining: in reverse order of the start. Idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        webServer.stop();
        http.close();
        limiter.ifPresent(RateLimiter::close);
        warmer.close();
        refresh.close(); // a refresh under way stops at its next batch boundary, its log row closed
        startup.close();
        cache.close();
        database.close();
        monitoring.close();
        closeQuietly(store);
    }

    private static ObjectStore openLocalLake(ExplorerConfig.LakeSettings lake) {
        Path directory = lake.directory();
        try {
            // staged then moved into place: a start that dies half-way never leaves a partial "sample" lake
            SampleLake.ensure(directory, lake.sampleDatasets());
            Files.createDirectories(directory);
            return new LocalObjectStore(directory);
        } catch (IOException e) {
            throw new StartFailure("Cannot open the lake directory " + directory.toAbsolutePath()
                    + " (HEADROOM_LAKE_DIR): " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(ObjectStore store) {
        try {
            store.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", store.describe(), e.getMessage());
        }
    }

    private static final TypeReference<Map<String, Object>> STATS_DOCUMENT = new TypeReference<>() {};
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
