package io.headroom.explorer.web;

import io.headroom.explorer.cache.CatalogCache;
import io.headroom.toolkit.cache.CacheStats;
import io.headroom.toolkit.cache.CacheWarmer;
import io.headroom.toolkit.cache.Invalidation;
import io.headroom.toolkit.helidon.HttpLayer;
import io.headroom.toolkit.helidon.JsonResponse;
import io.headroom.toolkit.http.CompressionStats;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/admin/cache} (admin only): {@code GET} the statistics, {@code DELETE} to invalidate
 * (everything; {@code ?keyspace=k} one keyspace; plus one of {@code key}, {@code tag}, {@code prefix}),
 * {@code POST /api/v1/admin/cache/warm} to warm now. Invalidations reach every instance.
 */
final class CacheAdminHandlers {
    private final CatalogCache cache;
    private final HttpLayer http;
    private final CacheWarmer warmer;

    CacheAdminHandlers(CatalogCache cache, HttpLayer http, CacheWarmer warmer) {
        this.cache = cache;
        this.http = http;
        this.warmer = warmer;
    }

    /** What GET answers. */
    record CacheReport(CacheStats cache, CacheWarmer.WarmingReport lastWarming, CompressionStats compression) {}

    /** What DELETE answers. */
    record InvalidationReport(List<String> invalidated) {}

    void stats(ServerRequest req, ServerResponse res) {
        sendPrivate(
                res, new CacheReport(cache.cache().stats(), warmer.lastReport().orElse(null), http.compressionStats()));
    }

    void invalidate(ServerRequest req, ServerResponse res) {
        QueryParameters p = new QueryParameters(req);
        List<Invalidation> invalidations = new ArrayList<>();
        Optional<String> keyspace = p.text("keyspace");
        if (keyspace.isEmpty()) {
            for (String name : List.of("key", "tag", "prefix")) {
                if (p.has(name)) {
                    throw ProblemException.badParameter(name, "needs a keyspace parameter too");
                }
            }
            cache.keyspaces().forEach(k -> invalidations.add(new Invalidation.All(k)));
        } else {
            String k = keyspace.get();
            if (!cache.keyspaces().contains(k)) {
                throw ProblemException.badParameter(
                        "keyspace", "must be one of " + String.join(", ", cache.keyspaces()));
            }
            invalidations.add(one(p, k));
        }
        cache.cache().invalidate(invalidations);
        sendPrivate(
                res,
                new InvalidationReport(
                        invalidations.stream().map(Object::toString).toList()));
    }

    void warm(ServerRequest req, ServerResponse res) {
        sendPrivate(res, warmer.warmNow());
    }

    private static Invalidation one(QueryParameters p, String keyspace) {
        List<String> given =
                List.of("key", "tag", "prefix").stream().filter(p::has).toList();
        if (given.size() > 1) {
            throw ProblemException.badParameter(given.get(1), "give only one of key, tag and prefix");
        }
        if (given.isEmpty()) {
            return new Invalidation.All(keyspace);
        }
        String value = p.text(given.get(0))
                .orElseThrow(() -> ProblemException.badParameter(given.get(0), "must not be empty"));
        return switch (given.get(0)) {
            case "key" -> new Invalidation.Key(keyspace, value);
            case "tag" -> new Invalidation.Tag(keyspace, value);
            default -> new Invalidation.Prefix(keyspace, value);
        };
    }

    private static void sendPrivate(ServerResponse res, Object body) {
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        JsonResponse.send(res, body);
    }
}
