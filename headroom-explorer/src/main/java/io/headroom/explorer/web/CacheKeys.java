package io.headroom.explorer.web;

import io.headroom.explorer.catalog.DatasetFilter;
import io.headroom.explorer.catalog.DatasetQuery;
import io.headroom.explorer.catalog.DatasetSort;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The response-cache keys of the catalog routes, built from the parsed, validated request rather
 * than from its text, so that only a request for different data makes a new entry. Every new
 * entry costs a query, three renderings (identity, brotli, gzip) and a Redis index member that each
 * invalidation walks; a key copied from the URL would let {@code ?bust=1}, {@code ?bust=2} or
 * {@code limit=07} each buy one.
 * <ul>
 *   <li>Known parameters only: anything else ({@code ?bust=1}, {@code utm_source}) is ignored and
 *       never reaches a key.</li>
 *   <li>Canonical values: numbers as parsed ({@code limit=07} is 7), dates as the instant they name
 *       ({@code 2025-09-15} = {@code 2025-09-15T02:00:00+02:00}), the sort by its API name, a cursor
 *       re-encoded, dataset ids as numbers ({@code /datasets/007} is 7), folder names decoded.</li>
 *   <li>Defaults equal absence: {@code limit=20}, {@code offset=0}, {@code sort=name} and empty values
 *       are left out.</li>
 *   <li>One fixed order, whatever the order in the URL.</li>
 * </ul>
 * A bad value throws the 400 problem here, before the cache is even looked at.
 */
final class CacheKeys {
    private CacheKeys() {}

    /** {@code GET /datasets}: {@code list?} and the canonical query, e.g. {@code list?limit=50&sort=-size}. */
    static String datasetList(ServerRequest req) {
        return datasetList(DatasetHandlers.query(new QueryParameters(req)));
    }

    static String datasetList(DatasetQuery query) {
        DatasetFilter filter = query.filter();
        StringBuilder key = new StringBuilder(64).append("list?");
        // Alphabetical, like a sorted query string; each value in one canonical spelling.
        if (query.position() instanceof DatasetQuery.After after) {
            key.append("cursor=").append(after.cursor().encode()).append('&'); // base64url: nothing to escape
        }
        text(key, "folder", filter.folder());
        filter.format()
                .ifPresent(
                        format -> key.append("format=").append(format.apiName()).append('&'));
        if (query.limit() != DatasetQuery.DEFAULT_LIMIT) {
            key.append("limit=").append(query.limit()).append('&');
        }
        filter.maxSize().ifPresent(bytes -> key.append("maxSize=").append(bytes).append('&'));
        filter.minSize().ifPresent(bytes -> key.append("minSize=").append(bytes).append('&'));
        filter.modifiedAfter()
                .ifPresent(
                        instant -> key.append("modifiedAfter=").append(instant).append('&'));
        filter.modifiedBefore()
                .ifPresent(
                        instant -> key.append("modifiedBefore=").append(instant).append('&'));
        if (query.position() instanceof DatasetQuery.Offset offset && offset.rows() != 0) {
            key.append("offset=").append(offset.rows()).append('&');
        }
        text(key, "q", filter.nameContains());
        if (!query.sort().equals(DatasetSort.DEFAULT)) {
            key.append("sort=").append(query.sort().apiName()).append('&');
        }
        text(key, "tag", filter.tag());
        if (key.charAt(key.length() - 1) == '&') {
            key.setLength(key.length() - 1);
        }
        return key.toString();
    }

    /** {@code GET /datasets/{id}}: {@code id:} and the id as a number. */
    static String dataset(ServerRequest req) {
        return "id:" + DatasetHandlers.datasetId(req);
    }

    /** {@code GET /folders/{folder}/stats}: the decoded, checked folder name; never empty, the root's included. */
    static String folderStats(ServerRequest req) {
        return "stats:" + FolderHandlers.folderOf(req);
    }

    /** Free text is %-encoded, so a value holding {@code &} or {@code =} cannot pass for another parameter. */
    private static void text(StringBuilder key, String name, Optional<String> value) {
        value.ifPresent(v -> key.append(name)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
    }
}
