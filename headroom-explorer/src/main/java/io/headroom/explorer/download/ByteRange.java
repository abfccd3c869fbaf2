package io.headroom.explorer.download;

import java.util.Optional;

/**
 * One byte range of a {@code Range: bytes=...} header (RFC 9110 14.1.2), resolved against the object's
 * length: {@code first-last}, {@code first-} or the suffix {@code -count}. Several ranges in one header
 * are not served (multipart/byteranges buys nothing for a download client): the whole object is sent.
 *
 * @param last inclusive
 */
public record ByteRange(long first, long last) {

    /** What the header asks for. */
    public sealed interface Request {}

    /** No usable range: serve the whole object with 200 (an absent, foreign-unit or multi-range header). */
    public record Whole() implements Request {}

    /** A satisfiable single range: 206. */
    public record Partial(ByteRange range) implements Request {}

    /** A syntactically valid range that starts past the end: 416 with {@code Content-Range: bytes *}{@code /length}. */
    public record Unsatisfiable() implements Request {}

    /** A malformed {@code bytes=} header: 400 would be within the RFC's rights, but it says to ignore it; we refuse it. */
    public record Malformed(String reason) implements Request {}

    public long length() {
        return last - first + 1;
    }

    public static Request parse(Optional<String> header, long objectLength) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String value = header.get().strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole(); // another unit: ignored (RFC 9110 14.2)
        }
        String spec = value.substring(6).strip();
        if (spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Malformed("a range is first-last, first- or -suffix");
        }
        try {
            String start = spec.substring(0, dash).strip();
            String end = spec.substring(dash + 1).strip();
            if (start.isEmpty()) {
                long suffix = digits(end);
                if (suffix == 0) {
                    return new Unsatisfiable();
                }
                return objectLength == 0
                        ? new Unsatisfiable()
                        : new Partial(new ByteRange(Math.max(0, objectLength - suffix), objectLength - 1));
            }
            long first = digits(start);
            if (!end.isEmpty() && digits(end) < first) {
                return new Malformed("the range ends before it starts");
            }
            if (first >= objectLength) {
                return new Unsatisfiable();
            }
            long last = end.isEmpty() ? objectLength - 1 : digits(end);
            return new Partial(new ByteRange(first, Math.min(last, objectLength - 1)));
        } catch (NumberFormatException e) {
            return new Malformed("range positions are whole numbers of bytes");
        }
    }

    private static long digits(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException(text);
        }
        return Long.parseLong(text);
    }
}
