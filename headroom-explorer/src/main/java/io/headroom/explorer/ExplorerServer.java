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
import io.headroom.explorer.lake.LakeReader;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.lake.StoreLakeReader;
import io.headroom.explorer.lake.analysis.AnalysisLimits;
import io.headroom.explorer.lake.sample.SampleReader;
import io.headroom.explorer.refresh.RefreshProgress;
import io.headroom.explorer.refresh.RefreshService;
import io.headroom.explorer.web.Routes;
import io.headroom.explorer.access.AccessPolicy;
import io.headroom.explorer.access.PrivateFolders;
import io.headroom.explorer.audit.AuditLog;
import io.headroom.explorer.auth.Authenticator;
import io.headroom.explorer.auth.LoginAttempts;
import io.headroom.explorer.auth.PasswordHasher;
import io.headroom.explorer.auth.SigningKeys;
import io.headroom.explorer.auth.TokenService;
import io.headroom.explorer.download.DownloadLog;
import io.headroom.explorer.download.DownloadStats;
import io.headroom.explorer.users.FirstAdmin;
import io.headroom.explorer.users.UserStore;
import io.headroom.explorer.web.AccessServices;
import io.headroom.explorer.web.DataServices;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.headroom.explorer.web.SampleHandler;
import io.headroom.toolkit.cache.CacheWarmer;
import io.headroom.toolkit.cache.redis.RedisCache;
import io.headroom.toolkit.helidon.Headroom;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

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

    private ExplorerServer(OpenedParts opened, RefreshService refresh, WebServer webServer, CatalogCache cache,
                           Routes routes, DatasetRepository repository) {
        this.opened = opened;
        this.refresh = refresh;
        this.webServer = webServer;
        this.cache = cache;
        this.routes = routes;
        this.repository = repository;
    }

    /**
     * Starts on the local-directory lake of the configuration; when that directory does not exist yet,
     * a sample lake of {@code HEADROOM_SAMPLE_DATASETS} datasets is generated into it first.
     */
    public static ExplorerServer start(ExplorerConfig config) {
        StartChecks.failIfCannotListen(config.server()); // before seconds of sample-lake generation and migration
        ObjectStore store = StartChecks.openLocalLake(config.lake());
        OpenedParts onFailure = new OpenedParts();
        onFailure.add(store);
        StoreLakeReader lake;
        try {
            lake = new StoreLakeReader(store, AnalysisLimits.withExactCountLimit(config.refresh().exactCountLimitBytes()));
        } catch (RuntimeException e) {
            onFailure.close();
            throw e;
        }
        return start(config, store, lake); // closes the store when it fails
    }

    /** Starts with another lake reader over the configured local store (tests use small fixed lakes). */
    public static ExplorerServer start(ExplorerConfig config, LakeReader lake) {
        StartChecks.failIfCannotListen(config.server());
        return start(config, StartChecks.openLocalLake(config.lake()), lake);
    }

    /** Starts on a given lake; the store is closed with the server, or at once when start-up fails. */
    public static ExplorerServer start(ExplorerConfig config, ObjectStore store, LakeReader lake) {
        Instant startedAt = Instant.now();
        OpenedParts opened = new OpenedParts();
        opened.add(store);
        try {
            AtomicReference<Routes> routes = new AtomicReference<>();
            Headroom headroom = opened.add(Headroom.builder()
                    .monitoring(config.monitoring()).http(config.http()).diskPath(config.lake().directory())
                    // the explorer opts in (with request monitoring on); HEADROOM_ALLOCATION_SAMPLING=off still vetoes it
                    .allocationSampling(config.monitoring().enabled())
                    .cache(RedisCache.open(config.cache())) // in-process, over Redis when REDIS_URL is set
                    .responseCaching(config.cache().enabled())
                    .alertsPaths("/api/v1/alerts", "/api/alerts") // and the unversioned alias
                    .endpointGuard(Routes.monitoringAccess(config.access())) // metrics or admin token, unless opened
                    .notFoundFallback(path -> routes.get().allowedMethods(path)) // 405 with Allow, or 404
                    .build());
            CatalogDatabase database = opened.add(openDatabase(config, headroom)); // pool (observed), then migrations
            // Statements through the timing proxy (unless monitoring is off); health queries use the bare pool.
            DataSource dataSource = headroom.dataSource(database.dataSource());
            CatalogCache cache = new CatalogCache(headroom.cache().orElseThrow()); // closed by the feature
            DatasetRepository repository = new DatasetRepository(dataSource);
            repository.onCatalogChanged(cache::catalogChanged); // every committed write cascades to the cached responses
            // Another instance's write reaches us as a cache invalidation: drop our aggregates with it.
            cache.cache().onRemoteInvalidation(keyspace -> repository.forgetAggregates());
            AtomicReference<URI> self = new AtomicReference<>();
            CacheWarmer warmer = opened.add(new CacheWarmer(new CatalogWarming(self::get, repository)::tasks, 4));
            RefreshService refresh = opened.add(new RefreshService(lake,
                    new CatalogWriter(dataSource, database.dialect()), repository, new RefreshLog(dataSource),
                    new RefreshLease(dataSource, RefreshLease.newOwnerId(), config.refresh().leaseTtl()), config.refresh()));
            SampleHandler samples = new SampleHandler(id -> repository.byId(id).map(d -> new SampleHandler.Location(d.path(),
                    DatasetFormat.fromApiName(d.format()).orElse(DatasetFormat.OTHER))), new SampleReader(store));
            // Closed after the web server (opened later, closed earlier) and before the pool: every queued download is written.
            DownloadLog downloadLog = opened.add(new DownloadLog(dataSource, 10_000, Duration.ofSeconds(10)));
            routes.set(new Routes(startedAt, version(), repository, refresh, samples, config.access(),
                    accessServices(config.users(), dataSource, repository),
                    new DataServices(store, downloadLog, new DownloadStats(dataSource), self::get),
                    new Routes.ResponseCaching(cache, headroom, warmer)));
            WebServer webServer = WebServer.builder().update(headroom::configure) // limits, deadlines, the feature
                    .host(config.server().host()).port(config.server().port())
                    .routing(routes.get()::register)
                    .build();
            opened.add(webServer::stop);
            if (!webServer.start().isRunning()) { // Helidon logs the bind failure and returns a stopped server
                throw StartChecks.notListening(config.server());
            }
            refresh.begin(); // after the server is up: an initial refresh runs in the background
            self.set(URI.create("http://127.0.0.1:" + webServer.port()));
            if (config.cache().enabled()) {
                warmer.start(config.cache().warmInterval()); // now, in the background, then every interval
            }
            return new ExplorerServer(opened, refresh, webServer, cache, routes.get(), repository);
        } catch (RuntimeException e) {
            opened.close();
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

    private static CatalogDatabase openDatabase(ExplorerConfig config, Headroom headroom) {
        try {
            return CatalogDatabase.open(config.database(), headroom.monitoring().pool());
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

    /** Stops the server, then everything it was built on, in reverse order of opening. */
    @Override
    public void close() {
        opened.close();
    }

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
