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
 *
 * <p>The port is found free, closed, then handed to redis-server: on a shared machine another
 * process can take it in between. So a start counts only when the server answering on the port
 * reports this process's pid, and a first start that loses the port tries another one.
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
        for (int attempt = 1; ; attempt++) {
            RedisServerProcess redis = new RedisServerProcess(binary.get(), freePort());
            try {
                redis.restart();
                return redis;
            } catch (IllegalStateException portTaken) {
                redis.kill();
                if (attempt == 3) {
                    throw portTaken;
                }
            }
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts (again) on the same port and waits until it answers, as this process (see the class comment). */
    public void restart() {
        try {
            process = new ProcessBuilder(
                            binary.toString(),
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--protected-mode",
                            "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start " + binary, e);
        }
        Await.until(Duration.ofSeconds(10), "redis-server on port " + port + " answers PING", () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start (port " + port + " taken?)");
            }
            return answersPing();
        });
        if (!command("INFO server", true).contains("process_id:" + process.pid() + "\r\n")) {
            throw new IllegalStateException("another server answers on port " + port);
        }
    }

    /** SIGKILL: the abrupt outage, no goodbye to clients. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one inline command and returns the first reply line. */
    public String command(String inline) {
        return command(inline, false);
    }

    /** The first reply line, or with {@code bulk} the whole of a bulk-string reply ({@code $<length>} then the bytes). */
    private String command(String inline, boolean bulk) {
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
            if (bulk && line.length() > 1 && line.charAt(0) == '$') {
                return new String(in.readNBytes(Integer.parseInt(line.substring(1))), StandardCharsets.UTF_8);
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
