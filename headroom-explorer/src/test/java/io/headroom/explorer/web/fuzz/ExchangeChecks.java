package io.headroom.explorer.web.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.explorer.web.fuzz.WireClient.Exchange;
import io.headroom.explorer.web.fuzz.WireClient.Response;
import io.headroom.toolkit.http.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What must hold for every exchange, whatever was sent: an answer or a close within the deadline, a
 * Connection: close honoured, no 5xx, every 4xx a problem document whose status matches, the
 * headers RFC 9110 requires on 401 and 405, and no SQL or stack trace in any body.
 */
final class ExchangeChecks {
    /** Text that only a leaked SQL statement, driver error or stack trace would put in a body. */
    static final List<String> LEAKS = List.of(
            "SQLState",
            "org.h2",
            "org.postgresql",
            "ERROR:",
            "at io.",
            "\tat ",
            "Exception",
            "SELECT ",
            "java.lang.",
            "jdbc:");
    /** The monitoring document reports statements by design (MON-4); its 2xx bodies may show SQL. */
    private static final Set<String> SHOWS_STATEMENTS = Set.of("/api/performance/stats");

    private ExchangeChecks() {}

    /** Every broken rule, as one line each; empty when the exchange is acceptable. */
    static List<String> violations(Exchange exchange) {
        return violations(exchange, 0);
    }

    /** @param permittedServerError a 5xx an RFC requires for this request (501 for an unknown transfer coding), else 0 */
    static List<String> violations(Exchange exchange, int permittedServerError) {
        List<String> found = new ArrayList<>();
        switch (exchange.ending()) {
            case SILENT -> found.add("neither answered nor closed within the deadline");
            case TRUNCATED -> found.add("closed in the middle of a response");
            case NOT_HTTP -> found.add("not an HTTP/1.x response");
            case BODY_AFTER_HEAD -> found.add("a body after a HEAD answer");
            case DESYNCHRONISED -> found.add("part of the request was read as another request");
            case ANSWERED_NOT_CLOSED -> found.add("connection not closed promptly after a Connection: close exchange");
            case ANSWERED, ANSWERED_THEN_CLOSED, CLOSED_WITHOUT_ANSWER -> {}
        }
        Response response = exchange.response();
        if (response == null) {
            return found;
        }
        int status = response.status();
        if (status >= 500 && status != permittedServerError && !isShed(response)) {
            found.add("a " + status + " (server error)");
        }
        if (status >= 400 && status < 500) {
            checkProblem(exchange, response, found);
        }
        if (status == 401 && response.header("www-authenticate") == null) {
            found.add("a 401 without WWW-Authenticate");
        }
        if (status == 405 && response.header("allow") == null) {
            found.add("a 405 without Allow");
        }
        boolean statementsExpected = status < 300
                && SHOWS_STATEMENTS.stream().anyMatch(p -> targetOf(exchange).startsWith(p));
        if (!statementsExpected) {
            String sent = sentText(exchange);
            for (String leak : LEAKS) {
                // the server echoing what the client itself sent (a path in a 404's detail) reveals nothing
                if (response.body().contains(leak) && !sent.contains(leak.strip())) {
                    found.add("body reveals internals ('" + leak.strip() + "')");
                }
            }
        }
        return found;
    }

    /** The request as sent, and percent-decoded where it decodes: what an echo of it may contain. */
    private static String sentText(Exchange exchange) {
        String raw = new String(exchange.request().bytes(), StandardCharsets.ISO_8859_1);
        try {
            return raw + "\n" + URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notDecodable) {
            return raw;
        }
    }

    static boolean echoSafe(String value) {
        return LEAKS.stream().noneMatch(value::contains);
    }

    private static void checkProblem(Exchange exchange, Response response, List<String> found) {
        String type = response.header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            found.add("a " + response.status() + " that is not application/problem+json (" + type + ")");
            return;
        }
        if (exchange.request().head()) {
            return; // no body to read
        }
        try {
            JsonNode problem = Json.mapper().readTree(response.body());
            if (problem == null || problem.path("status").asInt() != response.status()) {
                found.add("problem document status " + (problem == null ? "missing" : problem.path("status"))
                        + " differs from the response status " + response.status());
            }
        } catch (IOException e) {
            found.add("problem document is not JSON");
        }
    }

    private static String targetOf(Exchange exchange) {
        String summary = exchange.request().summary();
        int space = summary.indexOf(' ');
        return space < 0 ? "" : summary.substring(space + 1);
    }

    /**
     * A 503 problem with {@code Retry-After} is load shed on purpose (a bounded resource is full, as the
     * live stream's 32 slots are while the fuzzer opens streams faster than closed ones are noticed):
     * a designed answer telling the client when to come back, not a server error.
     */
    static boolean isShed(Response response) {
        return response.status() == 503
                && response.header("retry-after") != null
                && String.valueOf(response.header("content-type")).startsWith("application/problem+json");
    }
}
