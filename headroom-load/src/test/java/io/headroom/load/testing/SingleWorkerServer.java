package io.headroom.load.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * A JDK HttpServer with one worker thread that holds each request for a fixed service time: a server with a known
 * capacity of 1 / service time requests per second, whatever the machine's load (the time is waited, not computed).
 */
public final class SingleWorkerServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    public SingleWorkerServer(long serviceMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
        server.setExecutor(worker);
        server.createContext("/", exchange -> {
            long until = System.nanoTime() + serviceMillis * 1_000_000;
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
        worker.shutdownNow();
    }
}
