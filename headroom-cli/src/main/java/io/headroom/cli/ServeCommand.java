package io.headroom.cli;

import io.headroom.explorer.ExplorerServer;
import io.headroom.explorer.catalog.RefreshLog;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.explorer.refresh.RefreshProgress;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import io.headroom.toolkit.db.DatabaseUrl;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code headroom serve}: starts the Data Lake Explorer, configured by environment variables (README),
 * of which {@code --port}, {@code --host} and {@code --data-dir} win. Prints one line when the
 * service answers, saying whether the catalogue is complete or still being built, and a second line
 * when a first catalogue ends. A start that fails is one line on stderr and exit 1.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        modelTransformer = EnvironmentHelp.class,
        description = "Start the Data Lake Explorer. Settings come from the environment variables below; "
                + "the options win over them.")
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on, 0 to 65535 (0: any free port). Overrides HEADROOM_PORT.")
    Integer port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "Address to listen on (0.0.0.0: every interface). Overrides HEADROOM_HOST.")
    String host;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Directory of the embedded database and the sample lake. Overrides HEADROOM_DATA_DIR.")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port != null && (port < 0 || port > 65_535)) {
            err.println("headroom serve: --port must be from 0 to 65535");
            return 2;
        }
        ExplorerConfig config;
        try {
            config = ExplorerConfig.from(new Settings(environment()));
        } catch (ConfigException e) {
            err.println("headroom serve: " + e.getMessage());
            return 2;
        }
        // Said first: generating the sample lake and migrating the database take seconds on a first start.
        out.println("Starting the Data Lake Explorer: lake "
                + config.lake().directory().toAbsolutePath() + ", catalog "
                + describe(config.database().url()));
        ExplorerServer server;
        try {
            server = ExplorerServer.start(config);
        } catch (ExplorerServer.StartFailure e) {
            err.println("headroom serve: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopping.set(true);
                            server.shutdown(); // not ready at once, a short delay, then in-flight requests drain
                            // (RES-3)
                            stopped.countDown();
                        },
                        "headroom-shutdown"));
        announce(server, "http://" + displayHost(config.server().host()) + ":" + server.port() + "/", out, stopping);
        stopped.await();
        return 0;
    }

    /** The environment, with the command-line options in place of the variables they override. */
    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (port != null) {
            env.put("HEADROOM_PORT", port.toString());
        }
        if (host != null) {
            env.put("HEADROOM_HOST", host);
        }
        if (dataDir != null) {
            env.put("HEADROOM_DATA_DIR", dataDir.toString());
        }
        return env;
    }

    /**
     * "Is up" means the server answers. While the first catalogue of an empty catalog is still being
     * built, lists are partial, so the line says so with the progress, and a later line says when it ended.
     */
    static void announce(ExplorerServer server, String url, PrintWriter out, AtomicBoolean stopping) {
        if (!server.isCatalogReady()) {
            out.println("Data Lake Explorer is up on " + url + " (waiting for the catalog database: not ready until it"
                    + " answers; " + url + "api/health/ready says when)");
            return;
        }
        Optional<RefreshProgress> initial = server.initialRefresh();
        if (initial.isEmpty() || initial.get().ended().isDone()) {
            out.println("Data Lake Explorer is up on " + url + " (catalog: " + server.datasetCount() + " datasets)");
            return;
        }
        RefreshProgress progress = initial.get();
        String total = progress.discovered().isPresent()
                ? " of " + progress.discovered().getAsInt()
                : "";
        out.println("Data Lake Explorer is up on " + url + " (cataloguing the lake: " + progress.catalogued() + total
                + " datasets so far; lists fill in as it goes)");
        progress.ended().thenAccept(outcome -> {
            if (!stopping.get()) { // Ctrl-C during the first catalogue stops it: nothing to report
                out.println(ended(outcome));
            }
        });
    }

    private static String ended(RefreshLog.Entry outcome) {
        if (outcome.state() == RefreshLog.State.FINISHED) {
            Duration took = Duration.between(outcome.startedAt(), outcome.finishedAt());
            return String.format(
                    "Catalogue complete: %d datasets in %.1f s.", outcome.scanned(), took.toMillis() / 1000.0);
        }
        return "Cataloguing the lake failed (" + outcome.error() + "); the catalog holds " + outcome.scanned()
                + " datasets until a refresh succeeds (POST /api/v1/admin/refresh).";
    }

    /** The embedded database as its file; any other as its URL without the password. */
    private static String describe(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:file:")) {
            return "in the H2 file "
                    + jdbcUrl.substring("jdbc:h2:file:".length()).replaceFirst(";.*", "");
        }
        return "at " + DatabaseUrl.masked(jdbcUrl);
    }

    /** The wildcard address is not something to type into a browser. */
    private static String displayHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            return "localhost";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
