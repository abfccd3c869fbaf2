package io.headroom.explorer.web.fuzz;

import io.headroom.explorer.web.fuzz.RouteTemplate.Parameter;
import java.util.List;
import java.util.Random;

/**
 * Random requests aimed at one route: usually its own method, on its reached example or on a path
 * with generated parameters, with a generated query, credentials, headers and (on methods that
 * carry one, and now and then on GET) a body. The same seed gives the same requests.
 */
final class RandomRequests {
    private static final List<String> OTHER_METHODS = List.of(
            "GET",
            "HEAD",
            "POST",
            "PUT",
            "DELETE",
            "PATCH",
            "OPTIONS",
            "TRACE",
            "CONNECT",
            "get",
            "FOO",
            "M-SEARCH",
            "PROPFIND",
            "G\u00c9T");

    private final RequestParts parts;
    private final FuzzDictionary dictionary;

    RandomRequests(RequestParts parts, FuzzDictionary dictionary) {
        this.parts = parts;
        this.dictionary = dictionary;
    }

    WireRequest next(Random random, FuzzRoute route, String example) {
        String method = random.nextInt(8) == 0 ? FuzzText.pick(random, OTHER_METHODS) : route.method();
        String path = example != null && random.nextInt(5) < 2 ? withoutQuery(example) : generatedPath(random, route);
        WireRequest.Builder request = WireRequest.http(method, path + parts.query(random, dictionary))
                .headers(parts.credentials(random))
                .headers(parts.headers(random));
        boolean carriesBody = (!method.equals("GET") && !method.equals("HEAD")) || random.nextInt(10) == 0;
        if (carriesBody && random.nextInt(10) < 7) {
            request.header("Content-Type", parts.contentType(random)).body(parts.body(random));
        }
        return request
                .build(); // Connection: close is the corpus's concern: waiting for each close would cost the budget
    }

    /**
     * One plain request: the route's own method on its reached example's path (or a generated one),
     * with the valid token and no query or body. Each route gets one per run, so the server-side check
     * that every route was matched tests routing, not the luck of a seed: ten fully random requests all
     * miss a route now and then (a CI run saw it on HEAD /api/v1/folders/{+rest}).
     */
    WireRequest anchored(Random random, FuzzRoute route, String example) {
        String path = example != null ? withoutQuery(example) : generatedPath(random, route);
        return WireRequest.http(route.method(), path)
                .headers(parts.validCredentials())
                .build();
    }

    private String generatedPath(Random random, FuzzRoute route) {
        List<String> literals = route.template().literals();
        return route.template()
                .fill(segment -> segment instanceof Parameter
                        ? PathValues.segment(random, dictionary)
                        : PathValues.rest(random, dictionary, literals));
    }

    private static String withoutQuery(String example) {
        int query = example.indexOf('?');
        return query < 0 ? example : example.substring(0, query);
    }
}
