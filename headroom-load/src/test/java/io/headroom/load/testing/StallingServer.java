package io.headroom.load.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A JDK HttpServer on a free port answering {@code 200 ok} at once, except that every
 * {@code period} it stalls for {@code stall}: a request that arrives in a stall window is answered
 * only when the window ends (like a stop-the-world pause). Period 0 means it never stalls.
 */
public final class StallingServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final long startNanos = System.nanoTime();
    private final long periodNanos;
    private final long stallNanos;
    private final AtomicLong requests = new AtomicLong();

    public StallingServer(long periodMillis, long stallMillis) throws IOException {
        this.periodNanos = periodMillis * 1_000_000;
        this.stallNanos = stallMillis * 1_000_000;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            waitOutStall();
            String path = exchange.getRequestURI().getPath();
            int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8)) : 200;
            byte[] body = path.startsWith("/json")
                    ? "{\"name\":\"lake\",\"items\":[{\"id\":7}]}".getBytes(StandardCharsets.UTF_8)
                    : "ok".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Holds the request until the current stall window (the last {@code stall} of each period) is over. */
    private void waitOutStall() {
        if (periodNanos == 0) {
            return;
        }
        long phase = (System.nanoTime() - startNanos) % periodNanos;
        long stallStart = periodNanos - stallNanos;
        if (phase >= stallStart) {
            long until = System.nanoTime() + (periodNanos - phase);
            for (long left; (left = until - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(left);
                if (Thread.currentThread().isInterrupted()) {
                    return; // the server is closing
                }
            }
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
