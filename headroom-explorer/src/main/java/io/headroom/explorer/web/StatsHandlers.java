package io.headroom.explorer.web;

import io.headroom.explorer.catalog.DatasetRepository;
import io.helidon.webserver.http.ServerRequest;

/** {@code GET /api/v1/stats} and {@code GET /api/v1/stats/quick}, each over the folders the caller may see. */
final class StatsHandlers {
    private final DatasetRepository repository;
    private final CatalogAccess access;

    StatsHandlers(DatasetRepository repository, CatalogAccess access) {
        this.repository = repository;
        this.access = access;
    }

    /** Over the caller's visible folders. */
    Object stats(ServerRequest req) {
        return repository.stats(access.visible(req));
    }

    Object quick(ServerRequest req) {
        return repository.quickStats(access.visible(req));
    }
}
