package io.headroom.explorer.web;

import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.toolkit.http.Json;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /api/v1/stats} and {@code GET /api/v1/stats/quick}. */
final class StatsHandlers {
    private final DatasetRepository repository;

    StatsHandlers(DatasetRepository repository) {
        this.repository = repository;
    }

    void stats(ServerRequest req, ServerResponse res) {
        Json.send(res, repository.stats());
    }

    void quick(ServerRequest req, ServerResponse res) {
        Json.send(res, repository.quickStats());
    }
}
