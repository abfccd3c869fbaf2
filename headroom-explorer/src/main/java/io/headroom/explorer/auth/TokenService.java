package io.headroom.explorer.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.headroom.explorer.users.User;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Issues and verifies the login tokens: JWTs signed HS256 (nimbus-jose-jwt) with a {@code kid} naming
 * the key ({@link SigningKeys}). Verification accepts exactly HS256 from a known key: {@code alg: none},
 * another algorithm, an unknown {@code kid}, a bad signature, a token past its expiry or not yet valid is
 * refused with the reason, never ignored.
 */
public final class TokenService {
    static final String ISSUER = "headroom";
    static final String PASSWORD_SET_AT = "pwd_at";
    /** Clocks of two instances may differ a little. */
    private static final Duration LEEWAY = Duration.ofSeconds(30);

    private final SigningKeys keys;
    private final Duration lifetime;
    private final Clock clock;

    public TokenService(SigningKeys keys, Duration lifetime, Clock clock) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public record Issued(String token, Instant expiresAt) {}

    /**
     * The verified claims this service relies on: who, and which password the token was issued under
     * (the time it was set, in milliseconds): a password change ends every earlier token.
     */
    public record Verified(long userId, String username, long passwordSetAt) {}

    /** A token that does not verify; the message says why (it goes into the 401's detail). */
    public static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }

    public Issued issue(User user) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(Long.toString(user.id()))
                .claim("name", user.username())
                .claim(PASSWORD_SET_AT, user.passwordChangedAt().toEpochMilli())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .build();
        SigningKeys.Key key = keys.current();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(key.kid())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new MACSigner(key.secret()));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return new Issued(jwt.serialize(), expires);
    }

    public Verified verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token); // an unsecured (alg: none) token is not a JWS: refused here
        } catch (ParseException e) {
            throw new InvalidTokenException("The token is not a signed JWT");
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("The token's algorithm is not the one this service signs with");
        }
        SigningKeys.Key key = keys.byKid(jwt.getHeader().getKeyID())
                .orElseThrow(
                        () -> new InvalidTokenException("The token was signed with a key this service does not know"));
        try {
            if (!jwt.verify(new MACVerifier(key.secret()))) {
                throw new InvalidTokenException("The token's signature does not verify");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (claims.getExpirationTime() == null
                    || now.isAfter(claims.getExpirationTime().toInstant().plus(LEEWAY))) {
                throw new InvalidTokenException("The token has expired; log in again");
            }
            if (claims.getNotBeforeTime() != null
                    && now.plus(LEEWAY).isBefore(claims.getNotBeforeTime().toInstant())) {
                throw new InvalidTokenException("The token is not valid yet");
            }
            Long passwordSetAt = claims.getLongClaim(PASSWORD_SET_AT);
            if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || passwordSetAt == null) {
                throw new InvalidTokenException("The token is not one this service issued");
            }
            return new Verified(Long.parseLong(claims.getSubject()), claims.getStringClaim("name"), passwordSetAt);
        } catch (JOSEException | ParseException | NumberFormatException e) {
            throw new InvalidTokenException("The token's claims are malformed");
        }
    }
}
