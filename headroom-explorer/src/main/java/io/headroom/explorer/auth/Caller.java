package io.headroom.explorer.auth;

import io.headroom.explorer.users.User;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling, as established once per request from its {@code Authorization} header.
 *
 * @param name shown in the audit log: a user name, {@code admin-token}, {@code metrics-token} or {@code anonymous}
 * @param userId the user behind a login token or an API key
 * @param authenticated whether any credential was presented and accepted
 * @param seesEverything an admin (or the admin token): every folder, private ones included
 * @param grants the folders a non-admin user was granted (each covers its subfolders)
 * @param mayAdminister may use the admin routes
 * @param mayMonitor may read the monitoring routes
 */
public record Caller(
        String name,
        Optional<Long> userId,
        boolean authenticated,
        boolean seesEverything,
        List<String> grants,
        boolean mayAdminister,
        boolean mayMonitor) {

    public Caller {
        grants = List.copyOf(grants);
    }

    public static final Caller ANONYMOUS =
            new Caller("anonymous", Optional.empty(), false, false, List.of(), false, false);

    /** {@code HEADROOM_ADMIN_TOKEN}: an admin-scoped API key that needs no database row. */
    public static final Caller ADMIN_TOKEN =
            new Caller("admin-token", Optional.empty(), true, true, List.of(), true, true);

    /** {@code HEADROOM_METRICS_TOKEN}: the monitoring routes and nothing more; on the catalog it counts as anonymous. */
    public static final Caller METRICS_TOKEN =
            new Caller("metrics-token", Optional.empty(), true, false, List.of(), false, true);

    /** A user logged in with a token. */
    public static Caller user(User user) {
        boolean admin = user.isAdmin();
        return new Caller(
                user.username(), Optional.of(user.id()), true, admin, admin ? List.of() : user.folders(), admin, admin);
    }

    /** A user's API key: {@code read} reads with the owner's access; {@code admin} (an admin's key only) is everything. */
    public static Caller apiKey(User owner, String scope, long keyId) {
        boolean adminKey = owner.isAdmin() && "admin".equals(scope);
        return new Caller(
                owner.username() + " (key " + keyId + ")",
                Optional.of(owner.id()),
                true,
                owner.isAdmin(),
                owner.isAdmin() ? List.of() : owner.folders(),
                adminKey,
                adminKey);
    }

    /** A caller that counts as nobody on catalog routes: anonymous, or the metrics token. */
    public boolean isCatalogAnonymous() {
        return !seesEverything && userId.isEmpty();
    }
}
