package io.headroom.explorer.web;

import io.headroom.explorer.audit.AuditEntry;
import io.headroom.explorer.audit.AuditLog;
import io.headroom.explorer.auth.Authenticator;
import io.headroom.explorer.auth.Caller;
import io.headroom.explorer.auth.LoginAttempts;
import io.headroom.explorer.auth.PasswordHasher;
import io.headroom.explorer.auth.TokenService;
import io.headroom.explorer.users.User;
import io.headroom.explorer.users.UserChanges;
import io.headroom.explorer.users.UserNames;
import io.headroom.explorer.users.UserStore;
import io.headroom.toolkit.helidon.JsonResponse;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/v1/auth/login} and {@code POST /api/v1/auth/password}. There is no sign-up: users
 * are created by admins. Every login attempt is audited, and passes the {@link LoginAttempts} hook
 * first (brute-force protection). A wrong password, an unknown name and a disabled user get the same
 * 401, after the same bcrypt work.
 */
final class AuthHandlers {
    /** A login body is two short strings: anything near this size is not a login. */
    static final int MAX_BODY_BYTES = 4096;

    private final UserStore users;
    private final PasswordHasher passwords;
    private final TokenService tokens;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final LoginAttempts attempts;

    AuthHandlers(
            UserStore users,
            PasswordHasher passwords,
            TokenService tokens,
            Authenticator authenticator,
            AuditLog audit,
            LoginAttempts attempts) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.authenticator = authenticator;
        this.audit = audit;
        this.attempts = attempts;
    }

    /** What a login answers: the token, its type and expiry, and who it is for. */
    record LoginResponse(String token, String tokenType, Instant expiresAt, User user) {}

    void login(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        JsonBody body = JsonBody.read(req, MAX_BODY_BYTES, Set.of("username", "password"));
        String username = body.requiredText("username");
        String password = body.requiredText("password");
        UserNames.problem(username).ifPresent(reason -> {
            throw ProblemException.badParameter("username", reason);
        });
        String ip = AdminGuard.ip(req);
        attempts.tooSoon(username, ip).ifPresent(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(seconds));
            throw new ProblemException(Problem.of(
                    429,
                    "Too Many Requests",
                    "Too many failed logins for this user name or from this address: try again in " + seconds + " s."));
        });
        Optional<UserStore.Credentials> found = users.credentials(username);
        boolean ok = found.isPresent()
                ? passwords.matches(password, found.get().passwordHash())
                        && found.get().user().enabled()
                : passwords.matchesNobody(password);
        attempts.afterAttempt(username, ip, ok);
        audit.record(username, "login", null, ok ? AuditEntry.SUCCESS : AuditEntry.DENIED, ip);
        if (!ok) {
            throw CallerFilter.refused(
                    res, BearerToken.CHALLENGE, "The user name or password is wrong (or the user is disabled).");
        }
        User user = found.get().user();
        TokenService.Issued issued = tokens.issue(user);
        JsonResponse.send(res, new LoginResponse(issued.token(), "Bearer", issued.expiresAt(), user));
    }

    /** A user's own password; tokens issued before it stop working, so a fresh one comes back. */
    void changePassword(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        Caller caller = CallerFilter.of(req);
        if (caller.userId().isEmpty()) {
            throw CallerFilter.refused(
                    res,
                    BearerToken.CHALLENGE,
                    "Changing a password needs a user's login token (POST /api/v1/auth/login).");
        }
        JsonBody body = JsonBody.read(req, MAX_BODY_BYTES, Set.of("currentPassword", "newPassword"));
        String current = body.requiredText("currentPassword");
        String next = body.requiredText("newPassword");
        PasswordHasher.problem(next).ifPresent(reason -> {
            throw ProblemException.badParameter("newPassword", reason);
        });
        long id = caller.userId().get();
        User user = users.find(id).orElseThrow(() -> ProblemException.notFound("The user no longer exists"));
        Optional<UserStore.Credentials> credentials = users.credentials(user.username());
        if (credentials.isEmpty()
                || !passwords.matches(current, credentials.get().passwordHash())) {
            audit.record(caller.name(), "password.change", user.username(), AuditEntry.DENIED, AdminGuard.ip(req));
            throw ProblemException.forbidden("The current password is wrong.");
        }
        User changed = users.update(
                        id,
                        new UserChanges(
                                Optional.of(passwords.hash(next)),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()))
                .orElseThrow();
        authenticator.forget(id);
        audit.record(caller.name(), "password.change", user.username(), AuditEntry.SUCCESS, AdminGuard.ip(req));
        TokenService.Issued issued = tokens.issue(changed);
        JsonResponse.send(res, new LoginResponse(issued.token(), "Bearer", issued.expiresAt(), changed));
    }
}
