package io.headroom.explorer.web;

import io.headroom.toolkit.http.ProblemException;
import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of query parameters; every bad value becomes a 400 naming the parameter. An empty value
 * ({@code ?folder=}) counts as absent; when a parameter is repeated the first value is used.
 */
final class QueryParameters {
    private static final int MAX_TEXT_LENGTH = 1024;

    private final ServerRequest request;
    private final Map<String, String> spelledAs;

    QueryParameters(ServerRequest request) {
        this(request, Map.of());
    }

    /** @param spelledAs parameters this route spells differently: asked name → name in the URL */
    QueryParameters(ServerRequest request, Map<String, String> spelledAs) {
        this.request = request;
        this.spelledAs = spelledAs;
    }

    /** Free text; control characters (which PostgreSQL cannot even store, e.g. NUL) are refused. */
    Optional<String> text(String name) {
        Optional<String> raw = raw(name);
        if (raw.isEmpty()) {
            return raw;
        }
        checkText(name, raw.get());
        return raw;
    }

    /** The rules of {@link #text} for a value read elsewhere (a path segment): a 400 naming it when broken. */
    static void checkText(String name, String value) {
        if (value.length() > MAX_TEXT_LENGTH) {
            throw ProblemException.badParameter(name, "longer than " + MAX_TEXT_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (Character.isISOControl(ch) || (Character.isSurrogate(ch) && !validSurrogateAt(value, i))) {
                throw ProblemException.badParameter(name, "contains a control character or broken Unicode");
            }
        }
    }

    int integer(String name, int defaultValue, int min, int max) {
        return (int) longValue(name, defaultValue, min, max);
    }

    long longValue(String name, long defaultValue, long min, long max) {
        Optional<Long> value = optionalLong(name, min, max);
        return value.orElse(defaultValue);
    }

    Optional<Long> optionalLong(String name, long min, long max) {
        Optional<String> raw = raw(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String reason = "must be a whole number from " + min + " to " + max;
        try {
            long value = Long.parseLong(raw.get().trim());
            if (value < min || value > max) {
                throw ProblemException.badParameter(name, reason);
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter(name, reason);
        }
    }

    /** An ISO-8601 instant ({@code 2025-09-15T10:00:00Z}, with an offset) or a date (midnight UTC). */
    Optional<Instant> instant(String name) {
        Optional<String> raw = raw(name);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String value = raw.get().trim();
        // One parser, chosen by the 'T' a date-time has: trying one and catching its exception would
        // cost a stack trace on every request that gives a plain date (the cache key parses this on hits too).
        boolean dateTime = value.indexOf('T') >= 0 || value.indexOf('t') >= 0;
        try {
            return Optional.of(
                    dateTime
                            ? OffsetDateTime.parse(value).toInstant()
                            : LocalDate.parse(value)
                                    .atStartOfDay(ZoneOffset.UTC)
                                    .toInstant());
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(
                    name, "must be an ISO-8601 date-time such as 2025-09-15T10:00:00Z, or a date such as 2025-09-15");
        }
    }

    boolean has(String name) {
        return raw(name).isPresent();
    }

    private Optional<String> raw(String asked) {
        String name = spelledAs.getOrDefault(asked, asked);
        try {
            // contains + get rather than first(name): Helidon's first() looks up its global MapperManager on
            // every call, which made a dozen reads cost microseconds (the cache key reads them on hits too).
            UriQuery query = request.query();
            if (!query.contains(name)) {
                return Optional.empty();
            }
            String value = query.get(name);
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IllegalArgumentException e) { // a malformed %-escape in the query
            throw ProblemException.badParameter(name, "is not correctly URL-encoded");
        }
    }

    private static boolean validSurrogateAt(String s, int i) {
        char ch = s.charAt(i);
        if (Character.isHighSurrogate(ch)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
