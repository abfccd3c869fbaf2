package io.headroom.explorer.auth;

import io.headroom.toolkit.ratelimit.BruteForceGuard;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The hook through which brute-force protection watches logins: consulted before a password is
 * checked (an attempt made too soon is refused with a 429 and Retry-After, before any bcrypt work) and
 * told every outcome.
 */
public interface LoginAttempts {
    LoginAttempts UNLIMITED = new LoginAttempts() {};

    /** How long this attempt must still wait; empty when it may proceed. */
    default Optional<Duration> tooSoon(String username, String ip) {
        return Optional.empty();
    }

    default void afterAttempt(String username, String ip, boolean succeeded) {}

    /**
     * Failed logins in a row, per user name and per client address, make the next attempt wait
     * ({@link BruteForceGuard}: HEADROOM_BRUTE_FORCE_*). Names count case-insensitively, so {@code Admin}
     * and {@code admin} are one account to a guesser.
     */
    static LoginAttempts guardedBy(BruteForceGuard guard) {
        return new LoginAttempts() {
            @Override
            public Optional<Duration> tooSoon(String username, String ip) {
                return guard.blocked(account(username), ip);
            }

            @Override
            public void afterAttempt(String username, String ip, boolean succeeded) {
                if (succeeded) {
                    guard.succeeded(account(username), ip);
                } else {
                    guard.failed(account(username), ip);
                }
            }

            private static String account(String username) {
                return "login:" + username.toLowerCase(Locale.ROOT);
            }
        };
    }
}
