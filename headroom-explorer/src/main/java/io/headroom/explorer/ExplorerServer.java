package io.headroom.explorer;

import io.headroom.explorer.catalog.CatalogWriter;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.catalog.RefreshLog;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.db.CatalogDatabase;
import io.headroom.explorer.lake.DiscoveredDataset;
import io.headroom.explorer.lake.LakeReader;
import io.headroom.explorer.refresh.RefreshService;
import io.headroom.explorer.web.Routes;
import io.headroom.toolkit.http.ProblemHandlers;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * The composition root of the Data Lake Explorer: builds every part from the configuration, in
 * dependency order, starts the HTTP server, and stops everything in reverse order. Reading this
 * class top to bottom is reading how the service is put together.
 */
public final class ExplorerServer implements AutoCloseable {
    private final CatalogDatabase database;
    private final RefreshService refresh;
    private final WebServer webServer;

    private ExplorerServer(CatalogDatabase database, RefreshService refresh, WebServer webServer) {
        this.database = database;
        this.refresh = refresh;
        this.webServer = webServer;
    }

    /** Starts with a lake that lists nothing (until the local-directory reader is plugged in here). */
    public static ExplorerServer start(ExplorerConfig config) {
        return start(config, NO_LAKE);
    }

    public static ExplorerServer start(ExplorerConfig config, LakeReader lake) {
        Instant startedAt = Instant.now();
        CatalogDatabase database = CatalogDatabase.open(config.database()); // migrations, then the pool
        RefreshService refresh = null;
        try {
            DatasetRepository repository = new DatasetRepository(database.dataSource());
            refresh = new RefreshService(lake, new CatalogWriter(database.dataSource()), repository,
                    new RefreshLog(database.dataSource()), config.refresh());
            Routes routes = new Routes(startedAt, version(), repository, refresh, config.admin().token());
            WebServer webServer = WebServer.builder()
                    .host(config.server().host())
                    .port(config.server().port())
                    .directHandlers(ProblemHandlers.directHandlers())
                    .routing(routes::register)
                    .build()
                    .start();
            refresh.begin(); // after the server is up: an initial refresh runs in the background
            return new ExplorerServer(database, refresh, webServer);
        } catch (RuntimeException e) {
            if (refresh != null) {
                refresh.close();
            }
            database.close();
            throw e;
        }
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return webServer.port();
    }

    @Override
    public void close() {
        webServer.stop();
        refresh.close();
        database.close();
    }

    private static final LakeReader NO_LAKE = new LakeReader() {
        @Override
        public List<DiscoveredDataset> discover() {
            return List.of();
        }

        @Override
        public DatasetMetadata analyze(DiscoveredDataset dataset) {
            throw new IllegalStateException("no lake is configured");
        }
    };

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
