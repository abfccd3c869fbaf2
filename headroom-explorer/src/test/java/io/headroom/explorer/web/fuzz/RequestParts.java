package io.headroom.explorer.web.fuzz;

import io.headroom.explorer.web.fuzz.WireRequest.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The non-path parts of a generated request: query strings, headers, credentials and bodies, each
 * drawn from ordinary, edge and hostile values.
 */
final class RequestParts {
    /** Every query parameter some handler reads, plus names none does. */
    static final List<String> QUERY_NAMES = List.of(
            "folder",
            "format",
            "tag",
            "q",
            "minSize",
            "maxSize",
            "modifiedAfter",
            "modifiedBefore",
            "sort",
            "limit",
            "offset",
            "cursor",
            "rows",
            "recent",
            "history",
            "keyspace",
            "key",
            "prefix",
            "type",
            "unknown",
            "",
            "limit[]",
            "%00",
            "q%00");

    static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json; charset=utf-8",
            "application/json; charset=ebcdic",
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/problem+json",
            ";;;",
            "",
            "*/*",
            "application/json\u00ff");
    static final List<String> BODIES = List.of(
            "{}",
            "[]",
            "null",
            "0",
            "\"text\"",
            "{\"ids\": [1, 2]}",
            "{\"keyspace\": \"datasets\", \"key\": \"\\u0000\"}",
            "{\"refresh\": true}",
            "{",
            "{\"a\":",
            "\"unterminated",
            "{\"a\": 1,}",
            "{'a': 1}",
            "[".repeat(5000),
            "{\"a\": " + "9".repeat(400) + "}",
            "\u0000\u0001\u0002",
            "\ufeff{}",
            "a=1&b=2",
            "<xml/>",
            "\ud83d\ude00");

    private final String adminToken;

    RequestParts(String adminToken) {
        this.adminToken = adminToken;
    }

    /** Empty, or {@code ?} and one to four parameters, mostly well-encoded, sometimes not. */
    String query(Random random, FuzzDictionary dictionary) {
        if (random.nextInt(3) == 0) {
            return "";
        }
        StringBuilder query = new StringBuilder("?");
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                query.append(random.nextInt(20) == 0 ? "&&" : "&");
            }
            String name = FuzzText.pick(random, QUERY_NAMES);
            query.append(name.contains("%") ? name : FuzzText.encode(name));
            switch (random.nextInt(12)) {
                case 0 -> {} // a name without '='
                case 1 -> query.append("=%ZZ");
                case 2 -> query.append("=").append(FuzzText.encode(dictionary.any(random)));
                case 3 -> query.append("=a=b");
                default -> query.append('=').append(FuzzText.encode(FuzzText.value(random)));
            }
        }
        return query.toString();
    }

    List<Header> validCredentials() {
        return List.of(new Header("Authorization", "Bearer " + adminToken));
    }

    /** The valid token half of the time, else none or a wrong one. */
    List<Header> credentials(Random random) {
        return switch (random.nextInt(10)) {
            case 0, 1 -> List.of();
            case 2 -> List.of(new Header("Authorization", "Bearer wrong-" + adminToken));
            case 3 ->
                List.of(new Header(
                        "Authorization",
                        FuzzText.pick(
                                random,
                                List.of(
                                        "Bearer",
                                        "Bearer ",
                                        "Basic dXNlcjpwYXNz",
                                        "bearer " + adminToken,
                                        "Bearer  " + adminToken + " ",
                                        "Bearer " + "x".repeat(5000),
                                        "Bearer \u00ff\u00fe",
                                        "Token " + adminToken))));
            default -> validCredentials();
        };
    }

    /** Zero to three headers a client might send, with ordinary or broken values. */
    List<Header> headers(Random random) {
        List<Header> headers = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            headers.add(
                    switch (random.nextInt(11)) {
                        case 0 ->
                            new Header(
                                    "Accept",
                                    FuzzText.pick(
                                            random,
                                            List.of(
                                                    "application/json",
                                                    "*/*",
                                                    "text/html",
                                                    "application/openmetrics-text",
                                                    "application/problem+json",
                                                    "garbage",
                                                    "",
                                                    "*/*;q=abc")));
                        case 1 ->
                            new Header(
                                    "Accept-Encoding",
                                    FuzzText.pick(
                                            random,
                                            List.of(
                                                    "gzip",
                                                    "br",
                                                    "br;q=0, gzip;q=0",
                                                    "identity;q=0",
                                                    "*;q=0",
                                                    "gzip;q=abc",
                                                    "x".repeat(1000),
                                                    "deflate, compress, zstd")));
                        case 2 ->
                            new Header(
                                    "If-None-Match",
                                    FuzzText.pick(
                                            random,
                                            List.of("*", "\"abc\"", "W/\"x\"", "garbage", "\"", "\"a\", W/\"b\", *")));
                        case 3 ->
                            new Header(
                                    "If-Modified-Since",
                                    FuzzText.pick(
                                            random,
                                            List.of(
                                                    "Mon, 01 Jan 2024 00:00:00 GMT",
                                                    "garbage",
                                                    "Thu, 01 Jan 1970 00:00:00 GMT",
                                                    "Fri, 31 Dec 9999 23:59:59 GMT")));
                        case 4 ->
                            new Header(
                                    "Range",
                                    FuzzText.pick(random, List.of("bytes=0-10", "bytes=-", "bytes=5-1", "garbage")));
                        case 5 -> new Header("Content-Type", FuzzText.pick(random, CONTENT_TYPES));
                        case 6 ->
                            new Header(
                                    "Cache-Control",
                                    FuzzText.pick(random, List.of("no-cache", "max-age=-1", "only-if-cached")));
                        case 7 -> new Header("Expect", FuzzText.pick(random, List.of("100-continue", "garbage")));
                        case 8 ->
                            new Header(
                                    "X-Forwarded-For", FuzzText.pick(random, List.of("1.2.3.4", "::1", "garbage, ,")));
                        case 9 ->
                            new Header(
                                    "Connection",
                                    FuzzText.pick(random, List.of("keep-alive", "upgrade", "Upgrade, HTTP2-Settings")));
                        default ->
                            new Header(
                                    "X-" + Integer.toHexString(random.nextInt()),
                                    FuzzText.randomText(random).strip());
                    });
        }
        return headers;
    }

    /** A body: JSON, broken JSON, not JSON, big, or binary. */
    String body(Random random) {
        return random.nextInt(5) == 0 ? FuzzText.value(random) : FuzzText.pick(random, BODIES);
    }

    String contentType(Random random) {
        return FuzzText.pick(random, CONTENT_TYPES);
    }
}
