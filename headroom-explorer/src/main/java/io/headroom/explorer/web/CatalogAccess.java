package io.headroom.explorer.web;

import io.headroom.explorer.access.AccessMode;
import io.headroom.explorer.access.AccessPolicy;
import io.headroom.explorer.access.AccessScope;
import io.headroom.explorer.auth.Caller;
import io.headroom.explorer.catalog.Dataset;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.catalog.VisibleFolders;
import io.headroom.toolkit.cache.KeyspaceCache;
import io.headroom.toolkit.helidon.PreparedHeader;
import io.headroom.toolkit.helidon.ResponseCache;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.ProblemException;
import io.headroom.toolkit.http.RenderedResponse;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Access on the catalog routes, in one place: every catalog route asks it for the caller's
 * {@link AccessScope}, keys its cached responses with it, reads with its visible folders, and finds
 * single datasets through {@link #visibleDataset} (an invisible one is a 404, so its existence does
 * not leak). In authenticated mode an anonymous caller gets a 401 here.
 */
final class CatalogAccess {
    /** A user's answer: the browser may keep it but must revalidate (ETag), no shared cache may. */
    static final CacheControlPolicy PRIVATE = new CacheControlPolicy("private, no-cache");

    private final AccessPolicy policy;
    private final DatasetRepository repository;

    CatalogAccess(AccessPolicy policy, DatasetRepository repository) {
        this.policy = policy;
        this.repository = repository;
    }

    private static final Header VARY = PreparedHeader.of(HeaderNames.VARY, "Accept-Encoding, Authorization");
    private static final String NEED_USER = "The catalog needs a user (HEADROOM_ACCESS=authenticated): log in with "
            + "POST /api/v1/auth/login and send 'Authorization: Bearer <token>', or send an API key.";

    /** The caller's scope; the route was admitted ({@link #admit}) before, so a refusal here is only a fallback. */
    AccessScope scope(ServerRequest req) {
        return policy.scope(CallerFilter.of(req)).orElseThrow(() -> ProblemException.unauthorized(NEED_USER));
    }

    /** A 401 with a challenge when the caller may not use catalog routes at all (anonymous, authenticated mode). */
    void admit(ServerRequest req, ServerResponse res) {
        if (policy.scope(CallerFilter.of(req)).isEmpty()) {
            throw CallerFilter.refused(res, BearerToken.CHALLENGE, NEED_USER);
        }
    }

    VisibleFolders visible(ServerRequest req) {
        return scope(req).folders().get();
    }

    /** The dataset, if it exists and the caller may see its folder; a 404 problem otherwise, either way alike. */
    Dataset visibleDataset(ServerRequest req, long id) {
        AccessScope scope = scope(req);
        return repository
                .byId(id)
                .filter(d -> scope.seesEverything() || scope.folders().get().includes(d.folder()))
                .orElseThrow(() -> ProblemException.notFound("No dataset with id " + id));
    }

    /**
     * A cached JSON route under access: the key is prefixed with the caller's scope (callers with the same
     * grants share entries, no entry crosses scopes), and the answer to anyone but an anonymous caller in
     * public mode is marked private so no shared cache keeps it. Every answer varies on Authorization: a
     * shared cache that keeps the anonymous answer must not give it to a caller with a token.
     */
    Handler cached(
            ResponseCache responses,
            KeyspaceCache<RenderedResponse> keyspace,
            CacheControlPolicy publicApi,
            Function<ServerRequest, String> key,
            Function<ServerRequest, Set<String>> tags,
            ResponseCache.JsonSource source) {
        // Every anonymous caller has the same scope, asked of the policy once here rather than per request.
        Optional<AccessScope> anonymous = policy.scope(Caller.ANONYMOUS);
        String anonymousPrefix = anonymous.map(scope -> scope.key() + "|").orElse("");
        Handler shared = responses.json(keyspace, publicApi, req -> anonymousPrefix + key.apply(req), tags, source);
        Handler personal =
                responses.json(keyspace, PRIVATE, req -> scope(req).key() + "|" + key.apply(req), tags, source);
        boolean publicMode = policy.mode() == AccessMode.PUBLIC && anonymous.isPresent();
        return (req, res) -> {
            if (publicMode && CallerFilter.of(req).isCatalogAnonymous()) {
                res.header(VARY); // the writer keeps a Vary the route set
                shared.handle(req, res);
                return;
            }
            admit(req, res);
            res.header(VARY);
            personal.handle(req, res);
        };
    }

    /** A route that is not cached: checks the caller may use catalog routes at all before it runs. */
    Handler guarded(Handler handler) {
        return (req, res) -> {
            admit(req, res);
            handler.handle(req, res);
        };
    }
}
