package io.headroom.explorer.cdn;

import io.headroom.toolkit.cdn.CdnPurger;
import io.headroom.toolkit.cdn.CloudflarePurger;
import io.headroom.toolkit.cdn.FastlyPurger;
import io.headroom.toolkit.cdn.NginxCachePurger;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which shared cache in front of the service to purge when the catalog changes (EDGE-2), and how.
 * {@code HEADROOM_CDN_PURGE}: {@code none} (default), {@code cloudflare}, {@code fastly} or {@code nginx}.
 *
 * @param purger the purger, or empty when none is configured
 */
public record CdnSettings(Optional<CdnPurger> purger) {

    public static CdnSettings from(Settings s) {
        String kind = s.string("HEADROOM_CDN_PURGE", "none").strip().toLowerCase(Locale.ROOT);
        // Every setting is read whatever the kind, so that serve --help lists them all.
        for (String name : List.of(
                "HEADROOM_CDN_SITE_URL",
                "CLOUDFLARE_ZONE_ID",
                "CLOUDFLARE_API_TOKEN",
                "FASTLY_API_TOKEN",
                "HEADROOM_NGINX_CACHE_DIR")) {
            s.optional(name);
        }
        boolean soft = s.bool("HEADROOM_CDN_SOFT_PURGE", true);
        String levels = s.string("HEADROOM_NGINX_CACHE_LEVELS", "1:2");
        return new CdnSettings(
                switch (kind) {
                    case "none" -> Optional.empty();
                    case "cloudflare" ->
                        Optional.of(new CloudflarePurger(
                                CloudflarePurger.API,
                                required(s, "CLOUDFLARE_ZONE_ID", kind),
                                required(s, "CLOUDFLARE_API_TOKEN", kind),
                                site(s, kind)));
                    case "fastly" ->
                        Optional.of(new FastlyPurger(
                                FastlyPurger.API, required(s, "FASTLY_API_TOKEN", kind), site(s, kind), soft));
                    case "nginx" -> {
                        URI site = site(s, kind);
                        yield Optional.of(new NginxCachePurger(
                                Path.of(required(s, "HEADROOM_NGINX_CACHE_DIR", kind)),
                                levels,
                                site.getScheme(),
                                site.getHost()));
                    }
                    default ->
                        throw new ConfigException("HEADROOM_CDN_PURGE=" + kind
                                + " is not a purger: use none, cloudflare, fastly or nginx");
                });
    }

    private static String required(Settings s, String name, String kind) {
        return s.optional(name)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> new ConfigException(name + " is not set: HEADROOM_CDN_PURGE=" + kind + " needs it"));
    }

    /** The public origin the cache serves, e.g. https://lake.example.com (its host is in the cache's keys). */
    private static URI site(Settings s, String kind) {
        String text = required(s, "HEADROOM_CDN_SITE_URL", kind);
        try {
            URI uri = URI.create(text);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("HEADROOM_CDN_SITE_URL=" + text
                    + " is not an http(s) URL with a host, e.g. https://lake.example.com");
        }
    }
}
