package io.headroom.explorer.web.fuzz;

import io.headroom.explorer.web.fuzz.RouteTemplate.Parameter;
import io.headroom.explorer.web.fuzz.RouteTemplate.Segment;
import io.headroom.explorer.web.fuzz.WireClient.Exchange;
import io.headroom.explorer.web.fuzz.WireClient.Response;
import io.headroom.toolkit.http.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds, for every route of the table, one concrete request the service answers 2xx, using only
 * the table and what the service shows: the parameterless GET routes are read first and their
 * values harvested into a {@link FuzzDictionary}; then each parameter is tried with harvested values
 * (a rest parameter also with a value followed by one of the table's literal segments). The
 * successes prove every handler is reachable and become the bases the random phase mutates.
 */
final class RouteReach {
    private static final int CANDIDATES = 40;
    private static final Duration RETRY_FOR = Duration.ofSeconds(20);

    /** @param example the concrete path (and query) that answered; null when no attempt did */
    record Reached(FuzzRoute route, String example, int status, int attempts) {
        boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private final WireClient client;
    private final String adminToken;
    private final BodyExamples examples;
    private final FuzzDictionary dictionary = new FuzzDictionary();

    RouteReach(WireClient client, String adminToken, BodyExamples examples) {
        this.client = client;
        this.adminToken = adminToken;
        this.examples = examples;
    }

    FuzzDictionary dictionary() {
        return dictionary;
    }

    Map<FuzzRoute, Reached> reach(List<FuzzRoute> routes) {
        for (FuzzRoute route : routes) {
            if (route.method().equals("GET") && !route.template().hasParameters()) {
                Response response = send(route.method(), route.path());
                if (response != null && response.status() < 300) {
                    harvest(response);
                }
            }
        }
        List<String> literals = literalsByFrequency(routes);
        Map<FuzzRoute, Reached> reached = new LinkedHashMap<>();
        for (FuzzRoute route : routes) {
            List<BodyExamples.Example> bodies = examples.of(route);
            reached.put(
                    route,
                    bodies.isEmpty()
                            ? reachOne(route, candidates(route.template(), literals))
                            : reachWith(route, bodies));
        }
        return reached;
    }

    /**
     * Tries the candidates in order; a route without parameters is retried for a while instead,
     * since its non-2xx answer may be momentary (a refresh already running answers 409).
     */
    private Reached reachOne(FuzzRoute route, List<String> paths) {
        long until = System.nanoTime() + RETRY_FOR.toNanos();
        int attempts = 0;
        int lastStatus = 0;
        do {
            for (String path : paths) {
                attempts++;
                Response response = send(route.method(), path);
                lastStatus = response == null ? 0 : response.status();
                if (lastStatus >= 200 && lastStatus < 300) {
                    return new Reached(route, path, lastStatus, attempts);
                }
            }
            if (route.template().hasParameters()) {
                break;
            }
            pause();
        } while (System.nanoTime() < until);
        return new Reached(route, null, lastStatus, attempts);
    }

    /** A route that needs a body or a prepared target: its examples, in order. */
    private Reached reachWith(FuzzRoute route, List<BodyExamples.Example> bodies) {
        int lastStatus = 0;
        int attempts = 0;
        for (BodyExamples.Example example : bodies) {
            attempts++;
            Response response = client.send(example.request()).response();
            lastStatus = response == null ? 0 : response.status();
            if (lastStatus >= 200 && lastStatus < 300) {
                return new Reached(route, example.path(), lastStatus, attempts);
            }
        }
        return new Reached(route, null, lastStatus, attempts);
    }

    private List<String> candidates(RouteTemplate template, List<String> literals) {
        if (!template.hasParameters()) {
            return List.of(template.path());
        }
        List<String> oneSegment = new ArrayList<>(dictionary.likeliestNumbers(CANDIDATES / 2));
        oneSegment.addAll(dictionary.likeliestTexts(CANDIDATES / 2));
        List<String> rest = new ArrayList<>();
        for (String value : dictionary.likeliestTexts(CANDIDATES / 2)) {
            rest.add(value);
            literals.forEach(literal -> rest.add(value + "/" + literal));
        }
        List<String> paths = new ArrayList<>();
        int count = Math.max(oneSegment.size(), rest.size());
        for (int i = 0; i < count; i++) {
            int index = i;
            Function<Segment, String> value = segment -> segment instanceof Parameter
                    ? FuzzText.encode(oneSegment.get(Math.min(index, oneSegment.size() - 1)))
                    : encodeEachSegment(rest.get(Math.min(index, rest.size() - 1)));
            paths.add(template.fill(value));
        }
        return paths.stream().distinct().toList();
    }

    private static String encodeEachSegment(String path) {
        return Arrays.stream(path.split("/", -1)).map(FuzzText::encode).collect(Collectors.joining("/"));
    }

    /** The table's literal segments, the most used first ("api", then "v1", ...). */
    private static List<String> literalsByFrequency(List<FuzzRoute> routes) {
        Map<String, Long> counts = routes.stream()
                .flatMap(r -> r.template().literals().stream())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.keySet().stream()
                .sorted(Comparator.comparingLong((String l) -> -counts.get(l)).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /** The last segment of a same-origin link in an HTML page ({@code src="/assets/app.1a2b3c.js"}). */
    private static final Pattern LINKED_NAME = Pattern.compile("(?:src|href)=\"/[^\"]*/([^\"/?#]+)\"");

    /** Routes that answer a 2xx only to a body of their own shape: a valid one, by the path's ending. */
    private static final Map<String, String> BODIES =
            Map.of("/rum", "{\"page\":\"datasets\",\"metrics\":[{\"name\":\"LCP\",\"value\":812.5}]}");

    private Response send(String method, String path) {
        WireRequest.Builder request = WireRequest.http(method, path).header("Authorization", "Bearer " + adminToken);
        BODIES.entrySet().stream()
                .filter(e -> method.equals("POST") && path.endsWith(e.getKey()))
                .findFirst()
                .ifPresent(
                        e -> request.header("Content-Type", "application/json").body(e.getValue()));
        Exchange exchange = client.send(request.build());
        return exchange.response();
    }

    private void harvest(Response response) {
        String type = response.header("content-type");
        if (type != null && type.startsWith("text/html")) { // a page's links name the assets it loads
            Matcher link = LINKED_NAME.matcher(response.body());
            while (link.find()) {
                dictionary.addLink(link.group(1));
            }
            return;
        }
        if (type == null || !type.startsWith("application/json")) {
            return;
        }
        try {
            dictionary.harvest(Json.mapper().readTree(response.body()));
        } catch (IOException e) {
            // not JSON after all: nothing to learn
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50); // retry pace only; nothing is timed by it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
