package io.headroom.toolkit.helidon;

import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/**
 * Refuses a NUL character (an encoded {@code %00}) anywhere in the decoded path or query with a 400
 * (SEC-1). No route has a use for it, and PostgreSQL rejects it inside any text value, so letting it
 * through turns bad input into a database error (a 500) on whichever parameter reaches SQL first.
 */
final class NulGuard implements Filter {
    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.path().path().indexOf('\0') >= 0) {
            throw new ProblemException(Problem.of(400, "Bad Request", "The path contains a NUL character (%00)."));
        }
        for (String name : req.query().names()) {
            if (name.indexOf('\0') >= 0 || anyHasNul(req.query().all(name))) {
                throw ProblemException.badParameter(name.replace("\0", "%00"), "contains a NUL character (%00)");
            }
        }
        chain.proceed();
    }

    private static boolean anyHasNul(List<String> values) {
        for (int i = 0; i < values.size(); i++) { // every request passes here: no stream, no iterator
            if (values.get(i).indexOf('\0') >= 0) {
                return true;
            }
        }
        return false;
    }
}
