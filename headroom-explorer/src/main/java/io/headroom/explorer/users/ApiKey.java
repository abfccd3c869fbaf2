package io.headroom.explorer.users;

import java.time.Instant;

/**
 * An API key as stored and listed: never its secret, which is shown once, when it is created.
 *
 * @param scope {@code read} (the catalog, with the owner's access) or {@code admin} (also the admin routes;
 *              only an admin's key can have it)
 */
public record ApiKey(long id, long userId, String name, String scope, Instant createdAt) {
    public static final String READ = "read";
    public static final String ADMIN = "admin";
}
