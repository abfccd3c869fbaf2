package io.headroom.toolkit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A private {@code redis-server} on a free port, for tests that must kill Redis (an outage) or
 * disturb its clients without touching the shared instance. The program is the {@code redis-server}
 * on the PATH ({@link Executables}); the test is skipped when there is none.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final Path binary;
    private final int port;
    private Process process;

    private RedisServerProcess(Path binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    public static RedisServerProcess start() {
        Optional<Path> binary = Executables.find("redis-server");
        assumeTrue(binary.isPresent(), "redis-server is not on the PATH: this test is skipped");
        RedisServerProcess redis = new RedisServerProcess(binary.get(), freePort());
        redis.restart();
        return redis;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts (again) on the same port and waits until it answers PING. */
    public void restart() {
        try {
            process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--protected-mode", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + binary, e);
        }
        Await.until(Duration.ofSeconds(10), "redis-server on port " + port + " answers PING", this::answersPing);
    }

    /** SIGKILL: the abrupt outage, no goodbye to clients. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one inline command and returns the first reply line. */
    public String command(String inline) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server on port " + port + " did not answer '" + inline + "'", e);
        }
    }

    private boolean answersPing() {
        try {
            return command("PING").equals("+PONG");
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }
}
