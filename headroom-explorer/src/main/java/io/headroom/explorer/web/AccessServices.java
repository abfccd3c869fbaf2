package io.headroom.explorer.web;

import io.headroom.explorer.access.AccessPolicy;
import io.headroom.explorer.access.PrivateFolders;
import io.headroom.explorer.audit.AuditLog;
import io.headroom.explorer.auth.Authenticator;
import io.headroom.explorer.auth.LoginAttempts;
import io.headroom.explorer.auth.PasswordHasher;
import io.headroom.explorer.auth.TokenService;
import io.headroom.explorer.users.UserStore;

/**
 * The parts behind users and access, as the routes need them (built by {@code ExplorerServer}).
 *
 * @param loginAttempts brute-force protection of the login route ({@link LoginAttempts#guardedBy}; {@link LoginAttempts#UNLIMITED}: none)
 */
public record AccessServices(
        AccessPolicy policy,
        PrivateFolders privateFolders,
        UserStore users,
        PasswordHasher passwords,
        TokenService tokens,
        Authenticator authenticator,
        AuditLog audit,
        LoginAttempts loginAttempts) {}
