package io.headroom.explorer.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.toolkit.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a keyset page starts: just after the row with this sort value and id, in this sort order.
 * Opaque to clients (base64url of a small JSON object); carrying the sort lets us refuse a cursor
 * replayed with another {@code sort}, whose position would mean nothing.
 *
 * @param value the last row's sort value: a String (name), Long (size) or Instant (last modified)
 */
public record PageCursor(DatasetSort sort, Object value, long id) {

    public static PageCursor after(DatasetSort sort, Dataset last) {
        Object value = switch (sort.field()) {
            case NAME -> last.name();
            case SIZE -> last.sizeBytes();
            case LAST_MODIFIED -> last.lastModified();
        };
        return new PageCursor(sort, value, last.id());
    }

    public String encode() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("s", sort.apiName());
        json.put("v", value.toString());
        json.put("i", id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(json));
    }

    /**
     * @throws IllegalArgumentException with a message for the client when the text is not a cursor
     *     of this sort order
     */
    public static PageCursor decode(String text, DatasetSort expectedSort) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a cursor from nextCursor");
        }
        if (json == null
                || !json.isObject()
                || !json.path("s").isTextual()
                || !json.path("v").isTextual()
                || !json.path("i").canConvertToLong()) {
            throw new IllegalArgumentException("not a cursor from nextCursor");
        }
        if (!json.get("s").asText().equals(expectedSort.apiName())) {
            throw new IllegalArgumentException("this cursor belongs to sort="
                    + json.get("s").asText() + "; repeat the request with that sort or start again without a cursor");
        }
        String raw = json.get("v").asText();
        Object value;
        try {
            value = switch (expectedSort.field()) {
                case NAME -> raw;
                case SIZE -> Long.parseLong(raw);
                case LAST_MODIFIED -> Instant.parse(raw);
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor from nextCursor");
        }
        return new PageCursor(expectedSort, value, json.get("i").asLong());
    }
}
