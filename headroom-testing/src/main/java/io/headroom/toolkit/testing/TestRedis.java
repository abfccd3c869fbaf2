package io.headroom.toolkit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.UUID;

/**
 * The real Redis named by {@value #ENV} (for example {@code redis://127.0.0.1:6379}). Tests use
 * {@link #keyPrefix()} so parallel runs never share keys. When the variable is not set the calling
 * test is <em>skipped</em> through a JUnit assumption.
 */
public final class TestRedis {
    public static final String ENV = "HEADROOM_TEST_REDIS_URL";

    private final String url;
    private final String keyPrefix;

    private TestRedis(String url) {
        this.url = url;
        this.keyPrefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    public static Optional<String> configuredUrl() {
        String url = System.getenv(ENV);
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
    }

    public static TestRedis require() {
        Optional<String> url = configuredUrl();
        assumeTrue(url.isPresent(), ENV + " is not set: Redis tests are skipped");
        return new TestRedis(url.get());
    }

    public String url() {
        return url;
    }

    public String keyPrefix() {
        return keyPrefix;
    }
}
