package io.headroom.toolkit.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether a conditional GET is answered 304 Not Modified (RFC 9110 13.1.2, 13.1.3, 13.2.2), from the
 * request's header values as strings: every framework's writer (Helidon's {@code ResponseWriter},
 * the servlet {@code RenderedWriter}) asks here, so the rules live in one place.
 */
public final class ConditionalRequest {
    /** RFC 850, obsolete but still to be accepted (RFC 9110 5.6.7): {@code Sunday, 06-Nov-94 08:49:37 GMT}. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            // 70-99 are 19xx, 00-69 are 20xx: 5.6.7's rule (no year over 50 ahead) from 2019 to 2069, and no clock
            // read.
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss zzz")
            .toFormatter(Locale.US);
    /** C's asctime(), obsolete but still to be accepted: {@code Sun Nov  6 08:49:37 1994}, in GMT. */
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.US);
    /** IMF-fixdate first: it is what clients echo from our Last-Modified. */
    private static final List<Function<String, Instant>> DATE_FORMATS = List.of(
            text -> DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from),
            text -> RFC_850.parse(text, Instant::from),
            text -> ASCTIME.parse(text, LocalDateTime::from).toInstant(ZoneOffset.UTC));

    private ConditionalRequest() {}

    /**
     * If-None-Match decides when present; If-Modified-Since only without it (RFC 9110 13.2.2).
     *
     * @param ifNoneMatch the request's If-None-Match, null when absent
     * @param ifModifiedSince the request's If-Modified-Since, null when absent
     * @param etag the content's ETag, unquoted and without a coding suffix ({@link RenderedResponse#etag()})
     * @param lastModified when the content last changed
     */
    public static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
        if (ifNoneMatch != null) {
            return etagMatches(ifNoneMatch, etag);
        }
        if (ifModifiedSince == null) {
            return false;
        }
        // An HTTP date has whole seconds: Last-Modified went out without the fraction, so none is compared.
        Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
        return httpDate(ifModifiedSince).map(since -> !modified.isAfter(since)).orElse(false);
    }

    /**
     * Weak comparison, as If-None-Match requires: {@code W/} is ignored, and so is our coding suffix, so a
     * client holding the gzip representation revalidates against the same content. {@code *} matches any.
     */
    public static boolean etagMatches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            tag = tag.replace("\"", "");
            for (ContentCoding coding : ContentCoding.values()) {
                if (!coding.etagSuffix().isEmpty() && tag.endsWith(coding.etagSuffix())) {
                    tag = tag.substring(0, tag.length() - coding.etagSuffix().length());
                    break;
                }
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** An HTTP date in any of its three formats; empty when it is none (an invalid date is ignored, 13.1.3). */
    static Optional<Instant> httpDate(String text) {
        String value = text.trim();
        for (Function<String, Instant> format : DATE_FORMATS) {
            try {
                return Optional.of(format.apply(value));
            } catch (DateTimeParseException e) {
                // not this format: try the next
            }
        }
        return Optional.empty();
    }
}
