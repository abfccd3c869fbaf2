package io.headroom.toolkit.helidon.ratelimit;

import io.headroom.toolkit.helidon.PreparedHeader;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.ratelimit.ClientAddress;
import io.headroom.toolkit.ratelimit.Decision;
import io.headroom.toolkit.ratelimit.Quota;
import io.headroom.toolkit.ratelimit.RateLimit;
import io.headroom.toolkit.ratelimit.RateLimitSettings;
import io.headroom.toolkit.ratelimit.RateLimiter;
import io.headroom.toolkit.ratelimit.RouteClass;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rate limits as a Helidon filter: classifies the request, draws on the client address's bucket, the
 * user's (or, unauthenticated, the address's) and the route class's, and answers a refusal with 429,
 * {@code Retry-After} and the IETF {@code RateLimit} / {@code RateLimit-Policy} fields (also sent on every
 * limited answer, so a client can pace itself). Past the slow-down threshold the request waits first; it
 * runs on a virtual thread, so the wait holds no platform thread.
 */
public final class RateLimitFilter implements Filter {
    public static final HeaderName RATE_LIMIT = HeaderNames.create("RateLimit");
    public static final HeaderName RATE_LIMIT_POLICY = HeaderNames.create("RateLimit-Policy");

    private final RateLimiter limiter;
    private final RateLimitSettings settings;
    private final ClientAddress addresses;
    private final Function<ServerRequest, RouteClass> classify;
    private final Function<ServerRequest, Optional<String>> user;
    // RateLimit-Policy of an allowed request depends only on its route class: made once, with its HTTP/1 bytes.
    private final Header pagePolicy;
    private final Header apiPolicy;
    private final Header heavyPolicy;

    /**
     * @param classify the request's route class
     * @param user the authenticated user or API key the request acts for, if any (never a raw secret: a name or a hash)
     */
    public RateLimitFilter(
            RateLimiter limiter,
            RateLimitSettings settings,
            Function<ServerRequest, RouteClass> classify,
            Function<ServerRequest, Optional<String>> user) {
        this.limiter = limiter;
        this.settings = settings;
        this.addresses = settings.clientAddress();
        this.classify = classify;
        this.user = user;
        this.pagePolicy = policy(settings.ip());
        this.apiPolicy = policy(settings.ip(), settings.user(), settings.api());
        this.heavyPolicy = policy(settings.ip(), settings.user(), settings.heavy());
    }

    private static Header policy(RateLimit... limits) {
        return PreparedHeader.of(
                RATE_LIMIT_POLICY,
                new Decision(true, limits[0], 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, List.of(limits))
                        .policyField());
    }

    /** The client's address as the limits see it (the forwarded one behind a trusted proxy). */
    public String clientOf(ServerRequest req) {
        return RequestClient.address(req, addresses);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        RouteClass routeClass = classify.apply(req);
        if (routeClass == RouteClass.EXEMPT || routeClass == RouteClass.AUTH) {
            chain.proceed();
            return;
        }
        String client = "ip:" + clientOf(req);
        List<Quota> quotas = new ArrayList<>(3);
        quotas.add(new Quota(settings.ip(), client));
        if (routeClass != RouteClass.PAGE) {
            String who = user.apply(req).map(u -> "user:" + u).orElse(client);
            quotas.add(new Quota(settings.user(), who));
            quotas.add(new Quota(routeClass == RouteClass.HEAVY ? settings.heavy() : settings.api(), who));
        }
        Decision decision = limiter.acquire(quotas);
        res.header(RATE_LIMIT, decision.rateLimitField());
        if (!decision.allowed()) {
            res.header(RATE_LIMIT_POLICY, decision.policyField()); // the limits drawn on until the refusal
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(decision.retryAfterSeconds()));
            throw new ProblemException(Problem.of(
                    429,
                    "Too Many Requests",
                    "Rate limit '" + decision.tightest().name() + "' ("
                            + decision.tightest().describe() + ") reached; retry in " + decision.retryAfterSeconds()
                            + " s."));
        }
        res.header(
                routeClass == RouteClass.PAGE ? pagePolicy : routeClass == RouteClass.HEAVY ? heavyPolicy : apiPolicy);
        if (!decision.delay().isZero()) {
            try {
                Thread.sleep(decision.delay()); // slow-down: paced, not refused (RATE-3)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        chain.proceed();
    }
}
