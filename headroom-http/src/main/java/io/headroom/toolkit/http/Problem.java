package io.headroom.toolkit.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * RFC 9457 problem details: the one error shape of every 4xx and 5xx response.
 *
 * @param errors the field problems (which parameter, and why), empty when the error is not about input
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One bad input: the parameter (query, path or body field) and what is wrong with it. */
    public record FieldError(String name, String reason) {}

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    public static Problem badParameter(String name, String reason) {
        return new Problem(
                "about:blank",
                "Bad Request",
                400,
                "Invalid parameter '" + name + "': " + reason,
                List.of(new FieldError(name, reason)));
    }
}
