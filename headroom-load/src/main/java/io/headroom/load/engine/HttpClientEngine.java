package io.headroom.load.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The non-blocking HTTP/1.1 client: one Netty event loop per core, one keep-alive connection per VU
 * (see docs/decisions/load-http-client.md for why Netty). Plain HTTP and HTTPS (JDK trust store).
 */
public final class HttpClientEngine implements AutoCloseable {

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;

    public HttpClientEngine(URI baseUrl, int threads, Duration connectTimeout) {
        this.host = baseUrl.getHost();
        boolean tls = "https".equalsIgnoreCase(baseUrl.getScheme());
        this.port = baseUrl.getPort() > 0 ? baseUrl.getPort() : tls ? 443 : 80;
        SslContext ssl = tls ? sslContext() : null;
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .remoteAddress(new InetSocketAddress(host, port))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), host, port));
                        }
                        // The decoder and encoder count the bytes themselves: no extra handler per read and write.
                        ch.pipeline().addLast(new ResponseParser(), new RequestEncoder());
                    }
                });
    }

    /**
     * For a process that exists to apply load (the CLI): turns Netty's buffer leak detector off unless
     * {@code -Dio.netty.leakDetection.level} asks for it. At its default level it tracks about one buffer in
     * 128 and records a stack trace (a Throwable) when such a buffer is touched or released: about 1 % of the
     * engine's CPU at 100 000 requests/s, measured with JFR and perf. Tests keep it on, to catch leaks.
     */
    public static void disableLeakDetectionUnlessConfigured() {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    private static SslContext sslContext() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("TLS is not available in this JDK: " + e.getMessage(), e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Opens a connection; the callback gets it, or null and the error. */
    void connect(ConnectCallback callback) {
        long start = System.nanoTime();
        ChannelFuture f = bootstrap.connect();
        f.addListener(future -> {
            if (!future.isSuccess()) {
                callback.done(null, future.cause(), System.nanoTime() - start);
                return;
            }
            Channel ch = f.channel();
            ResponseParser parser = ch.pipeline().get(ResponseParser.class);
            HttpConnection connection =
                    new HttpConnection(ch, parser, ch.pipeline().get(RequestEncoder.class), System.nanoTime() - start);
            parser.listener(connection);
            ch.pipeline().addLast(connection);
            callback.done(connection, null, System.nanoTime() - start);
        });
    }

    /** Fails fast before a run when the target cannot be reached: returns the reason, or null when reachable. */
    public String probe(long timeoutMillis) {
        ChannelFuture f = bootstrap.connect();
        if (!f.awaitUninterruptibly(timeoutMillis, TimeUnit.MILLISECONDS)) {
            f.cancel(true);
            return "no connection within " + timeoutMillis + " ms";
        }
        if (!f.isSuccess()) {
            Throwable c = f.cause();
            return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
        }
        f.channel().close().awaitUninterruptibly();
        return null;
    }

    interface ConnectCallback {
        void done(HttpConnection connection, Throwable error, long connectNanos);
    }

    /** The event loops, which also run think-time timers and iteration hand-offs. */
    public EventLoopGroup group() {
        return group;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
