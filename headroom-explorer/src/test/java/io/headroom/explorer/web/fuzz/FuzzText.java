package io.headroom.explorer.web.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Hostile and ordinary text values, and the encoding that puts them on the wire. */
final class FuzzText {
    /** Values that have broken parsers before: edge numbers, injection, traversal, dates, Unicode, controls. */
    static final List<String> VALUES = List.of(
            "",
            " ",
            "0",
            "-1",
            "1",
            "100",
            "101",
            "-9223372036854775808",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999999",
            "1e3",
            "0x10",
            "NaN",
            "Infinity",
            "' OR 1=1 --",
            "'; DROP TABLE datasets; --",
            "\"",
            "\\",
            "%",
            "_",
            "*",
            "../../etc/passwd",
            "..",
            "/",
            "environment/air",
            "-name",
            "--size",
            "name,size",
            "2025-09-15",
            "2025-02-30",
            "2025-09-15T10:00:00Z",
            "2025-09-15T25:00:00Z",
            "+999999999-12-31T23:59:59Z",
            "\u00e9t\u00e9",
            "\u6570\u636e",
            "\ud83d\ude00",
            "\ud83d",
            "\u0000",
            "\n",
            "\r\n",
            "\t",
            "\u007f",
            "\u202e",
            "\ufeff",
            "<script>",
            "null",
            "true",
            "[]",
            "{}",
            "e30",
            "eyJzIjoibmFtZSJ9",
            "csv",
            "PARQUET",
            "a".repeat(2000));

    private FuzzText() {}

    /** A value from the list, a random number, or random text mixing ASCII and a little beyond. */
    static String value(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Long.toString(random.nextLong() >> random.nextInt(64));
            case 1 -> randomText(random);
            default -> VALUES.get(random.nextInt(VALUES.size()));
        };
    }

    static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(3) == 0 ? 0x20 + random.nextInt(0x2FF) : 0x20 + random.nextInt(0x5F));
        }
        return text.toString();
    }

    /** Percent-encoded for a path segment or query value (a space as %20, lone surrogates as '?'). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
