package io.headroom.toolkit.helidon;

import io.headroom.toolkit.cache.KeyspaceCache;
import io.headroom.toolkit.db.DatabaseUnavailable;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.RenderedResponse;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The response cache (HTTP-1): wraps a GET handler that produces a JSON body so its 200 answers are
 * kept, rendered (bytes, brotli, gzip, ETag), in a cache keyspace. A hit is {@code X-Cache: HIT} and
 * costs neither the body's source (the database) nor serialisation nor compression; a miss is
 * {@code MISS}; a source that fails (a 4xx problem, a 5xx) is {@code BYPASS} and nothing is kept.
 * With caching disabled every answer is rendered afresh and marked {@code BYPASS}. With {@link StaleCopies},
 * a source that fails because the database is down is answered from the last good copy, {@code STALE},
 * with {@code Age}.
 */
public final class ResponseCache {
    public static final HeaderName X_CACHE = HeaderNames.create("X-Cache");
    // The answers' X-Cache values as prepared headers: a hit serialises no header value.
    private static final Header HIT = PreparedHeader.of(X_CACHE, "HIT");
    private static final Header MISS = PreparedHeader.of(X_CACHE, "MISS");
    private static final Header BYPASS = PreparedHeader.of(X_CACHE, "BYPASS");
    private static final Header STALE = PreparedHeader.of(X_CACHE, "STALE");

    /**
     * Produces a route's body, an object serialised as JSON; throws ProblemException for errors.
     *
     * <p>A refresh ahead of expiry calls it on the cache's refresh threads, after the request that started
     * the refresh was answered: read only what Helidon makes per request and never recycles (the path, the
     * query, the headers, the request's context), never its entity or its response.
     */
    @FunctionalInterface
    public interface JsonSource {
        Object body(ServerRequest req);
    }

    public static final HeaderName AGE = HeaderNames.create("Age");

    private final ResponseWriter writer;
    private final boolean enabled;
    private final StaleCopies stale;

    public ResponseCache(ResponseWriter writer, boolean enabled) {
        this(writer, enabled, StaleCopies.none());
    }

    /** @param stale last good copies served when the source fails because a dependency is down */
    public ResponseCache(ResponseWriter writer, boolean enabled, StaleCopies stale) {
        this.writer = writer;
        this.enabled = enabled;
        this.stale = stale;
    }

    /**
     * Cached under the request's path and sorted query ({@link #pathAndQuery}), without tags. Every
     * parameter counts as sent, so junk parameters ({@code ?bust=1}) and other spellings
     * ({@code limit=07}) each make an entry: a route whose parameters are known should key on its
     * parsed, validated query instead (the explorer's {@code web.CacheKeys}).
     */
    public Handler json(KeyspaceCache<RenderedResponse> keyspace, CacheControlPolicy policy, JsonSource source) {
        return json(keyspace, policy, ResponseCache::pathAndQuery, req -> Set.of(), source);
    }

    /**
     * @param key the entry's key in the keyspace: everything the body depends on
     * @param tags the entry's tags, for cascading invalidation (e.g. the folder it lists)
     */
    public Handler json(
            KeyspaceCache<RenderedResponse> keyspace,
            CacheControlPolicy policy,
            Function<ServerRequest, String> key,
            Function<ServerRequest, Set<String>> tags,
            JsonSource source) {
        Header cacheControl = ResponseWriter.cacheControl(policy); // made once per route
        return (req, res) -> {
            if (!enabled) {
                // Nothing is kept, so compress only the one variant this client negotiates (in the writer),
                // not both for a cache that will never serve them.
                RenderedResponse body =
                        RenderedResponse.of(Json.bytes(source.body(req)), Json.MEDIA_TYPE, Instant.now());
                res.header(BYPASS);
                writer.write(req, res, body, cacheControl);
                return;
            }
            String cacheKey = key.apply(req);
            // The common case first, without the loader's capturing lambda: an in-process hit. It was kept as
            // a stale copy when it was loaded here, so it is not offered to the stale copies again.
            RenderedResponse hit = keyspace.getIfCached(cacheKey);
            if (hit != null) {
                res.header(HIT);
                writer.write(req, res, hit, cacheControl);
                return;
            }
            RenderedResponse[] rendered = {null};
            RenderedResponse body;
            String space = keyspace.keyspace().name();
            try {
                // Detached: a refresh ahead of expiry renders on the cache's refresh threads while this request
                // is answered from the current entry (the sources read only the request's query and context,
                // which stay readable). So "this request loaded" is "the answer is what the loader rendered".
                body = keyspace.getOrLoadRefreshingDetached(
                        cacheKey, tags.apply(req), () -> rendered[0] = render(source, req));
            } catch (RuntimeException e) {
                Optional<RenderedResponse> copy =
                        DatabaseUnavailable.isCause(e) ? stale.find(space, cacheKey) : Optional.empty();
                if (copy.isEmpty()) {
                    res.header(BYPASS);
                    throw e;
                }
                // stale-if-error: the last good answer, its age told (RFC 9111 5.1), rather than a 503
                res.header(STALE);
                res.header(
                        AGE,
                        String.valueOf(Math.max(
                                0,
                                Duration.between(copy.get().lastModified(), Instant.now())
                                        .toSeconds())));
                writer.write(req, res, copy.get(), cacheControl);
                return;
            }
            stale.keep(space, cacheKey, body); // a load, or an entry from the shared level
            res.header(body == rendered[0] ? MISS : HIT);
            writer.write(req, res, body, cacheControl);
        };
    }

    private RenderedResponse render(JsonSource source, ServerRequest req) {
        byte[] bytes = Json.bytes(source.body(req));
        return RenderedResponse.precompressed(bytes, Json.MEDIA_TYPE, Instant.now(), writer.compression());
    }

    /** The path and the normalised query ({@link #sortedQuery}): the default key. */
    public static String pathAndQuery(ServerRequest req) {
        String query = sortedQuery(req);
        return query.isEmpty() ? req.path().path() : req.path().path() + "?" + query;
    }

    /**
     * The query with parameters sorted by name, so {@code ?a=1&b=2} and {@code ?b=2&a=1} share an
     * entry; repeated parameters keep their order (it can matter); a parameter without a value
     * ({@code ?a}) is kept as its bare name. Empty without parameters.
     */
    public static String sortedQuery(ServerRequest req) {
        List<String> names = new ArrayList<>(req.query().names());
        names.sort(null);
        StringJoiner query = new StringJoiner("&");
        for (String name : names) {
            List<String> values = req.query().all(name, List::of);
            if (values.isEmpty()) {
                query.add(name);
            }
            values.forEach(value -> query.add(name + "=" + value));
        }
        return query.toString();
    }
}
