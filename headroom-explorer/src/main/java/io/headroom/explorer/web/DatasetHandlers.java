package io.headroom.explorer.web;

import io.headroom.explorer.catalog.DatasetFilter;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetQuery;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.catalog.DatasetSort;
import io.headroom.explorer.catalog.PageCursor;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code GET /api/v1/datasets} and {@code GET /api/v1/datasets/{id}}. */
final class DatasetHandlers {
    /** Deep offsets make the database walk and discard every skipped row; cursors do not. */
    static final long MAX_OFFSET = 10_000_000;

    private static final String FORMATS =
            Arrays.stream(DatasetFormat.values()).map(DatasetFormat::apiName).collect(Collectors.joining(", "));

    private final DatasetRepository repository;
    private final CatalogAccess access;

    DatasetHandlers(DatasetRepository repository, CatalogAccess access) {
        this.repository = repository;
        this.access = access;
    }

    /** The body of a list page, over the caller's visible folders; served through the response cache (Routes). */
    Object list(ServerRequest req) {
        return repository.page(query(new QueryParameters(req)), access.visible(req));
    }

    /** One dataset; a 404 alike for one that does not exist and one the caller may not see. */
    Object byId(ServerRequest req) {
        return access.visibleDataset(req, datasetId(req));
    }

    static long datasetId(ServerRequest req) {
        String raw = req.path().pathParameters().get("id");
        try {
            long id = Long.parseLong(raw);
            if (id < 1) {
                throw ProblemException.badParameter("id", "must be a positive whole number");
            }
            return id;
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter("id", "must be a positive whole number");
        }
    }

    static DatasetQuery query(QueryParameters p) {
        DatasetSort sort = p.text("sort")
                .map(v -> DatasetSort.parse(v)
                        .orElseThrow(() -> ProblemException.badParameter(
                                "sort",
                                "must be name, size or lastModified, optionally prefixed with - for descending")))
                .orElse(DatasetSort.DEFAULT);
        int limit = p.integer("limit", DatasetQuery.DEFAULT_LIMIT, 1, DatasetQuery.MAX_LIMIT);
        DatasetQuery.Position position;
        if (p.has("cursor")) {
            if (p.has("offset")) {
                throw ProblemException.badParameter("cursor", "cannot be combined with offset; use one or the other");
            }
            String text = p.text("cursor").orElseThrow();
            try {
                position = new DatasetQuery.After(PageCursor.decode(text, sort));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badParameter("cursor", e.getMessage());
            }
        } else {
            position = new DatasetQuery.Offset(p.longValue("offset", 0, 0, MAX_OFFSET));
        }
        Optional<DatasetFormat> format = p.text("format")
                .map(v -> DatasetFormat.fromApiName(v)
                        .orElseThrow(() -> ProblemException.badParameter("format", "must be one of " + FORMATS)));
        Optional<Long> minSize = p.optionalLong("minSize", 0, Long.MAX_VALUE);
        Optional<Long> maxSize = p.optionalLong("maxSize", 0, Long.MAX_VALUE);
        if (minSize.isPresent() && maxSize.isPresent() && minSize.get() > maxSize.get()) {
            throw ProblemException.badParameter("maxSize", "is smaller than minSize");
        }
        Optional<Instant> after = p.instant("modifiedAfter");
        Optional<Instant> before = p.instant("modifiedBefore");
        // The name search ignores case: lower-cased once here, `q=Air` and `q=air` are one query (and one cache key).
        Optional<String> nameContains =
                p.text("q").map(q -> q.strip().toLowerCase(Locale.ROOT)).filter(q -> !q.isEmpty());
        DatasetFilter filter = new DatasetFilter(
                p.text("folder"), format, p.text("tag"), nameContains, minSize, maxSize, after, before);
        return new DatasetQuery(filter, sort, limit, position);
    }
}
