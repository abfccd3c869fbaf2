package io.headroom.explorer;

import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.web.Routes;
import io.headroom.toolkit.monitor.Monitoring;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;

/**
 * The composition root of the Data Lake Explorer: builds every part from the configuration, in
 * dependency order, starts the HTTP server, and stops everything in reverse order. Reading this
 * class top to bottom is reading how the service is put together.
 */
public final class ExplorerServer implements AutoCloseable {
    private final WebServer webServer;
    private final Monitoring monitoring;

    private ExplorerServer(WebServer webServer, Monitoring monitoring) {
        this.webServer = webServer;
        this.monitoring = monitoring;
    }

    public static ExplorerServer start(ExplorerConfig config) {
        Monitoring monitoring = Monitoring.start(config.monitoring(), config.lake().directory());
        Routes routes = new Routes(Instant.now(), version(), monitoring);
        WebServer webServer = WebServer.builder()
                .host(config.server().host())
                .port(config.server().port())
                .routing(routes::register)
                .build()
                .start();
        return new ExplorerServer(webServer, monitoring);
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return webServer.port();
    }

    @Override
    public void close() {
        webServer.stop();
        monitoring.close();
    }

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
