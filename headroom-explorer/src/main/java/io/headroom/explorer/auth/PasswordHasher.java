package io.headroom.explorer.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * bcrypt through Spring Security's {@code BCrypt} (a maintained, audited implementation with no dependencies when
 * used directly, unlike its encoder, which logs through commons-logging; docs/decisions/users-jwt-bcrypt.md).
 * The cost is a setting ({@code HEADROOM_BCRYPT_COST}, default 12: about a quarter of a second a hash on
 * one core, measured in docs/users-and-access.md); the cost a hash was made with travels inside it, so
 * changing the setting affects new hashes only.
 */
public final class PasswordHasher {
    public static final int MIN_LENGTH = 8;
    /** bcrypt reads only the first 72 bytes; a longer password would pass with any suffix, so it is refused. */
    public static final int MAX_BYTES = 72;

    private final int cost;
    private final SecureRandom random = new SecureRandom();
    /**
     * Checked against when the user does not exist, so an unknown name costs the same bcrypt round as a
     * wrong password and response time does not tell which names exist.
     */
    private final String decoy;

    public PasswordHasher(int cost) {
        this.cost = cost;
        this.decoy = hash("decoy password, never anyone's");
    }

    /** Why a new password is not acceptable; empty when it is. */
    public static Optional<String> problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must be at most " + MAX_BYTES + " bytes in UTF-8 (bcrypt ignores the rest)");
        }
        for (int i = 0; i < password.length(); i++) {
            if (Character.isISOControl(password.charAt(i))) {
                return Optional.of("contains a control character");
            }
        }
        return Optional.empty();
    }

    public String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(cost, random));
    }

    /** False for a password bcrypt cannot take (over 72 bytes): it cannot be anyone's. */
    public boolean matches(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            BCrypt.checkpw("x", decoy); // the same work as a real check
            return false;
        }
        try {
            return BCrypt.checkpw(password, hash);
        } catch (IllegalArgumentException e) { // not a bcrypt hash: matches nothing
            return false;
        }
    }

    /** The work of one check, for a name that does not exist; always false. */
    public boolean matchesNobody(String password) {
        matches(password.length() > MAX_BYTES ? "x" : password, decoy);
        return false;
    }
}
