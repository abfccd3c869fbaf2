package io.headroom.explorer.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A small JSON request body: {@code application/json} only (else 415), at most a route's own byte
 * limit (else 413, read no further), a JSON object (else 400), without fields the route does not know
 * (else 400 naming them: a misspelt {@code pasword} must not silently do nothing).
 */
final class JsonBody {
    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    static JsonBody read(ServerRequest req, int maxBytes, Set<String> known) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        String mediaType = type.split(";", 2)[0].strip();
        if (!mediaType.equalsIgnoreCase("application/json")) {
            throw new ProblemException(Problem.of(
                    415,
                    "Unsupported Media Type",
                    "The body must be JSON, sent with 'Content-Type: application/json'"
                            + (type.isEmpty() ? "" : ", not '" + QuotedText.of(type) + "'") + "."));
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxBytes) {
            throw new ProblemException(Problem.of(
                    413, "Content Too Large", "The body is larger than this route accepts (" + maxBytes + " bytes)."));
        }
        JsonNode parsed;
        try {
            parsed = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.of(400, "Bad Request", "The body is not valid JSON."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new ProblemException(Problem.of(400, "Bad Request", "The body must be a JSON object."));
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String name = QuotedText.of(unknown.getFirst());
            throw ProblemException.badParameter(
                    name,
                    "is not a field of this body; the fields are "
                            + String.join(", ", known.stream().sorted().toList()));
        }
        return new JsonBody(object);
    }

    boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    Optional<String> text(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            throw ProblemException.badParameter(name, "must be a string");
        }
        return Optional.of(value.asText());
    }

    String requiredText(String name) {
        return text(name).orElseThrow(() -> ProblemException.badParameter(name, "is required"));
    }

    Optional<Boolean> bool(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw ProblemException.badParameter(name, "must be true or false");
        }
        return Optional.of(value.asBoolean());
    }

    /** An array of strings, at most {@code max} of them. */
    Optional<List<String>> texts(String name, int max) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw ProblemException.badParameter(name, "must be an array of strings");
        }
        if (value.size() > max) {
            throw ProblemException.badParameter(
                    name, "has " + value.size() + " entries; at most " + max + " are accepted");
        }
        List<String> texts = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ProblemException.badParameter(name, "must be an array of strings");
            }
            texts.add(item.asText());
        }
        return Optional.of(texts);
    }

    JsonNode node(String name) {
        return node.get(name);
    }

    /** Text from the client, cut and cleaned before it goes into a problem's detail. */
    static final class QuotedText {
        private QuotedText() {}

        static String of(String text) {
            String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
            return cut.codePoints()
                    .map(cp -> Character.isISOControl(cp) ? '?' : cp)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
        }
    }
}
