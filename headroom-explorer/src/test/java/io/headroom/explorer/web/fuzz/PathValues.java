package io.headroom.explorer.web.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Values for path parameters, derived from the parameter's kind in the template and written as
 * they go on the wire (already encoded, or deliberately not): a one-segment parameter gets numbers
 * of every size and sign, non-numbers, NUL, Unicode and dot segments; a rest parameter gets
 * several segments, encoded slashes, empty and doubled segments.
 */
final class PathValues {
    static final List<String> SEGMENTS = List.of(
            "0",
            "1",
            "-1",
            "2",
            "42",
            "-9223372036854775808",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999999",
            "1e3",
            "0x10",
            "1.5",
            "%201",
            "1%20",
            "+1",
            "abc",
            "NaN",
            "%00",
            "1%00",
            "%00%00",
            "..",
            ".",
            "%2e%2e",
            "%2E",
            "%2F",
            "..%2F..%2Fetc%2Fpasswd",
            "%ZZ",
            "%",
            "%C3%A9t%C3%A9",
            "%E6%95%B0%E6%8D%AE",
            "%F0%9F%98%80",
            "%ED%A0%BD",
            "%FF%FE",
            "%C0%AF",
            "\u00e9t\u00e9",
            "%0A",
            "%0D%0A",
            "%7F",
            "%27%20OR%201%3D1%20--",
            "%3Cscript%3E",
            "null",
            "%7B%7D",
            "a".repeat(300),
            ";",
            "1;x=y",
            "%3B",
            "~",
            "!$&'()*+,=");

    private PathValues() {}

    /** One segment: mostly the hostile list, sometimes a harvested value, sometimes random text. */
    static String segment(Random random, FuzzDictionary dictionary) {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> FuzzText.encode(dictionary.any(random));
            case 3, 4 -> FuzzText.encode(FuzzText.value(random));
            default -> FuzzText.pick(random, SEGMENTS);
        };
    }

    /** The rest of a path: zero to four segments joined by '/', an encoded '/', or nothing, sometimes ending on a literal. */
    static String rest(Random random, FuzzDictionary dictionary, List<String> literals) {
        int count = random.nextInt(5);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(
                    random.nextInt(4) == 0 && !literals.isEmpty()
                            ? FuzzText.pick(random, literals)
                            : segment(random, dictionary));
        }
        String separator = switch (random.nextInt(6)) {
            case 0 -> "%2F";
            case 1 -> "//";
            default -> "/";
        };
        return String.join(separator, parts);
    }
}
