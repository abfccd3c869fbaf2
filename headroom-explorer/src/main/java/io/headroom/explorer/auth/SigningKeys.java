package io.headroom.explorer.auth;

import io.headroom.toolkit.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HMAC keys tokens are signed with, each named by a {@code kid} derived from it (the first 12
 * characters of its SHA-256, base64url: it names the key without revealing it). New tokens are signed
 * with the current key; tokens signed with a previous key stay valid until they expire, which is the
 * rotation overlap: move {@code HEADROOM_JWT_SECRET} to {@code HEADROOM_JWT_PREVIOUS_SECRETS}, set a new
 * one, and drop the old one a token lifetime (24 h) later.
 */
public final class SigningKeys {
    /** HS256 needs a key of at least 256 bits (RFC 7518 3.2). */
    public static final int MIN_SECRET_BYTES = 32;

    public record Key(String kid, byte[] secret) {}

    private final Key current;
    private final Map<String, Key> accepted;

    private SigningKeys(Key current, List<Key> previous) {
        this.current = current;
        Map<String, Key> keys = new LinkedHashMap<>();
        keys.put(current.kid(), current);
        previous.forEach(k -> keys.putIfAbsent(k.kid(), k));
        this.accepted = Map.copyOf(keys);
    }

    /**
     * @param secret the current key; absent: a random key for this process only (tokens then end with
     *               a restart and are not accepted by another instance)
     * @param previous keys still accepted for verification
     */
    public static SigningKeys of(Optional<String> secret, List<String> previous) {
        Key current = secret.map(s -> key("HEADROOM_JWT_SECRET", s)).orElseGet(SigningKeys::random);
        return new SigningKeys(
                current,
                previous.stream()
                        .map(s -> key("HEADROOM_JWT_PREVIOUS_SECRETS", s))
                        .toList());
    }

    public Key current() {
        return current;
    }

    public Optional<Key> byKid(String kid) {
        return Optional.ofNullable(kid == null ? null : accepted.get(kid));
    }

    private static Key key(String setting, String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new ConfigException(setting + " is " + bytes.length + " bytes: a signing key needs at least "
                    + MIN_SECRET_BYTES + " (for example: openssl rand -base64 48)");
        }
        return new Key(kid(bytes), bytes);
    }

    private static Key random() {
        byte[] bytes = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new Key(kid(bytes), bytes);
    }

    private static String kid(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
