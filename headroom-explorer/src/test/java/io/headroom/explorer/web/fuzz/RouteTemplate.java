package io.headroom.explorer.web.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route's path as registered ({@code /api/v1/datasets/{id}/sample}, {@code /api/v1/folders/{+rest}}),
 * split into literal segments, one-segment parameters and multi-segment ("rest") parameters, so
 * the fuzzer can derive values for each parameter from its kind alone.
 */
record RouteTemplate(String path, List<Segment> segments) {
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\+?)([^}:]+)(?::[^}]*)?}");

    sealed interface Segment {}

    record Literal(String text) implements Segment {}

    /** {@code {name}}: exactly one path segment. */
    record Parameter(String name) implements Segment {}

    /** {@code {+name}} or {@code *}: the rest of the path, slashes included. */
    record Rest(String name) implements Segment {}

    static RouteTemplate parse(String path) {
        List<Segment> segments = new ArrayList<>();
        for (String part : path.substring(1).split("/", -1)) {
            Matcher parameter = PARAMETER.matcher(part);
            if (part.equals("*")) {
                segments.add(new Rest("*"));
            } else if (parameter.matches()) {
                segments.add(
                        parameter.group(1).isEmpty()
                                ? new Parameter(parameter.group(2))
                                : new Rest(parameter.group(2)));
            } else {
                segments.add(new Literal(part));
            }
        }
        return new RouteTemplate(path, List.copyOf(segments));
    }

    boolean hasParameters() {
        return segments.stream().anyMatch(s -> !(s instanceof Literal));
    }

    List<String> literals() {
        return segments.stream()
                .filter(Literal.class::isInstance)
                .map(s -> ((Literal) s).text())
                .toList();
    }

    /** The concrete path with each parameter replaced by {@code value} (already percent-encoded as wanted). */
    String fill(Function<Segment, String> value) {
        StringBuilder concrete = new StringBuilder();
        for (Segment segment : segments) {
            concrete.append('/').append(segment instanceof Literal literal ? literal.text() : value.apply(segment));
        }
        return concrete.toString();
    }
}
