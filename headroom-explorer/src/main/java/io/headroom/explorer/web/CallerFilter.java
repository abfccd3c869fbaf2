package io.headroom.explorer.web;

import io.headroom.explorer.auth.Authenticator;
import io.headroom.explorer.auth.Caller;
import io.headroom.explorer.auth.TokenService;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Establishes who is calling, once per request, before any route runs: no {@code Authorization}
 * header is {@link Caller#ANONYMOUS}; a bearer credential is the admin token, the metrics token, a
 * login token or an API key. Anything else presented (another scheme, a wrong, expired, tampered or
 * unsigned token, a revoked key) is a 401 with {@code WWW-Authenticate}, on every route: a credential
 * is never ignored, so a client with a broken token learns it instead of silently seeing less.
 */
final class CallerFilter implements Filter {
    private static final String BEARER_ACCOUNT = "bearer-token";
    private final Optional<BearerToken> adminToken;
    private final Optional<BearerToken> metricsToken;
    private final Authenticator authenticator;
    private final TokenAttempts attempts;

    /** {@code attempts}: wrong bearer tokens in a row (any kind) slow the next ones down, per client and overall. */
    CallerFilter(
            Optional<String> adminToken,
            Optional<String> metricsToken,
            Authenticator authenticator,
            TokenAttempts attempts) {
        this.adminToken = BearerToken.of(adminToken);
        this.metricsToken = BearerToken.of(metricsToken);
        this.authenticator = authenticator;
        this.attempts = attempts;
    }

    /** The caller the filter established; anonymous when it did not run (a request it never saw). */
    static Caller of(ServerRequest req) {
        return req.context().get(Caller.class).orElse(Caller.ANONYMOUS);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Caller caller;
        try {
            caller = identify(req, res);
        } catch (ProblemException e) {
            // Answered here rather than thrown: an exception leaving a filter skips the routing's problem
            // handlers, and a HEAD answered that way kept its connection open.
            answer(req, res, e.problem());
            if (req.headers().contains(HeaderValues.CONNECTION_CLOSE)) { // as the toolkit's CloseWhenAsked does
                throw new CloseConnectionException("the client asked for Connection: close");
            }
            return;
        }
        if (!Caller.ANONYMOUS.equals(
                caller)) { // of(req) answers ANONYMOUS when nothing is registered: no context write
            req.context().register(caller);
        }
        chain.proceed();
    }

    private static void answer(RoutingRequest req, RoutingResponse res, Problem problem) {
        byte[] body = Json.bytes(problem);
        res.status(Status.create(problem.status()));
        res.header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (Method.HEAD.equals(req.prologue().method())) {
            res.headers().contentLength(body.length); // what GET would send, without the body
            res.send(new byte[0]);
        } else {
            res.send(body);
        }
    }

    private Caller identify(RoutingRequest req, RoutingResponse res) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            return Caller.ANONYMOUS;
        }
        Optional<byte[]> presented = BearerToken.presented(req);
        if (presented.isEmpty() || presented.get().length == 0) {
            throw refused(
                    res,
                    BearerToken.CHALLENGE,
                    "Only 'Authorization: Bearer <token>' is accepted: a login token "
                            + "from POST /api/v1/auth/login, an API key, or a token the service was configured with.");
        }
        attempts.refuseIfTooSoon(req, res, BEARER_ACCOUNT); // before any comparison: a guesser learns nothing more
        // Both static tokens are compared, even after a match, so timing does not tell which one matched.
        boolean admin = adminToken.map(t -> t.matches(presented.get())).orElse(false);
        boolean metrics = metricsToken.map(t -> t.matches(presented.get())).orElse(false);
        if (admin || metrics) {
            attempts.succeeded(req, BEARER_ACCOUNT);
            return admin ? Caller.ADMIN_TOKEN : Caller.METRICS_TOKEN;
        }
        try {
            Caller caller = authenticator.authenticate(new String(presented.get(), StandardCharsets.UTF_8));
            attempts.succeeded(req, BEARER_ACCOUNT);
            return caller;
        } catch (TokenService.InvalidTokenException e) {
            attempts.failed(req, BEARER_ACCOUNT);
            throw refused(res, BearerToken.CHALLENGE + ", error=\"invalid_token\"", e.getMessage());
        }
    }

    static ProblemException refused(ServerResponse res, String challenge, String detail) {
        res.header(HeaderNames.WWW_AUTHENTICATE, challenge);
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        return ProblemException.unauthorized(detail);
    }
}
