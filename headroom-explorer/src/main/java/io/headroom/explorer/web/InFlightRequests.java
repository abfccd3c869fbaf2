package io.headroom.explorer.web;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests the server is handling right now (the overview's "in flight"): one counter up on
 * entry and down on exit, around everything else. A live performance stream counts while it is open,
 * so the overview subtracts the open streams ({@link PerformanceStream#openStreams()}).
 */
final class InFlightRequests implements Filter {
    private final AtomicInteger inFlight = new AtomicInteger();

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        inFlight.incrementAndGet();
        try {
            chain.proceed();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    int now() {
        return inFlight.get();
    }
}
