package io.headroom.explorer.web;

import io.headroom.explorer.access.AccessPolicy;
import io.headroom.explorer.auth.ApiKeySecret;
import io.headroom.explorer.auth.Authenticator;
import io.headroom.explorer.auth.PasswordHasher;
import io.headroom.explorer.users.ApiKey;
import io.headroom.explorer.users.Role;
import io.headroom.explorer.users.User;
import io.headroom.explorer.users.UserChanges;
import io.headroom.explorer.users.UserNames;
import io.headroom.explorer.users.UserStore;
import io.headroom.toolkit.helidon.JsonResponse;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * User administration under {@code /api/v1/admin/users} (behind {@link AdminGuard}): create, list, read,
 * change (password, role, folders, enabled), delete, and API keys. The last enabled admin can be
 * neither demoted, disabled nor deleted (409), so the service never locks its admins out.
 */
final class UserAdminHandlers {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_FOLDERS = 1000;
    private static final Set<String> CREATE_FIELDS = Set.of("username", "password", "role", "folders");
    private static final Set<String> PATCH_FIELDS = Set.of("password", "role", "folders", "enabled");

    private final UserStore users;
    private final PasswordHasher passwords;
    private final Authenticator authenticator;
    private final AccessPolicy access;

    UserAdminHandlers(UserStore users, PasswordHasher passwords, Authenticator authenticator, AccessPolicy access) {
        this.users = users;
        this.passwords = passwords;
        this.authenticator = authenticator;
        this.access = access;
    }

    record UserPage(List<User> items, long total, int limit, long offset) {}

    record CreatedKey(long id, String name, String scope, String key, Instant createdAt) {}

    void list(ServerRequest req, ServerResponse res) {
        QueryParameters p = new QueryParameters(req);
        int limit = p.integer("limit", 50, 1, 500);
        long offset = p.longValue("offset", 0, 0, Long.MAX_VALUE / 2);
        JsonResponse.send(res, new UserPage(users.list(offset, limit), users.count(), limit, offset));
    }

    void create(ServerRequest req, ServerResponse res) {
        JsonBody body = JsonBody.read(req, MAX_BODY_BYTES, CREATE_FIELDS);
        String username = body.requiredText("username");
        UserNames.problem(username).ifPresent(reason -> {
            throw ProblemException.badParameter("username", reason);
        });
        String password = body.requiredText("password");
        PasswordHasher.problem(password).ifPresent(reason -> {
            throw ProblemException.badParameter("password", reason);
        });
        Role role = role(body).orElse(Role.USER);
        List<String> folders = folders(body).orElse(List.of());
        User user;
        try {
            user = users.create(username, passwords.hash(password), role, folders);
        } catch (UserStore.NameTakenException e) {
            throw ProblemException.conflict(e.getMessage());
        }
        AuditTarget.set(req, "user " + username);
        res.status(Status.CREATED_201);
        res.header(HeaderNames.LOCATION, "/api/v1/admin/users/" + user.id());
        JsonResponse.send(res, 201, user);
    }

    void get(ServerRequest req, ServerResponse res) {
        JsonResponse.send(res, existing(userId(req)));
    }

    void patch(ServerRequest req, ServerResponse res) {
        long id = userId(req);
        JsonBody body = JsonBody.read(req, MAX_BODY_BYTES, PATCH_FIELDS);
        Optional<String> password = body.text("password");
        password.flatMap(PasswordHasher::problem).ifPresent(reason -> {
            throw ProblemException.badParameter("password", reason);
        });
        Optional<Role> role = role(body);
        Optional<List<String>> folders = folders(body);
        Optional<Boolean> enabled = body.bool("enabled");
        User before = existing(id);
        AuditTarget.set(req, "user " + before.username());
        boolean losesAdmin = before.isAdmin()
                && before.enabled()
                && (role.filter(r -> r != Role.ADMIN).isPresent()
                        || enabled.filter(e -> !e).isPresent());
        if (losesAdmin && users.enabledAdmins() <= 1) {
            throw ProblemException.conflict(
                    "'" + before.username() + "' is the last enabled admin: make another admin first.");
        }
        User after = users.update(id, new UserChanges(password.map(passwords::hash), role, folders, enabled))
                .orElseThrow(() -> ProblemException.notFound("No user with id " + id));
        authenticator.forget(id);
        JsonResponse.send(res, after);
    }

    void delete(ServerRequest req, ServerResponse res) {
        long id = userId(req);
        User user = existing(id);
        AuditTarget.set(req, "user " + user.username());
        if (user.isAdmin() && user.enabled() && users.enabledAdmins() <= 1) {
            throw ProblemException.conflict(
                    "'" + user.username() + "' is the last enabled admin: make another admin first.");
        }
        users.delete(id);
        authenticator.forget(id);
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    void listKeys(ServerRequest req, ServerResponse res) {
        long id = userId(req);
        existing(id);
        JsonResponse.send(res, users.apiKeys(id));
    }

    /** The key's secret is in this answer only; the service keeps its hash. */
    void createKey(ServerRequest req, ServerResponse res) {
        long id = userId(req);
        JsonBody body = JsonBody.read(req, 4096, Set.of("name", "scope"));
        String name = body.requiredText("name");
        if (name.isBlank() || name.length() > 128 || name.codePoints().anyMatch(Character::isISOControl)) {
            throw ProblemException.badParameter("name", "must be 1 to 128 characters without control characters");
        }
        String scope = body.text("scope").orElse(ApiKey.READ);
        if (!scope.equals(ApiKey.READ) && !scope.equals(ApiKey.ADMIN)) {
            throw ProblemException.badParameter("scope", "must be read or admin");
        }
        User user = existing(id);
        if (scope.equals(ApiKey.ADMIN) && !user.isAdmin()) {
            throw ProblemException.badParameter(
                    "scope", "admin keys are for admins; '" + user.username() + "' is not one");
        }
        AuditTarget.set(req, "user " + user.username() + ", key '" + name + "'");
        String secret = ApiKeySecret.newSecret();
        long keyId = users.createApiKey(id, name, scope, ApiKeySecret.hash(secret));
        ApiKey key = users.apiKeys(id).stream()
                .filter(k -> k.id() == keyId)
                .findFirst()
                .orElseThrow();
        JsonResponse.send(
                res, 201, new CreatedKey(keyId, name, scope, new ApiKeySecret(keyId, secret).token(), key.createdAt()));
    }

    void deleteKey(ServerRequest req, ServerResponse res) {
        long id = userId(req);
        long keyId = pathId(req, "keyId");
        if (!users.deleteApiKey(id, keyId)) {
            throw ProblemException.notFound("User " + id + " has no API key " + keyId);
        }
        authenticator.forget(id);
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    private User existing(long id) {
        return users.find(id).orElseThrow(() -> ProblemException.notFound("No user with id " + id));
    }

    private Optional<Role> role(JsonBody body) {
        return body.text("role")
                .map(r -> Role.fromApiName(r)
                        .orElseThrow(() -> ProblemException.badParameter("role", "must be admin or user")));
    }

    /** Granted folders must exist in the catalog (a typo would grant nothing, silently). */
    private Optional<List<String>> folders(JsonBody body) {
        Optional<List<String>> folders = body.texts("folders", MAX_FOLDERS);
        folders.ifPresent(list -> list.forEach(folder -> {
            QueryParameters.checkText("folders", folder);
            if (!access.folderExists(folder)) {
                throw ProblemException.badParameter(
                        "folders", "no folder '" + JsonBody.QuotedText.of(folder) + "' in the catalog");
            }
        }));
        return folders;
    }

    static long userId(ServerRequest req) {
        return pathId(req, "id");
    }

    static long pathId(ServerRequest req, String name) {
        try {
            long id = Long.parseLong(req.path().pathParameters().get(name));
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badParameter(name, "must be a positive whole number");
    }
}
