package io.headroom.explorer.web;

import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/folders}, {@code /folders/{folder}/stats} and {@code /folders/community-data-points}.
 *
 * <p>Folder names contain '/' ({@code environment/air}). Clients should percent-encode the name as
 * one path segment ({@code /folders/environment%2Fair/stats}); the unencoded form
 * ({@code /folders/environment/air/stats}) is accepted too. Both are read from the raw path, so an
 * encoded slash is never confused with a separator.
 */
final class FolderHandlers {
    private static final String STATS_SUFFIX = "/stats";

    private final DatasetRepository repository;

    FolderHandlers(DatasetRepository repository) {
        this.repository = repository;
    }

    Object list(ServerRequest req) {
        return repository.folders();
    }

    Object communityDataPoints(ServerRequest req) {
        return repository.communityDataPointsByFolder();
    }

    Object stats(ServerRequest req) {
        String folder = folderOf(req);
        return repository.folderStats(folder)
                .orElseThrow(() -> ProblemException.notFound("No dataset in folder '" + folder + "'"));
    }

    /**
     * Mounted on {@code <prefix>/folders/{+rest}}: the rest must be {@code <folder>/stats}; the decoded
     * folder, checked like free text (length, control characters). Also the folder-stats cache key.
     */
    static String folderOf(ServerRequest req) {
        String raw = req.path().rawPath();
        int start = raw.indexOf("/folders/") + "/folders/".length();
        String rest = raw.substring(start);
        if (!rest.endsWith(STATS_SUFFIX) || rest.length() == STATS_SUFFIX.length()) {
            throw ProblemException.notFound("No route for GET " + req.path().path()
                    + " (folder statistics are at /folders/{folder}/stats)");
        }
        String folder;
        try {
            folder = URLDecoder.decode(rest.substring(0, rest.length() - STATS_SUFFIX.length())
                    .replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter("folder", "is not correctly URL-encoded");
        }
        QueryParameters.checkText("folder", folder); // a 400 before the cache or the database sees it
        return folder;
    }
}
