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
import io.headroom.explorer.db.DatabaseUnreachableException;
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
import io.headroom.explorer.web.AccessServices;
import io.headroom.explorer.web.Routes;
import io.headroom.explorer.access.AccessPolicy;
import io.headroom.explorer.access.PrivateFolders;
import io.headroom.explorer.audit.AuditLog;
import io.headroom.explorer.auth.Authenticator;
import io.headroom.explorer.auth.LoginAttempts;
import io.headroom.explorer.auth.PasswordHasher;
import io.headroom.explorer.auth.SigningKeys;
import io.headroom.explorer.auth.TokenService;
import io.headroom.explorer.users.FirstAdmin;
import io.headroom.explorer.users.UserStore;
import java.time.Clock;
import java.time.Duration;
import io.headroom.explorer.download.DownloadLog;
import io.headroom.explorer.download.DownloadStats;
import io.headroom.explorer.web.DataServices;
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
    private final DownloadLog downloadLog;

    private ExplorerServer(Monitoring monitoring, CatalogDatabase database, RefreshService refresh, WebServer webServer,
            ObjectStore store, CatalogCache cache, CacheWarmer warmer, HttpLayer http, Routes routes,
            DatasetRepository repository, DownloadLog downloadLog) {
        this.repository = repository;
        this.downloadLog = downloadLog;
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
        Monitoring monitoring = Monitoring.start(config.monitoring(), config.lake().directory());
        CatalogDatabase database;
        try {
            database = CatalogDatabase.open(config.database(), monitoring.pool()); // pool (observed), then migrations
        } catch (DatabaseUnreachableException e) {
            monitoring.close();
            throw new StartFailure(databaseFailure(e), e);
        } catch (RuntimeException e) {
            monitoring.close();
            throw e;
        }
        RefreshService refresh = null;
        CatalogCache cache = new CatalogCache(config.cache().open()); // in-process, over Redis when REDIS_URL is set
        CacheWarmer warmer = null;
        HttpLayer http = null;
        DownloadLog downloadLog = null;
        try {
            // Every statement of the service goes through the timing proxy (unless monitoring is off);
            // the health queries of the stats document use the bare pool so they do not count themselves.
            DataSource dataSource = config.monitoring().enabled()
                    ? monitoring.monitoredDataSource(database.dataSource()) : database.dataSource();
            monitoring.watchDatabase(database.dataSource());
            DatasetRepository repository = new DatasetRepository(dataSource);
            repository.onCatalogChanged(cache::catalogChanged); // every committed write cascades to the cached responses
            // Another instance's write reaches us as a cache invalidation: drop our aggregates with it.
            cache.cache().onRemoteInvalidation(keyspace -> repository.forgetAggregates());
            monitoring.reportCache(() -> Json.mapper().convertValue(cache.cache().stats(), STATS_DOCUMENT));
            new CacheMeterBinder(cache.cache()).bindTo(monitoring.registry()); // per-keyspace series on /metrics
            http = new HttpLayer(config.http());
            downloadLog = new DownloadLog(dataSource, 10_000, Duration.ofSeconds(10));
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
            Routes routes = new Routes(startedAt, version(), repository, refresh, samples, config.access(),
                    accessServices(config.users(), dataSource, repository),
                    new DataServices(store, downloadLog, new DownloadStats(dataSource), self::get),
                    monitoring, new Routes.ResponseCaching(cache, http, warmer, config.cache().enabled()));
            WebServer webServer = http.configure(WebServer.builder()) // body limit
                    .host(config.server().host())
                    .port(config.server().port())
                    .directHandlers(ProblemHandlers.directHandlers())
                    .routing(routes::register)
                    .build()
                    .start();
            if (!webServer.isRunning()) { // Helidon logs the bind failure and returns a stopped server
                throw new StartFailure(bindProblem(config.server()).orElse("Cannot listen on "
                        + config.server().host() + ":" + config.server().port() + " (the server log above says why)"));
            }
            refresh.begin(); // after the server is up: an initial refresh runs in the background
            self.set(URI.create("http://127.0.0.1:" + webServer.port()));
            if (config.cache().enabled()) {
                warmer.start(config.cache().warmInterval()); // now, in the background, then every interval
            }
            return new ExplorerServer(monitoring, database, refresh, webServer, store, cache, warmer, http, routes,
                    repository, downloadLog);
        } catch (RuntimeException e) {
            if (http != null) {
                http.close();
            }
            if (downloadLog != null) {
                downloadLog.close();
            }
            if (warmer != null) {
                warmer.close();
            }
            if (refresh != null) {
                refresh.close();
            }
            cache.close();
            database.close();
            monitoring.close();
            throw e;
        }
    }

    /**
     * Users, tokens, access and the audit log; a first start creates the admin user
     * (HEADROOM_ADMIN_PASSWORD, or a generated password printed once).
     */
    private static AccessServices accessServices(ExplorerConfig.UserSettings settings, DataSource dataSource,
            DatasetRepository repository) {
        UserStore users = new UserStore(dataSource);
        PasswordHasher passwords = new PasswordHasher(settings.bcryptCost());
        FirstAdmin.ensure(users, passwords, settings.adminPassword(), System.out::println);
        if (settings.jwtSecret().isEmpty()) {
            LOG.warn("HEADROOM_JWT_SECRET is not set: login tokens are signed with a random key of this process, so they "
                    + "end with a restart and another instance does not accept them");
        }
        TokenService tokens = new TokenService(SigningKeys.of(settings.jwtSecret(), settings.jwtPreviousSecrets()),
                settings.tokenLifetime(), Clock.systemUTC());
        PrivateFolders privateFolders = new PrivateFolders(dataSource);
        return new AccessServices(new AccessPolicy(settings.access(), repository, privateFolders), privateFolders, users,
                passwords, tokens, new Authenticator(tokens, users), new AuditLog(dataSource, Clock.systemUTC()),
                LoginAttempts.UNLIMITED);
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

    @Override
    public void close() {
        webServer.stop();
        downloadLog.close(); // after the last request, before the database: every queued download is written
        http.close();
        warmer.close();
        refresh.close();
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
