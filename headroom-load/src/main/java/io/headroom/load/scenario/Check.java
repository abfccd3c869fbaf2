package io.headroom.load.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** A check on a response; a failed check makes the request an error (with the check as its message). */
public sealed interface Check {

    /** Why the response fails this check, or empty when it passes. */
    Optional<String> failure(int status, String body);

    /** The status must equal {@code expected}. */
    record Status(int expected) implements Check {
        @Override
        public Optional<String> failure(int status, String body) {
            return status == expected
                    ? Optional.empty()
                    : Optional.of("expected status " + expected + ", got " + status);
        }
    }

    /** The body must contain {@code text}. */
    record BodyContains(String text) implements Check {
        @Override
        public Optional<String> failure(int status, String body) {
            return body != null && body.contains(text)
                    ? Optional.empty()
                    : Optional.of("body does not contain '" + text + "'");
        }
    }

    /**
     * The JSON value at {@code path} (dot path with optional [index]: {@code items[0].name}, a leading
     * {@code $.} is allowed) must equal {@code expected} (compared as text; numbers and booleans too).
     */
    record JsonPathEquals(String path, String expected) implements Check {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public Optional<String> failure(int status, String body) {
            JsonNode node;
            try {
                node = MAPPER.readTree(body == null ? "" : body);
            } catch (Exception e) {
                return Optional.of("body is not JSON (checking " + path + ")");
            }
            String p = path.startsWith("$.") ? path.substring(2) : path.equals("$") ? "" : path;
            for (String part : p.isEmpty() ? new String[0] : p.split("\\.")) {
                String field = part;
                int bracket = part.indexOf('[');
                if (bracket >= 0) {
                    field = part.substring(0, bracket);
                }
                if (!field.isEmpty()) {
                    node = node == null ? null : node.get(field);
                }
                while (bracket >= 0 && node != null) {
                    int close = part.indexOf(']', bracket);
                    node = node.get(Integer.parseInt(part.substring(bracket + 1, close)));
                    bracket = part.indexOf('[', close);
                }
            }
            if (node == null || node.isMissingNode()) {
                return Optional.of(path + " is missing");
            }
            String actual = node.isValueNode() ? node.asText() : node.toString();
            return actual.equals(expected)
                    ? Optional.empty()
                    : Optional.of(path + " is '" + actual + "', expected '" + expected + "'");
        }
    }
}
