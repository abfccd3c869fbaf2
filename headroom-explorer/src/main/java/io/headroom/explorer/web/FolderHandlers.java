package io.headroom.explorer.web;

import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.catalog.VisibleFolders;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/folders}, {@code /folders/{folder}/stats} and {@code /folders/community-data-points}.
 * The datasets at the lake root (folder {@code ""}) have their statistics at {@code /folders/stats}:
 * no folder name is empty, so that path cannot be another folder's.
 *
 * <p>Folder names contain '/' ({@code environment/air}). Clients should percent-encode the name as
 * one path segment ({@code /folders/environment%2Fair/stats}); the unencoded form
 * ({@code /folders/environment/air/stats}) is accepted too. Both are read from the raw path, so an
 * encoded slash is never confused with a separator.
 */
public final class FolderHandlers {
    private static final String STATS_SUFFIX = "/stats";
    /** The rest of {@code /folders/stats}: the root folder's statistics. */
    private static final String ROOT_STATS = "stats";

    private final DatasetRepository repository;
    private final CatalogAccess access;

    FolderHandlers(DatasetRepository repository, CatalogAccess access) {
        this.repository = repository;
        this.access = access;
    }

    /** The folders the caller may see (the cached list of all, filtered: folders are few). */
    Object list(ServerRequest req) {
        VisibleFolders visible = access.visible(req);
        return repository.folders().stream()
                .filter(f -> visible.includes(f.name()))
                .toList();
    }

    Object communityDataPoints(ServerRequest req) {
        VisibleFolders visible = access.visible(req);
        return repository.communityDataPointsByFolder().stream()
                .filter(f -> visible.includes(f.folder()))
                .toList();
    }

    /** A folder the caller may not see answers like one with no dataset in it: 404. */
    Object stats(ServerRequest req) {
        String folder = folderOf(req);
        return repository
                .folderStats(folder)
                .filter(s -> access.visible(req).includes(folder))
                .orElseThrow(() -> ProblemException.notFound("No dataset in folder '" + folder + "'"));
    }

    /** The path of a folder's statistics under {@code /api/v1}; the root folder's is {@code /folders/stats}. */
    public static String statsPath(String folder) {
        return folder.isEmpty()
                ? "/folders/" + ROOT_STATS
                // %20, not URLEncoder's '+': folderOf reads a '+' in the path as a plus sign
                : "/folders/"
                        + URLEncoder.encode(folder, StandardCharsets.UTF_8).replace("+", "%20") + STATS_SUFFIX;
    }

    /**
     * Mounted on {@code <prefix>/folders/{+rest}}: the rest must be {@code <folder>/stats}; the decoded
     * folder, checked like free text (length, control characters).
     */
    static String folderOf(ServerRequest req) {
        String raw = req.path().rawPath();
        int start = raw.indexOf("/folders/") + "/folders/".length();
        String rest = raw.substring(start);
        if (rest.equals(ROOT_STATS)) {
            return "";
        }
        if (!rest.endsWith(STATS_SUFFIX) || rest.length() == STATS_SUFFIX.length()) {
            throw ProblemException.notFound("No route for GET " + req.path().path()
                    + " (folder statistics are at /folders/{folder}/stats, the lake root's at /folders/stats)");
        }
        String folder;
        try {
            folder = URLDecoder.decode(
                    rest.substring(0, rest.length() - STATS_SUFFIX.length()).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badParameter("folder", "is not correctly URL-encoded");
        }
        QueryParameters.checkText("folder", folder); // a 400 before the cache or the database sees it
        return folder;
    }
}
