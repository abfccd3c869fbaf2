package io.headroom.explorer.web;

import io.headroom.explorer.catalog.DatasetRepository;
import io.helidon.webserver.http.ServerRequest;

/** {@code GET /api/v1/stats} and {@code GET /api/v1/stats/quick}. */
final class StatsHandlers {
    private final DatasetRepository repository;

    StatsHandlers(DatasetRepository repository) {
        this.repository = repository;
    }

    Object stats(ServerRequest req) {
        return repository.stats();
    }

    Object quick(ServerRequest req) {
        return repository.quickStats();
    }
}
