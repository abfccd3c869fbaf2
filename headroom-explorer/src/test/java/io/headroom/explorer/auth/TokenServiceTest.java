package io.headroom.explorer.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.explorer.users.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenServiceTest {
    private static final String OLD = "the-old-signing-key-of-at-least-32-bytes";
    private static final String NEW = "the-new-signing-key-of-at-least-32-bytes";
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final User USER = new User(7, "ada", "user", true, List.of("health"), NOW, NOW.minusSeconds(60));

    private static TokenService service(Optional<String> current, List<String> previous, Instant at) {
        return new TokenService(
                SigningKeys.of(current, previous), Duration.ofHours(24), Clock.fixed(at, ZoneOffset.UTC));
    }

    @Test
    void aRotationAcceptsTheOldKeyDuringTheOverlapAndNotAfter() {
        String oldToken = service(Optional.of(OLD), List.of(), NOW).issue(USER).token();
        TokenService rotated = service(Optional.of(NEW), List.of(OLD), NOW.plusSeconds(60));
        assertThat(rotated.verify(oldToken).userId()).isEqualTo(7);
        String newToken = rotated.issue(USER).token();
        assertThat(newToken.split("\\.")[0]).isNotEqualTo(oldToken.split("\\.")[0]); // another kid in the header
        TokenService afterOverlap = service(Optional.of(NEW), List.of(), NOW.plusSeconds(120));
        assertThat(afterOverlap.verify(newToken).userId()).isEqualTo(7);
        assertThatThrownBy(() -> afterOverlap.verify(oldToken))
                .isInstanceOf(TokenService.InvalidTokenException.class)
                .hasMessageContaining("key");
    }

    @Test
    void aTokenIsValidFor24HoursThenRefused() {
        String token = service(Optional.of(OLD), List.of(), NOW).issue(USER).token();
        assertThat(service(Optional.of(OLD), List.of(), NOW.plus(Duration.ofHours(24)))
                        .verify(token)
                        .username())
                .isEqualTo("ada");
        assertThatThrownBy(() -> service(
                                Optional.of(OLD),
                                List.of(),
                                NOW.plus(Duration.ofHours(24)).plusSeconds(31))
                        .verify(token))
                .isInstanceOf(TokenService.InvalidTokenException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aShortSecretIsRefusedAtStartUp() {
        assertThatThrownBy(() -> SigningKeys.of(Optional.of("short"), List.of()))
                .hasMessageContaining("HEADROOM_JWT_SECRET")
                .hasMessageContaining("32");
    }

    @Test
    void passwordsAreBcryptWithTheConfiguredCost() {
        PasswordHasher hasher = new PasswordHasher(5);
        String hash = hasher.hash("correct horse");
        assertThat(hash).startsWith("$2a$05$");
        assertThat(hasher.matches("correct horse", hash)).isTrue();
        assertThat(hasher.matches("correct hors", hash)).isFalse();
        assertThat(hasher.matches("x".repeat(80), hash)).isFalse();
        assertThat(PasswordHasher.problem("x".repeat(73))).isPresent();
        assertThat(PasswordHasher.problem("long enough")).isEmpty();
    }
}
