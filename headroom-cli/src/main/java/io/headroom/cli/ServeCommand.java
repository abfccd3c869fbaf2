package io.headroom.cli;

import io.headroom.explorer.ExplorerServer;
import io.headroom.explorer.config.ExplorerConfig;
import io.headroom.toolkit.config.ConfigException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code headroom serve}: starts the Data Lake Explorer, configured by environment variables (README). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the Data Lake Explorer (settings come from environment variables; see README).")
final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() throws InterruptedException {
        ExplorerConfig config;
        try {
            config = ExplorerConfig.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("headroom serve: " + e.getMessage());
            return 2;
        }
        ExplorerServer server;
        try {
            server = ExplorerServer.start(config);
        } catch (ExplorerServer.StartFailure e) {
            System.err.println("headroom serve: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "headroom-shutdown"));
        System.out.println("Data Lake Explorer is up: http://localhost:" + server.port() + "/");
        stopped.await();
        return 0;
    }
}
