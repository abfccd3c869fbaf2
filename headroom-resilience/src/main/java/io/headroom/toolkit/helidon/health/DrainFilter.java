package io.headroom.toolkit.helidon.health;

import io.headroom.toolkit.health.Drain;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Counts requests in flight for {@link Drain}; register it first, so it spans everything else. While the
 * service drains, every answer carries {@code Connection: close}: a keep-alive client then opens its next
 * connection elsewhere (the balancer has taken this instance out by then) instead of reusing one that is
 * about to be closed under it. (HTTP/2 connections end with the server's GOAWAY at stop.)
 */
public final class DrainFilter implements Filter {
    private final Drain drain;

    public DrainFilter(Drain drain) {
        this.drain = drain;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        drain.enter();
        try {
            // HTTP/1 only: HTTP/2 forbids connection-specific fields (a client resets the stream).
            if (drain.isDraining() && req.prologue().protocolVersion().startsWith("1")) {
                res.header(HeaderValues.CONNECTION_CLOSE);
            }
            chain.proceed();
        } finally {
            drain.exit();
        }
    }
}
