package io.headroom.toolkit.cdn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Cloudflare's "purge cached content by URL" (single-file purge), as documented at
 * https://developers.cloudflare.com/api/resources/cache/methods/purge/ and
 * https://developers.cloudflare.com/cache/how-to/purge-cache/purge-by-single-file/ :
 * {@code POST https://api.cloudflare.com/client/v4/zones/{zone_id}/purge_cache} with
 * {@code Authorization: Bearer <API token>} (a token with the Zone / Cache Purge permission),
 * {@code Content-Type: application/json} and the body {@code {"files": ["https://host/path", ...]}};
 * the answer is {@code {"success": true|false, "errors": [{"code", "message"}], ...}}. Purge by URL
 * works on every plan, with at most 30 URLs per request on the smaller ones: larger sets go in batches.
 */
public final class CloudflarePurger implements CdnPurger {

    public static final URI API = URI.create("https://api.cloudflare.com/client/v4");
    /** URLs per request: the limit of the plans with the smallest one. */
    static final int BATCH = 30;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final String zoneId;
    private final String token;
    private final URI site;
    private final PurgeHttp http = new PurgeHttp();

    /**
     * @param api {@link #API} (another base only for tests)
     * @param site the public origin the zone serves, e.g. {@code https://lake.example.com}
     */
    public CloudflarePurger(URI api, String zoneId, String token, URI site) {
        if (zoneId == null || zoneId.isBlank() || token == null || token.isBlank()) {
            throw new IllegalArgumentException("Cloudflare purge needs a zone id and an API token");
        }
        this.api = api;
        this.zoneId = zoneId;
        this.token = token;
        this.site = site;
    }

    @Override
    public void purge(Collection<String> paths) {
        List<String> urls = paths.stream()
                .map(p -> PurgeHttp.absolute(site, p).toString())
                .distinct()
                .toList();
        for (int from = 0; from < urls.size(); from += BATCH) {
            send(urls.subList(from, Math.min(urls.size(), from + BATCH)));
        }
    }

    private void send(List<String> files) {
        ObjectNode body = JSON.createObjectNode();
        files.forEach(body.putArray("files")::add);
        URI endpoint = URI.create(api.toString().replaceFirst("/+$", "") + "/zones/" + zoneId + "/purge_cache");
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(endpoint)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
                "Cloudflare");
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 != 2 || !answer.path("success").asBoolean(false)) {
            List<String> errors = new ArrayList<>();
            answer.path("errors")
                    .forEach(e -> errors.add(
                            e.path("code").asText() + " " + e.path("message").asText()));
            throw new CdnPurgeException("Cloudflare refused the purge of " + files.size() + " URLs: HTTP "
                    + response.statusCode() + (errors.isEmpty() ? "" : " " + String.join("; ", errors)));
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public String name() {
        return "cloudflare";
    }
}
