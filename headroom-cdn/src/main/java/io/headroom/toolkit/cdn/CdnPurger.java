package io.headroom.toolkit.cdn;

import java.util.Collection;

/**
 * Removes cached copies of the service's responses from a shared cache in front of it (a CDN, or the
 * nginx of deploy/nginx), so that a change is visible before the responses' {@code s-maxage} runs out.
 * One implementation per cache: {@link CloudflarePurger}, {@link FastlyPurger}, {@link NginxCachePurger}.
 *
 * <p>Paths, not URLs: the service knows what changed ({@code /api/v1/stats}), each purger knows how its
 * cache names an entry (an absolute URL for Cloudflare and Fastly, an md5 of nginx's cache key).
 */
public interface CdnPurger {

    /**
     * Purges every cached response of these paths (path and query, e.g. {@code /api/v1/datasets?limit=20}).
     *
     * @throws CdnPurgeException when the cache refused or could not be reached; what was purged before
     *                           the failure stays purged
     */
    void purge(Collection<String> paths);

    /** A short name for logs and metrics: {@code cloudflare}, {@code fastly}, {@code nginx}. */
    String name();
}
