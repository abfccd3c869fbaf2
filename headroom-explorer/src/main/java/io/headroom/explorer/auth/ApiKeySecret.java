package io.headroom.explorer.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key as handed out: {@code hr_<key id>_<secret>}, the secret 256 random bits in base64url. The
 * id finds the row; only the SHA-256 of the secret is stored, and it is compared in constant time. A
 * fast hash is enough here: unlike a password the secret is random, so there is nothing to guess.
 */
public record ApiKeySecret(long keyId, String secret) {
    private static final Pattern FORMAT = Pattern.compile("hr_([1-9][0-9]{0,17})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The key a bearer value holds, if it has the API-key shape. */
    public static Optional<ApiKeySecret> parse(String bearer) {
        Matcher m = FORMAT.matcher(bearer);
        return m.matches() ? Optional.of(new ApiKeySecret(Long.parseLong(m.group(1)), m.group(2))) : Optional.empty();
    }

    public static boolean looksLikeOne(String bearer) {
        return bearer.startsWith("hr_");
    }

    public String token() {
        return "hr_" + keyId + "_" + secret;
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(
                hash(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
