package io.headroom.toolkit.helidon;

import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Honours {@code Connection: close} (RFC 9112 9.6). Helidon 4.5 answers such a request with
 * {@code Connection: close} but then waits for another request on the socket, holding it until the
 * client gives up. Once the response is sent, the connection-close exception ends the connection
 * (Helidon's error handling passes it through to the connection, which closes the socket).
 *
 * <p>A handler's problem (a 400, a 404) is rendered here rather than by the error handlers, which run
 * after every filter has returned: too late to close. Anything else (a 500, a 503) keeps the
 * connection; Helidon's idle timeout closes it.
 */
final class CloseWhenAsked implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!req.headers().contains(HeaderValues.CONNECTION_CLOSE)) {
            chain.proceed();
            return;
        }
        try {
            chain.proceed();
        } catch (ProblemException e) {
            ProblemHandlers.send(HeadResponse.forRequest(req, res), e.problem());
        }
        if (res.isSent()) {
            throw new CloseConnectionException("the client asked for Connection: close");
        }
    }
}
