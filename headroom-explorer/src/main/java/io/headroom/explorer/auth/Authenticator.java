package io.headroom.explorer.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.headroom.explorer.users.User;
import io.headroom.explorer.users.UserStore;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns a bearer credential into a {@link Caller}: a login token (JWT) or an API key
 * ({@code hr_<id>_<secret>}). The static tokens (admin, metrics) are matched before, by the web layer.
 * Anything else, or a credential that no longer holds (user disabled or deleted, password changed
 * since the token was issued, key revoked), is an {@link TokenService.InvalidTokenException}.
 *
 * <p>Users and keys are looked up on every authenticated request, so they are cached for a few
 * seconds: a change made on this instance applies at once ({@link #forget}), one made on another
 * instance within {@link #STALENESS}.
 */
public final class Authenticator {
    static final Duration STALENESS = Duration.ofSeconds(5);

    private final TokenService tokens;
    private final UserStore users;
    // Only what exists is cached: an id that does not exist yet (a forged token, a guessed key) must not
    // stay "absent" once it is created.
    private final Cache<Long, User> usersById = Caffeine.newBuilder()
            .expireAfterWrite(STALENESS)
            .maximumSize(10_000)
            .build();
    private final Cache<Long, UserStore.StoredKey> keysById = Caffeine.newBuilder()
            .expireAfterWrite(STALENESS)
            .maximumSize(10_000)
            .build();

    public Authenticator(TokenService tokens, UserStore users) {
        this.tokens = tokens;
        this.users = users;
    }

    public Caller authenticate(String bearer) {
        if (ApiKeySecret.looksLikeOne(bearer)) {
            return apiKey(bearer);
        }
        if (bearer.chars().filter(ch -> ch == '.').count() == 2) {
            return loginToken(bearer);
        }
        throw new TokenService.InvalidTokenException("The bearer token is neither a login token, an API key "
                + "nor a token this service was configured with");
    }

    private Caller loginToken(String bearer) {
        TokenService.Verified verified = tokens.verify(bearer);
        User user = user(verified.userId())
                .orElseThrow(() -> new TokenService.InvalidTokenException("The token's user no longer exists"));
        if (!user.enabled()) {
            throw new TokenService.InvalidTokenException("The token's user is disabled");
        }
        if (verified.passwordSetAt() != user.passwordChangedAt().toEpochMilli()) {
            throw new TokenService.InvalidTokenException(
                    "The password was changed after this token was issued; log in again");
        }
        return Caller.user(user);
    }

    private Caller apiKey(String bearer) {
        ApiKeySecret presented = ApiKeySecret.parse(bearer)
                .orElseThrow(() -> new TokenService.InvalidTokenException("The API key is malformed"));
        UserStore.StoredKey stored = Optional.ofNullable(
                        keysById.get(presented.keyId(), id -> users.apiKey(id).orElse(null)))
                .filter(k -> presented.matches(k.keyHash()))
                .orElseThrow(() ->
                        new TokenService.InvalidTokenException("The API key is not valid (revoked, or never issued)"));
        User owner = user(stored.key().userId())
                .filter(User::enabled)
                .orElseThrow(() -> new TokenService.InvalidTokenException("The API key's user is disabled or gone"));
        return Caller.apiKey(owner, stored.key().scope(), stored.key().id());
    }

    private Optional<User> user(long id) {
        return Optional.ofNullable(usersById.get(id, key -> users.find(key).orElse(null)));
    }

    /** Drops what is cached about a user and its keys, after a change on this instance. */
    public void forget(long userId) {
        usersById.invalidate(userId);
        keysById.invalidateAll(); // keys are few and cheap to reload; finding the user's ones would cost a query
    }
}
