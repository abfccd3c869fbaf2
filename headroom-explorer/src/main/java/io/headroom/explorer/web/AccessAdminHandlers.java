package io.headroom.explorer.web;

import io.headroom.explorer.access.AccessPolicy;
import io.headroom.explorer.access.PrivateFolders;
import io.headroom.explorer.audit.AuditLog;
import io.headroom.explorer.audit.AuditQuery;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.toolkit.helidon.JsonResponse;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET|PUT /api/v1/admin/folders/private} (which folders anonymous callers do not see in public
 * mode) and {@code GET /api/v1/admin/audit} (the audit log, newest first).
 */
final class AccessAdminHandlers {
    private final PrivateFolders privateFolders;
    private final AccessPolicy access;
    private final DatasetRepository repository;
    private final AuditLog audit;

    AccessAdminHandlers(
            PrivateFolders privateFolders, AccessPolicy access, DatasetRepository repository, AuditLog audit) {
        this.privateFolders = privateFolders;
        this.access = access;
        this.repository = repository;
        this.audit = audit;
    }

    record PrivateFolderList(List<String> folders) {}

    void privateFolders(ServerRequest req, ServerResponse res) {
        JsonResponse.send(res, new PrivateFolderList(privateFolders.list()));
    }

    /** Replaces the set; the cached answers of every scope are dropped, as after a catalog write. */
    void replacePrivateFolders(ServerRequest req, ServerResponse res) {
        JsonBody body = JsonBody.read(req, UserAdminHandlers.MAX_BODY_BYTES, Set.of("folders"));
        List<String> folders = body.texts("folders", UserAdminHandlers.MAX_FOLDERS)
                .orElseThrow(() -> ProblemException.badParameter("folders", "is required"));
        for (String folder : folders) {
            QueryParameters.checkText("folders", folder);
            if (!access.folderExists(folder)) {
                throw ProblemException.badParameter(
                        "folders", "no folder '" + JsonBody.QuotedText.of(folder) + "' in the catalog");
            }
        }
        AuditTarget.set(req, "private folders " + String.join(", ", folders));
        privateFolders.replace(folders);
        repository.catalogChanged();
        JsonResponse.send(res, new PrivateFolderList(privateFolders.list()));
    }

    void audit(ServerRequest req, ServerResponse res) {
        QueryParameters p = new QueryParameters(req);
        Optional<Long> cursor = p.optionalLong("cursor", 1, Long.MAX_VALUE);
        AuditQuery query = new AuditQuery(
                p.text("user"),
                p.text("action"),
                p.instant("from"),
                p.instant("to"),
                cursor,
                p.integer("limit", 50, 1, 500));
        JsonResponse.send(res, audit.page(query));
    }
}
