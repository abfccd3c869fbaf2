package io.headroom.toolkit.helidon;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Security headers on every response (HTTP-5), in the spirit of helmet: no MIME sniffing, no
 * framing, no referrer leak, resources for this origin only, and a content security policy
 * (the API default allows nothing; an HTML dashboard passes its own). HSTS only when served over TLS.
 */
public final class SecurityHeaders implements Filter {
    /** For JSON APIs: a response never needs to load anything. */
    public static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    private final String contentSecurityPolicy;
    private final boolean hsts;

    public SecurityHeaders(String contentSecurityPolicy, boolean hsts) {
        this.contentSecurityPolicy = contentSecurityPolicy;
        this.hsts = hsts;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.header(HeaderNames.create("Cross-Origin-Resource-Policy"), "same-origin");
        res.header(HeaderNames.create("Content-Security-Policy"), contentSecurityPolicy);
        if (hsts) {
            res.header(HeaderNames.STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
        }
        chain.proceed();
    }
}
