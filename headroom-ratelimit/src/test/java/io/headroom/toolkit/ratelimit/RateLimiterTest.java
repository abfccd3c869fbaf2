package io.headroom.toolkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final RateLimit five = new RateLimit("api", 5, Duration.ofMinutes(1));

    @Test
    void parsesTheSettingPatternAndNamesTheVariableWhenItCannot() {
        assertThat(RateLimit.parse("api", "HEADROOM_RATE_LIMIT_API", "60/1m"))
                .isEqualTo(new RateLimit("api", 60, Duration.ofMinutes(1)));
        assertThat(RateLimit.parse("ip", "HEADROOM_RATE_LIMIT_IP", " 1000 / 15m ")
                        .policyItem())
                .isEqualTo("\"ip\";q=1000;w=900");
        for (String bad : List.of("60", "x/1m", "0/1m", "60/0s", "60/soon", "/1m")) {
            assertThatThrownBy(() -> RateLimit.parse("api", "HEADROOM_RATE_LIMIT_API", bad))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("HEADROOM_RATE_LIMIT_API=" + bad);
        }
    }

    @Test
    void refusesPastTheQuotaWithWhenToRetryAndTheIetfFields() {
        RateLimiter limiter = new RateLimiter(new LocalBucketStore(1000, Duration.ofMinutes(1)), SlowDown.off());
        for (int i = 4; i >= 0; i--) {
            Decision d = limiter.acquire(List.of(new Quota(five, "ip:192.0.2.1")));
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(i);
        }
        Decision refused = limiter.acquire(List.of(new Quota(five, "ip:192.0.2.1")));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).as("one token back every 12 s").isBetween(11L, 12L);
        assertThat(refused.rateLimitField()).matches("\"api\";r=0;t=(59|60)");
        assertThat(refused.policyField()).isEqualTo("\"api\";q=5;w=60");
        assertThat(limiter.acquire(List.of(new Quota(five, "ip:192.0.2.2"))).allowed())
                .as("another client")
                .isTrue();
    }

    @Test
    void theTightestQuotaIsReportedAndARefusalStopsTheWalk() {
        RateLimiter limiter = new RateLimiter(new LocalBucketStore(1000, Duration.ofMinutes(15)), SlowDown.off());
        RateLimit ip = new RateLimit("ip", 100, Duration.ofMinutes(15));
        Decision d = limiter.acquire(List.of(new Quota(ip, "a"), new Quota(five, "a")));
        assertThat(d.tightest()).isEqualTo(five);
        assertThat(d.policyField()).isEqualTo("\"ip\";q=100;w=900, \"api\";q=5;w=60");
        for (int i = 0; i < 4; i++) {
            limiter.acquire(List.of(new Quota(ip, "a"), new Quota(five, "a")));
        }
        assertThat(limiter.acquire(List.of(new Quota(ip, "a"), new Quota(five, "a")))
                        .allowed())
                .isFalse();
        // 6 taken from ip (the refused one too: it was drawn first), so 94 remain
        assertThat(limiter.acquire(List.of(new Quota(ip, "a"))).remaining()).isEqualTo(93);
    }

    @Test
    void pastTheSlowDownThresholdRequestsAreDelayedByARefillIntervalCapped() {
        RateLimiter limiter = new RateLimiter(
                new LocalBucketStore(1000, Duration.ofMinutes(1)), new SlowDown(60, Duration.ofMillis(500)));
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            delays.add(limiter.acquire(List.of(new Quota(five, "k"))).delay());
        }
        // used 1..5 of 5: from 3 used (60 %) on, one refill interval (12 s) capped at 500 ms
        assertThat(delays)
                .containsExactly(
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ofMillis(500),
                        Duration.ofMillis(500),
                        Duration.ofMillis(500));
    }
}
