package io.headroom.toolkit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Debian's real nginx on a free loopback port, with a test's own {@code nginx.conf}, in a directory the
 * test owns (nginx's prefix: pid, logs and temporary files go there). The test is skipped when nginx is
 * not installed; {@code .ci/run} installs it.
 */
public final class NginxProcess implements AutoCloseable {
    /** Debian installs nginx in /usr/sbin, which is not on every user's PATH. */
    private static final Path DEBIAN = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final Path dir;
    private final int port;

    private NginxProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts nginx in {@code dir} with the configuration {@code config} makes for the port it must listen on
     * (a whole nginx.conf with {@code daemon off}), and waits until that port accepts connections.
     */
    public static NginxProcess start(Path dir, IntFunction<String> config) throws IOException {
        Optional<Path> binary =
                Executables.find("nginx").or(() -> Files.isExecutable(DEBIAN) ? Optional.of(DEBIAN) : Optional.empty());
        assumeTrue(binary.isPresent(), "nginx is not installed (.ci/run installs Debian's)");
        int port = freePort();
        Files.createDirectories(dir.resolve("logs"));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config.apply(port));
        Process process = new ProcessBuilder(binary.get().toString(), "-p", dir.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        NginxProcess nginx = new NginxProcess(process, dir, port);
        try {
            nginx.awaitListening();
        } catch (RuntimeException | AssertionError e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    public int port() {
        return port;
    }

    private void awaitListening() {
        Await.until(Duration.ofSeconds(20), "nginx listens on port " + port, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + output());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("nginx.out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
