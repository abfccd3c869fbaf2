package io.headroom.explorer.users;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for a user name: 1–64 characters of letters, digits and {@code . _ - @}. Names appear in
 * the audit log, in tokens and in logs: no control characters, no spaces, nothing a terminal or a log
 * parser would read as structure.
 */
public final class UserNames {
    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_LENGTH + "}");

    private UserNames() {}

    /** Why the name is not acceptable; empty when it is. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is required");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("may contain only letters, digits and . _ - @");
        }
        return Optional.empty();
    }
}
