package io.headroom.toolkit.helidon;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Security headers on every response (HTTP-5), in the spirit of helmet: no MIME sniffing, no
 * framing, no referrer leak, resources for this origin only, and a content security policy
 * (the API default allows nothing; an HTML dashboard passes its own). HSTS only when served over TLS.
 * The headers are made once, with their HTTP/1 bytes, and shared by every response.
 */
public final class SecurityHeaders implements Filter {
    /** For JSON APIs: a response never needs to load anything. */
    public static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    private final Header[] headers;

    public SecurityHeaders(String contentSecurityPolicy, boolean hsts) {
        List<Header> all = new ArrayList<>();
        all.add(PreparedHeader.of(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff"));
        all.add(PreparedHeader.of("X-Frame-Options", "DENY"));
        all.add(PreparedHeader.of("Referrer-Policy", "no-referrer"));
        all.add(PreparedHeader.of("Cross-Origin-Resource-Policy", "same-origin"));
        all.add(PreparedHeader.of("Content-Security-Policy", contentSecurityPolicy));
        if (hsts) {
            all.add(PreparedHeader.of(HeaderNames.STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains"));
        }
        this.headers = all.toArray(Header[]::new);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        for (Header header : headers) {
            res.header(header);
        }
        chain.proceed();
    }
}
