package io.headroom.explorer.web;

import io.headroom.explorer.catalog.RefreshLog;
import io.headroom.explorer.refresh.RefreshService;
import io.headroom.toolkit.helidon.JsonResponse;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.Locale;

/** {@code POST /api/v1/admin/refresh} and {@code GET /api/v1/admin/refresh/{id}} (admin only). */
final class RefreshHandlers {
    private final RefreshService refresh;

    RefreshHandlers(RefreshService refresh) {
        this.refresh = refresh;
    }

    record Accepted(long refreshId) {}

    record Status(
            String state,
            int scanned,
            int added,
            int updated,
            int removed,
            int failed,
            Instant startedAt,
            Instant finishedAt,
            String error) {}

    void start(ServerRequest req, ServerResponse res) {
        switch (refresh.start()) {
            case RefreshService.StartResult.Started started ->
                JsonResponse.send(res, 202, new Accepted(started.refreshId()));
            case RefreshService.StartResult.AlreadyRunning running ->
                throw ProblemException.conflict("Refresh " + running.refreshId()
                        + " is still running; follow it at /api/v1/admin/refresh/" + running.refreshId());
        }
    }

    void status(ServerRequest req, ServerResponse res) {
        String raw = req.path().pathParameters().get("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ProblemException.badParameter("id", "must be a whole number (a refreshId)");
        }
        RefreshLog.Entry entry =
                refresh.status(id).orElseThrow(() -> ProblemException.notFound("No refresh with id " + id));
        JsonResponse.send(
                res,
                new Status(
                        entry.state().name().toLowerCase(Locale.ROOT),
                        entry.scanned(),
                        entry.added(),
                        entry.updated(),
                        entry.removed(),
                        entry.failed(),
                        entry.startedAt(),
                        entry.finishedAt(),
                        entry.error()));
    }
}
