package io.headroom.explorer.web.fuzz;

import io.headroom.explorer.web.fuzz.WireClient.Ending;
import io.headroom.explorer.web.fuzz.WireClient.Exchange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One named hostile request (or a few of one kind) and what each must get beyond
 * {@link ExchangeChecks}: the status range, a header, or a close.
 *
 * @param permittedServerError a 5xx status this case may get because an RFC asks for it, else 0
 */
record FuzzCase(String name, List<WireRequest> requests, Expectation expectation, int permittedServerError) {

    FuzzCase(String name, WireRequest request, Expectation expectation) {
        this(name, List.of(request), expectation, 0);
    }

    /** The case-specific rules; each broken one is a line. */
    @FunctionalInterface
    interface Expectation {
        List<String> violations(Exchange exchange);

        default Expectation and(Expectation other) {
            return exchange -> {
                List<String> all = new ArrayList<>(violations(exchange));
                all.addAll(other.violations(exchange));
                return all;
            };
        }
    }

    static final Expectation ANY_ACCEPTABLE = exchange -> List.of();

    /** Answered (not merely closed) with a status in [min, max]. */
    static Expectation status(int min, int max) {
        return exchange -> {
            if (exchange.response() == null) {
                return List.of("expected a " + range(min, max) + " answer, got " + exchange.ending());
            }
            int status = exchange.response().status();
            return status >= min && status <= max
                    ? List.of()
                    : List.of("expected " + range(min, max) + ", got " + status);
        };
    }

    /** Refused: a 4xx, or the connection closed without serving the request. */
    static Expectation refused() {
        return exchange -> exchange.response() == null || exchange.response().status() >= 400
                ? List.of()
                : List.of("expected a refusal (4xx or close), got "
                        + exchange.response().status());
    }

    static Expectation closedAfterAnswer() {
        return exchange -> exchange.ending() == Ending.ANSWERED_THEN_CLOSED
                ? List.of()
                : List.of("expected an answer, then the connection closed; got " + exchange.ending());
    }

    /** The named header is present and, split on commas, contains each of {@code values}. */
    static Expectation headerListing(String name, List<String> values) {
        return exchange -> {
            String header =
                    exchange.response() == null ? null : exchange.response().header(name);
            if (header == null) {
                return List.of("expected a " + name + " header");
            }
            List<String> listed =
                    Arrays.stream(header.split(",")).map(String::trim).toList();
            return values.stream()
                    .filter(v -> !listed.contains(v))
                    .map(v -> name + " '" + header + "' does not list " + v)
                    .toList();
        };
    }

    private static String range(int min, int max) {
        return min == max ? Integer.toString(min) : min + ".." + max;
    }
}
