package io.headroom.explorer.auth;

/**
 * The hook through which brute-force protection watches logins: consulted before a password is
 * checked (it may refuse, e.g. with a 429 problem carrying Retry-After) and told every outcome.
 * The default does nothing; the rate-limiting module supplies the real one.
 */
public interface LoginAttempts {
    LoginAttempts UNLIMITED = new LoginAttempts() {};

    /** Throws a {@code ProblemException} to refuse the attempt before any password work is done. */
    default void beforeAttempt(String username, String ip) {}

    default void afterAttempt(String username, String ip, boolean succeeded) {}
}
