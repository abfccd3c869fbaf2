package io.headroom.toolkit.helidon.resilience;

import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.resilience.ConcurrencyLimits;
import io.headroom.toolkit.resilience.RequestAdmission;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.function.Function;

/**
 * Overload protection per route class as a Helidon filter (RATE-5): classifies the request, enters its
 * class's {@link ConcurrencyLimits} for the request's life (the handler runs on the same virtual thread,
 * so a database connection it asks for claims the class's permit), and answers a refusal on arrival with a
 * 503 problem and {@code Retry-After} without running anything else. Register it after the rate limits
 * (a rate-limited request takes no place) and around the routes.
 *
 * @param <K> the route class
 */
public final class ConcurrencyLimitFilter<K> implements Filter {
    private final ConcurrencyLimits<K> limits;
    private final Function<ServerRequest, K> classify;

    public ConcurrencyLimitFilter(ConcurrencyLimits<K> limits, Function<ServerRequest, K> classify) {
        this.limits = limits;
        this.classify = classify;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        try (RequestAdmission admission = limits.enter(classify.apply(req))) {
            if (admission.refused()) {
                res.header(HeaderNames.RETRY_AFTER, String.valueOf(RequestAdmission.retryAfterSeconds()));
                throw new ProblemException(Problem.of(
                        503,
                        "Service Unavailable",
                        "The service is at its concurrency limit for this kind of request; retry in "
                                + RequestAdmission.retryAfterSeconds() + " s."));
            }
            try {
                chain.proceed();
            } catch (RuntimeException | Error e) {
                admission.failed();
                throw e;
            }
        }
    }
}
