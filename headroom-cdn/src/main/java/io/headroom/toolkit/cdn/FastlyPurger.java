package io.headroom.toolkit.cdn;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;

/**
 * Fastly's "purge a URL", as documented at https://www.fastly.com/documentation/reference/api/purging/
 * (operation purge_single_url): {@code POST https://api.fastly.com/purge/{cached_url}}, where cached_url is
 * the URL without its scheme ({@code lake.example.com/api/v1/stats}), with the API token in the
 * {@code Fastly-Key} header and, for a soft purge (the object is marked stale, so stale-while-revalidate
 * and stale-if-error can still use it, instead of being removed), {@code Fastly-Soft-Purge: 1}. The
 * answer is {@code {"status": "ok", "id": "..."}}. One request per URL: Fastly's batch purge works on
 * surrogate keys, which this service does not set.
 */
public final class FastlyPurger implements CdnPurger {

    public static final URI API = URI.create("https://api.fastly.com");

    private final URI api;
    private final String token;
    private final URI site;
    private final boolean soft;
    private final PurgeHttp http = new PurgeHttp();

    /**
     * @param api {@link #API} (another base only for tests)
     * @param site the public origin of the Fastly service, e.g. {@code https://lake.example.com}
     * @param soft mark stale rather than remove (Fastly's recommendation when the origin may be down)
     */
    public FastlyPurger(URI api, String token, URI site, boolean soft) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("Fastly purge needs an API token");
        }
        this.api = api;
        this.token = token;
        this.site = site;
        this.soft = soft;
    }

    @Override
    public void purge(Collection<String> paths) {
        for (String path : paths.stream().distinct().toList()) {
            URI url = PurgeHttp.absolute(site, path);
            String cached = url.getRawAuthority()
                    + url.getRawPath()
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(api.toString().replaceFirst("/+$", "") + "/purge/" + cached))
                    .header("Fastly-Key", token)
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.noBody());
            if (soft) {
                request.header("Fastly-Soft-Purge", "1");
            }
            HttpResponse<String> response = http.send(request, "Fastly");
            if (response.statusCode() / 100 != 2) {
                throw new CdnPurgeException("Fastly refused the purge of " + url + ": HTTP " + response.statusCode()
                        + " " + response.body());
            }
        }
    }

    @Override
    public String name() {
        return "fastly";
    }
}
