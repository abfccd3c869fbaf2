package io.headroom.toolkit.helidon;

import io.headroom.toolkit.http.Problem;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The header-read and keep-alive deadlines of HTTP/1.1 connections (HTTP-5, SEC-1). Helidon 4.5 has
 * neither: a connection that never sends a complete request line (a TLS ClientHello on the plain port,
 * a request line without a version, a client trickling header bytes) is held for as long as the client
 * likes, which is how slowloris exhausts a server.
 *
 * <p>Each accepted channel is registered through the listener's {@link SocketOptions} (the one hook
 * Helidon calls for every accepted socket, before any byte is read) and then follows three phases:
 * <ul>
 * <li>{@code HEAD}: the request line and headers are awaited. Deadline: the header-read timeout, from
 *     the accept for the first request, from the request line for later ones. On expiry the client gets
 *     a 408 problem and the connection is closed.
 * <li>{@code REQUEST}: the headers are in, a handler runs. No deadline: a request's own work is bounded
 *     by what it does (the pool's connection timeout, the query), not by the connection.
 * <li>{@code BETWEEN}: the response is written. Deadline: the keep-alive timeout, until the next
 *     request line is complete; then closed silently (RFC 9112 9.8 lets a server close an idle
 *     connection at any time).
 * </ul>
 * The phases move with Helidon's HTTP/1 receive listener (request line, headers), its send listener (response
 * bytes) and {@link #servedFilter()} (any request that reaches routing, HTTP/2 ones included, so an
 * h2c connection leaves {@code HEAD} with its first request and is then left to Helidon's own idle
 * timeout). One daemon thread checks the deadlines every tenth of the shorter timeout.
 */
public final class ConnectionDeadlines implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionDeadlines.class);
    private static final byte[] REQUEST_TIMEOUT = requestTimeoutResponse();

    private enum Phase {
        HEAD,
        REQUEST,
        BETWEEN
    }

    /** Phase and deadline change together, so they live in one immutable value. */
    private record State(Phase phase, long deadlineNanos) {}

    private static final class Connection {
        final SocketChannel channel;
        volatile State state;

        Connection(SocketChannel channel, State state) {
            this.channel = channel;
            this.state = state;
        }
    }

    private final long headerReadNanos;
    private final long keepAliveNanos;
    private final long tickNanos;
    private final Map<SocketAddress, Connection> connections = new ConcurrentHashMap<>();
    private final Thread watchdog;
    private volatile boolean running = true;

    public ConnectionDeadlines(Duration headerRead, Duration keepAlive) {
        this.headerReadNanos = headerRead.toNanos();
        this.keepAliveNanos = keepAlive.toNanos();
        long shorter = Math.min(headerReadNanos, keepAliveNanos);
        this.tickNanos = Math.clamp(
                shorter / 10,
                Duration.ofMillis(10).toNanos(),
                Duration.ofSeconds(1).toNanos());
        this.watchdog =
                Thread.ofPlatform().daemon().name("http-connection-deadlines").unstarted(this::watch);
        watchdog.start();
    }

    /** The listener's socket options, with every accepted channel registered here. */
    public SocketOptions watching(SocketOptions options) {
        return new WatchingOptions(options);
    }

    /**
     * Moves a connection's phase as a request line and headers arrive. (Helidon 4.5 stores but never
     * calls a receive listener's {@code data} callback, so the first byte of a request is not seen:
     * a later request's line is bounded by the keep-alive deadline, its headers by the header-read one.)
     */
    public Http1ConnectionListener receiveListener() {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                Connection c = connections.get(ctx.remotePeer().address());
                if (c != null && c.state.phase() == Phase.BETWEEN) {
                    c.state = new State(Phase.HEAD, System.nanoTime() + headerReadNanos);
                }
            }

            @Override
            public void headers(ConnectionContext ctx, Headers headers) {
                enter(ctx.remotePeer().address(), Phase.REQUEST);
            }
        };
    }

    /** Starts the keep-alive deadline when a response is written. */
    public Http1ConnectionListener sendListener() {
        return new Http1ConnectionListener() {
            @Override
            public void data(ConnectionContext ctx, BufferData data) {
                enter(ctx.remotePeer().address(), Phase.BETWEEN);
            }

            @Override
            public void data(ConnectionContext ctx, byte[] bytes, int offset, int length) {
                enter(ctx.remotePeer().address(), Phase.BETWEEN);
            }
        };
    }

    /** A request reached routing (HTTP/1.1 or HTTP/2): its connection is serving it, without deadline. */
    public Filter servedFilter() {
        return new Filter() {
            @Override
            public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
                // Also after an h2c upgrade, whose 101 may have started a keep-alive deadline that no
                // HTTP/1 listener will move again: each HTTP/2 request lifts it.
                enter(req.remotePeer().address(), Phase.REQUEST);
                chain.proceed();
            }
        };
    }

    /** How many connections are watched (closed ones leave within a tick). */
    int watched() {
        return connections.size();
    }

    private void registered(SocketChannel channel) {
        try {
            SocketAddress remote = channel.getRemoteAddress();
            if (remote != null) {
                connections.put(
                        remote, new Connection(channel, new State(Phase.HEAD, System.nanoTime() + headerReadNanos)));
            }
        } catch (IOException e) {
            LOG.debug("Accepted socket already gone: {}", e.getMessage()); // Helidon's first read fails next
        }
    }

    private void enter(SocketAddress remote, Phase phase) {
        Connection c = connections.get(remote);
        // An HTTP/1 request is entered twice (its headers, then routing): the second changes nothing.
        if (c != null && !(phase == Phase.REQUEST && c.state.phase() == Phase.REQUEST)) {
            long deadline = phase == Phase.BETWEEN ? System.nanoTime() + keepAliveNanos : Long.MAX_VALUE;
            c.state = new State(phase, deadline);
        }
    }

    private void watch() {
        while (running) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            connections.forEach((remote, c) -> {
                if (!c.channel.isOpen()) {
                    connections.remove(remote, c);
                    return;
                }
                State state = c.state;
                if (now - state.deadlineNanos() > 0) {
                    expire(remote, c, state.phase());
                }
            });
        }
    }

    private void expire(SocketAddress remote, Connection c, Phase phase) {
        connections.remove(remote, c);
        try {
            if (phase == Phase.HEAD) {
                // Nothing of a response was written in this phase, so a 408 cannot interleave with one.
                // 300 bytes into an empty send buffer: the write does not block on a client that never reads.
                c.channel.write(ByteBuffer.wrap(REQUEST_TIMEOUT));
            }
        } catch (IOException e) {
            LOG.debug("408 to {} not delivered: {}", remote, e.getMessage());
        } finally {
            try {
                c.channel.close(); // the connection's blocked read fails and Helidon ends the connection
            } catch (IOException e) {
                LOG.debug("Closing {} failed: {}", remote, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(watchdog);
        connections.clear();
    }

    private static byte[] requestTimeoutResponse() {
        byte[] body = ProblemHandlers.toJson(Problem.of(
                408,
                "Request Timeout",
                "The request line and headers did not arrive in time; the connection is closed."));
        String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: " + Problem.MEDIA_TYPE
                + "\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
        return response;
    }

    /** Helidon's options, unchanged, plus registration of every accepted channel. */
    private final class WatchingOptions implements SocketOptions {
        private final SocketOptions delegate;

        WatchingOptions(SocketOptions delegate) {
            this.delegate = delegate;
        }

        @Override
        public void configureSocket(SocketChannel channel) {
            delegate.configureSocket(channel);
            registered(channel);
        }

        @Override
        public void configureSocket(Socket socket) {
            delegate.configureSocket(socket);
        }

        @Override
        public Map<SocketOption<?>, Object> socketOptions() {
            return delegate.socketOptions();
        }

        @Override
        public Duration connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public Duration readTimeout() {
            return delegate.readTimeout();
        }

        @Override
        public Optional<Integer> socketReceiveBufferSize() {
            return delegate.socketReceiveBufferSize();
        }

        @Override
        public Optional<Integer> socketSendBufferSize() {
            return delegate.socketSendBufferSize();
        }

        @Override
        public boolean socketReuseAddress() {
            return delegate.socketReuseAddress();
        }

        @Override
        public boolean socketKeepAlive() {
            return delegate.socketKeepAlive();
        }

        @Override
        public boolean tcpNoDelay() {
            return delegate.tcpNoDelay();
        }
    }
}
