package io.headroom.explorer.web.fuzz;

import static io.headroom.explorer.web.fuzz.FuzzCase.ANY_ACCEPTABLE;
import static io.headroom.explorer.web.fuzz.FuzzCase.closedAfterAnswer;
import static io.headroom.explorer.web.fuzz.FuzzCase.headerListing;
import static io.headroom.explorer.web.fuzz.FuzzCase.refused;
import static io.headroom.explorer.web.fuzz.FuzzCase.status;

import io.headroom.explorer.web.fuzz.FuzzCase.Expectation;
import io.headroom.explorer.web.fuzz.RouteReach.Reached;
import io.headroom.explorer.web.fuzz.RouteTemplate.Parameter;
import io.headroom.explorer.web.fuzz.RouteTemplate.Rest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Every hostile request we know of, as named cases. Those that depend on the routes (HEAD on each
 * GET route, a wrong method on each path, NUL in each parameter, admin routes without the token)
 * are derived from the routing table and the reached examples, so they follow the table.
 */
final class HostileCorpus {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final int KB = 1024;

    private final List<FuzzRoute> routes;
    private final Map<FuzzRoute, Reached> reached;
    private final String token;
    private final List<FuzzCase> cases = new ArrayList<>();

    private HostileCorpus(List<FuzzRoute> routes, Map<FuzzRoute, Reached> reached, String token) {
        this.routes = routes;
        this.reached = reached;
        this.token = token;
    }

    static List<FuzzCase> of(List<FuzzRoute> routes, Map<FuzzRoute, Reached> reached, String adminToken) {
        HostileCorpus corpus = new HostileCorpus(routes, reached, adminToken);
        corpus.nul();
        corpus.controlCharactersInTheMethod();
        corpus.longUrls();
        corpus.malformedRequestLines();
        corpus.connectionClose();
        corpus.headOnEveryGetRoute();
        corpus.wrongMethodOnEveryPath();
        corpus.headers();
        corpus.lengthsAndChunks();
        corpus.bodies();
        corpus.adminWithoutTheToken();
        corpus.hostilePaths();
        return List.copyOf(corpus.cases);
    }

    private void nul() {
        add("NUL as the folder of folder stats", get("/api/v1/folders/%00/stats"), status(400, 499));
        for (FuzzRoute route : routes) {
            for (String nul : List.of("%00", "1%00", "%00%00")) {
                if (route.template().segments().stream().anyMatch(s -> s instanceof Parameter)) {
                    String path = route.template().fill(s -> s instanceof Parameter ? nul : "1");
                    add(
                            "NUL (" + nul + ") in the path parameter of " + route,
                            authorized(route.method(), path),
                            status(400, 499));
                }
                restWithNul(route, nul);
            }
        }
        for (Reached r : reached.values()) {
            if (r.example() != null && isCanonical(r.route())) {
                String separator = r.example().contains("?") ? "&" : "?";
                List<WireRequest> requests = new ArrayList<>();
                for (String name : RequestParts.QUERY_NAMES) {
                    requests.add(authorized(r.route().method(), r.example() + separator + name + "=%00")
                            .build());
                }
                requests.add(authorized(r.route().method(), r.example() + separator + "%00=1")
                        .build());
                cases.add(new FuzzCase("NUL in each query parameter of " + r.route(), requests, ANY_ACCEPTABLE, 0));
                List<String> bare = new ArrayList<>(RequestParts.QUERY_NAMES.stream()
                        .filter(n -> !n.isEmpty())
                        .toList());
                bare.add(String.join("&", bare));
                cases.add(new FuzzCase(
                        "each query parameter without a value on " + r.route(),
                        bare.stream()
                                .map(name -> authorized(r.route().method(), r.example() + separator + name)
                                        .build())
                                .toList(),
                        ANY_ACCEPTABLE,
                        0));
            }
        }
    }

    /** A rest parameter's first segment replaced by NUL, the rest of the reached example kept. */
    private void restWithNul(FuzzRoute route, String nul) {
        Reached r = reached.get(route);
        String template = route.path();
        int restAt = template.indexOf("{+");
        if (r == null
                || r.example() == null
                || restAt < 0
                || !route.template().segments().stream().anyMatch(s -> s instanceof Rest)) {
            return;
        }
        String prefix = template.substring(0, restAt);
        String rest = r.example().substring(prefix.length());
        int slash = rest.indexOf('/');
        String path = prefix + nul + (slash < 0 ? "" : rest.substring(slash));
        add("NUL (" + nul + ") in the rest parameter of " + route, authorized(route.method(), path), status(400, 499));
    }

    private void controlCharactersInTheMethod() {
        for (String method :
                List.of("GE\u0001T", "\u0000GET", "GET\u0000", "GET\u007f", "G\tET", "GET\u000b", "\u001bGET")) {
            add(
                    "control character in the method " + WireRequest.printable(method),
                    WireRequest.http(method, "/api/health").build(),
                    refused());
        }
    }

    private void longUrls() {
        for (int size : List.of(4 * KB, 8 * KB, 16 * KB, 64 * KB)) {
            Expectation expected = size >= 16 * KB ? status(414, 414) : status(200, 499);
            String query = "/api/v1/datasets?q=";
            add("URL of " + size / KB + " KB (long query)", get(query + "a".repeat(size - query.length())), expected);
            String path = "/api/v1/datasets/";
            add("URL of " + size / KB + " KB (long path)", get(path + "1".repeat(size - path.length())), expected);
            String folder = "/api/v1/folders/";
            add(
                    "URL of " + size / KB + " KB (many segments)",
                    get(folder + "a/".repeat((size - folder.length()) / 2) + "stats"),
                    expected);
        }
    }

    private void malformedRequestLines() {
        add("request line without a version", raw("GET /api/health\r\nHost: 127.0.0.1\r\n\r\n"), ANY_ACCEPTABLE);
        add("request line without a version or headers", raw("GET /api/health\r\n\r\n"), ANY_ACCEPTABLE);
        add("request line with only a method", raw("GET\r\n\r\n"), refused());
        add(
                "empty request line, then the client stops sending",
                new WireRequest(
                        "CRLF CRLF, half-closed", "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false, true, false),
                ANY_ACCEPTABLE);
        add(
                "unknown HTTP version",
                WireRequest.http("GET", "/api/health").version("HTTP/3.7").build(),
                refused());
        add(
                "garbage version",
                WireRequest.http("GET", "/api/health").version("HTTX/1.1").build(),
                refused());
        add("three spaces in the request line", raw("GET  /api/health  HTTP/1.1\r\nHost: x\r\n\r\n"), ANY_ACCEPTABLE);
        add("absolute-form target", get("http://127.0.0.1/api/health"), ANY_ACCEPTABLE);
        add("asterisk target", WireRequest.http("OPTIONS", "*").build(), ANY_ACCEPTABLE);
        add("target without a slash", get("api/health"), refused());
        add("LF-only line endings", raw("GET /api/health HTTP/1.1\nHost: x\n\n"), ANY_ACCEPTABLE);
        add("binary noise", WireRequest.raw("binary noise", noise(600)), ANY_ACCEPTABLE);
        add("TLS ClientHello to the plain port", WireRequest.raw("TLS ClientHello", TlsHello.bytes()), refused());
    }

    private void connectionClose() {
        for (String target :
                List.of("/api/health", "/api/v1/datasets?limit=abc", "/api/v1/no-such-route", "/api/v1/admin/cache")) {
            add(
                    "socket closed after Connection: close on " + target,
                    WireRequest.http("GET", target)
                            .header("Connection", "close")
                            .build(),
                    closedAfterAnswer());
        }
        // Helidon refuses HTTP/1.0 when more than one protocol (HTTP/2 too) is installed: a close, not an answer.
        add(
                "HTTP/1.0 request answered or closed",
                WireRequest.http("GET", "/api/health").version("HTTP/1.0").build(),
                ANY_ACCEPTABLE);
        add(
                "socket closed after Connection: close with a body",
                authorized("POST", "/api/v1/admin/cache/warm")
                        .header("Connection", "close")
                        .header("Content-Type", "application/json")
                        .body("{}")
                        .build(),
                closedAfterAnswer());
    }

    /** The GET answer's status, without a body (the client checks what follows the head is the next response). */
    private void headOnEveryGetRoute() {
        for (Reached r : reached.values()) {
            if (r.route().method().equals("GET") && r.example() != null) {
                add("HEAD on " + r.route(), authorized("HEAD", r.example()), status(r.status(), r.status()));
            }
        }
    }

    private void wrongMethodOnEveryPath() {
        Map<String, TreeSet<String>> methodsByPath = new LinkedHashMap<>();
        for (FuzzRoute route : routes) {
            methodsByPath.computeIfAbsent(route.path(), p -> new TreeSet<>()).add(route.method());
        }
        methodsByPath.forEach((path, allowed) -> {
            String concrete = exampleFor(path);
            for (String method : METHODS) {
                if (!allowed.contains(method)) {
                    WireRequest.Builder request = authorized(method, concrete);
                    if (!method.equals("GET")) {
                        request.header("Content-Type", "application/json").body("{}");
                    }
                    add(
                            method + " on " + path + " (declared: " + String.join(", ", allowed) + ")",
                            request.build(),
                            status(405, 405).and(headerListing("Allow", List.copyOf(allowed))));
                }
            }
        });
    }

    private void headers() {
        for (int size : List.of(8 * KB, 16 * KB, 64 * KB, 1024 * KB)) {
            add("one header of " + size / KB + " KB", get("/api/health", "X-Big", "a".repeat(size)), ANY_ACCEPTABLE);
        }
        for (int count : List.of(100, 1_000, 10_000)) {
            WireRequest.Builder request = WireRequest.http("GET", "/api/health");
            for (int i = 0; i < count; i++) {
                request.header("X-Many-" + i, "v");
            }
            add(count + " headers", request.build(), ANY_ACCEPTABLE);
        }
        add("header without a colon", raw("GET /api/health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n"), refused());
        add("space before the colon", raw("GET /api/health HTTP/1.1\r\nHost : x\r\n\r\n"), refused());
        add(
                "obsolete line folding",
                raw("GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  folded\r\n\r\n"),
                ANY_ACCEPTABLE);
        add("NUL in a header value", get("/api/health", "X-Nul", "a\u0000b"), refused());
        add("control character in a header name", get("/api/health", "X-\u0001Bad", "v"), refused());
        add(
                "no Host header",
                WireRequest.http("GET", "/api/health").withoutHost().build(),
                ANY_ACCEPTABLE);
        add(
                "two Host headers",
                get("/api/health", "Host", "a").header("Host", "b").build(),
                ANY_ACCEPTABLE);
        add("Host with a space", get("/api/health", "Host", "a b"), ANY_ACCEPTABLE);
        add(
                "Accept-Encoding with 1,000 codings",
                get("/api/v1/datasets", "Accept-Encoding", "x;q=0.5, ".repeat(1000) + "gzip"),
                ANY_ACCEPTABLE);
        add(
                "If-None-Match of 2,000 tags",
                get("/api/v1/datasets", "If-None-Match", "\"a\", ".repeat(2000) + "\"b\""),
                ANY_ACCEPTABLE);
    }

    private void lengthsAndChunks() {
        String post = "/api/v1/admin/cache/warm";
        for (String length : List.of("abc", "-1", "1, 2", "99999999999999999999", "0x10", "+2")) {
            add(
                    "Content-Length '" + length + "'",
                    authorized("POST", post)
                            .header("Content-Length", length)
                            .body("{}")
                            .probeAfter(),
                    refused());
        }
        add(
                "two different Content-Lengths",
                authorized("POST", post)
                        .header("Content-Length", "2")
                        .header("Content-Length", "3")
                        .body("{}x")
                        .probeAfter(),
                refused());
        add(
                "Content-Length beyond the body, then the client stops sending",
                authorized("POST", post)
                        .header("Content-Length", "100")
                        .body("{}")
                        .halfClose()
                        .build(),
                ANY_ACCEPTABLE);
        add(
                "Content-Length and chunked together",
                authorized("POST", post)
                        .header("Content-Length", "5")
                        .header("Transfer-Encoding", "chunked")
                        .body("0\r\n\r\n")
                        .probeAfter(),
                ANY_ACCEPTABLE);
        add("chunk size that is not hex", chunked(post, "zz\r\n{}\r\n0\r\n\r\n"), ANY_ACCEPTABLE);
        add("chunk size that overflows", chunked(post, "fffffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"), ANY_ACCEPTABLE);
        add("chunk shorter than its size", chunked(post, "a\r\n{}\r\n0\r\n\r\n"), ANY_ACCEPTABLE);
        add("chunk without CRLF after the data", chunked(post, "2\r\n{}XX0\r\n\r\n"), ANY_ACCEPTABLE);
        add(
                "no last chunk, then the client stops sending",
                authorized("POST", post)
                        .header("Transfer-Encoding", "chunked")
                        .body("2\r\n{}\r\n")
                        .halfClose()
                        .build(),
                ANY_ACCEPTABLE);
        add("chunk extension garbage", chunked(post, "2;\u0001=\"\r\n{}\r\n0\r\n\r\n"), ANY_ACCEPTABLE);
        for (String coding : List.of("gzip, chunked", "chunked, identity", "xchunked", "chunked, chunked")) {
            // RFC 9112 section 6.1: a transfer coding the server does not implement is answered 501
            cases.add(new FuzzCase(
                    "Transfer-Encoding '" + coding + "'",
                    List.of(authorized("POST", post)
                            .header("Transfer-Encoding", coding)
                            .body("2\r\n{}\r\n0\r\n\r\n")
                            .probeAfter()
                            .build()),
                    ANY_ACCEPTABLE,
                    501));
        }
        add(
                "Content-Length over the limit, body not sent",
                authorized("POST", post)
                        .header("Content-Length", Integer.toString(64 * 1024 * KB))
                        .build(),
                status(413, 413));
    }

    private void bodies() {
        add(
                "JSON body on GET",
                get("/api/v1/datasets", "Content-Type", "application/json")
                        .body("{\"limit\": 1}")
                        .build(),
                ANY_ACCEPTABLE);
        // RFC 9110 10.1.1: a client that asked "Expect: 100-continue" MAY send the body without waiting;
        // a server answering without reading it must discard it or close, never parse it as a request.
        String smuggled = "GET /api/v1/no-such-route HTTP/1.1\r\nHost: x\r\n\r\n";
        for (String target : List.of("/api/health", "/api/v1/datasets")) {
            add(
                    "Expect: 100-continue on GET " + target + ", the body sent at once",
                    get(target, "Expect", "100-continue")
                            .header("Content-Type", "text/plain")
                            .body(smuggled)
                            .probeAfter()
                            .build(),
                    ANY_ACCEPTABLE);
        }
        add(
                "body on GET " + "/api/health" + " that reads like a request",
                get("/api/health", "Content-Type", "text/plain")
                        .body(smuggled)
                        .probeAfter()
                        .build(),
                ANY_ACCEPTABLE);
        add(
                "chunked body on GET",
                WireRequest.http("GET", "/api/v1/datasets")
                        .header("Transfer-Encoding", "chunked")
                        .body("2\r\n{}\r\n0\r\n\r\n")
                        .build(),
                ANY_ACCEPTABLE);
        for (FuzzRoute route : routes) {
            if (!isCanonical(route) || route.method().equals("GET")) {
                continue;
            }
            String target = exampleFor(route.path());
            List<String> broken =
                    List.of("{", "{\"a\":", "[".repeat(100_000), "{\"a\": \"\\u0000\"}", "\u0000", "{\"a\": 1}}");
            for (String body : broken) {
                add(
                        "bad JSON on " + route + ": " + WireRequest.shorten(body),
                        authorized(route.method(), target)
                                .header("Content-Type", "application/json")
                                .body(body)
                                .build(),
                        ANY_ACCEPTABLE);
            }
            for (String type :
                    List.of("text/xml", "application/json; charset=nope", "multipart/form-data", "\u00ff/\u00ff")) {
                add(
                        "Content-Type '" + type + "' on " + route,
                        authorized(route.method(), target)
                                .header("Content-Type", type)
                                .body("<x/>")
                                .build(),
                        ANY_ACCEPTABLE);
            }
            add(
                    "body of 2 MB on " + route,
                    authorized(route.method(), target)
                            .header("Content-Type", "application/json")
                            .body(("{\"a\": \"" + "x".repeat(2 * 1024 * KB) + "\"}").getBytes(StandardCharsets.UTF_8))
                            .build(),
                    status(413, 413));
        }
    }

    private void adminWithoutTheToken() {
        for (FuzzRoute route : routes) {
            if (!route.isAdmin()) {
                continue;
            }
            String target = exampleFor(route.path());
            add("no token on " + route, WireRequest.http(route.method(), target).build(), status(401, 401));
            for (String credentials : List.of("Bearer wrong", "Bearer ", "Basic dXNlcjpwYXNz", token)) {
                add(
                        "credentials '" + credentials.replace(token, "<token without Bearer>") + "' on " + route,
                        WireRequest.http(route.method(), target)
                                .header("Authorization", credentials)
                                .build(),
                        status(401, 401));
            }
        }
    }

    /** Traversal, doubled slashes and bad escapes, as sent (no client-side normalisation). */
    private void hostilePaths() {
        for (String path : List.of(
                "/api/v1/datasets/../stats",
                "/api/v1/folders/../../../etc/passwd/stats",
                "/api/v1/folders/%2e%2e%2f%2e%2e%2fetc/stats",
                "/api/v1//datasets",
                "/api/v1/datasets/%00",
                "/api/v1/folders/%ZZ/stats",
                "/api/v1/datasets?q=%ZZ",
                "/api/v1/datasets/1/../../../admin/refresh/1",
                "/api/v1/folders//stats",
                "/api/v1/folders/stats",
                "/api/v1/datasets/1/sample?rows=%ZZ",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/api/v1/datasets#fragment",
                "/api/v1/datasets?%",
                "/api/v1/datasets?&&&=&")) {
            add("hostile path " + path, authorized("GET", path).build(), ANY_ACCEPTABLE);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void add(String name, WireRequest request, Expectation expectation) {
        cases.add(new FuzzCase(name, request, expectation));
    }

    private void add(String name, WireRequest.Builder request, Expectation expectation) {
        add(name, request.build(), expectation);
    }

    /** The v1 route or a route outside /api/ (the /api aliases share their handlers). */
    private static boolean isCanonical(FuzzRoute route) {
        return route.path().startsWith("/api/v1/")
                || !route.path().startsWith("/api/")
                || route.path().equals("/api/health")
                || route.path().startsWith("/api/performance");
    }

    /** A reached example for the path, else the template with every parameter "1". */
    private String exampleFor(String path) {
        return reached.values().stream()
                .filter(r -> r.route().path().equals(path) && r.example() != null)
                .map(Reached::example)
                .findFirst()
                .orElseGet(() -> RouteTemplate.parse(path).fill(s -> "1"));
    }

    private static WireRequest get(String target) {
        return WireRequest.http("GET", target).build();
    }

    private static WireRequest.Builder get(String target, String header, String value) {
        return WireRequest.http("GET", target).header(header, value);
    }

    private WireRequest.Builder authorized(String method, String target) {
        return WireRequest.http(method, target).header("Authorization", "Bearer " + token);
    }

    /** Sent with a probe after it: the garbage must not be read as a request of its own. */
    private WireRequest chunked(String target, String body) {
        return authorized("POST", target)
                .header("Transfer-Encoding", "chunked")
                .body(body)
                .probeAfter()
                .build();
    }

    private static WireRequest raw(String text) {
        return WireRequest.raw(WireRequest.printable(WireRequest.shorten(text)), text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] noise(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes); // fixed: the corpus is the same every run
        return bytes;
    }
}
