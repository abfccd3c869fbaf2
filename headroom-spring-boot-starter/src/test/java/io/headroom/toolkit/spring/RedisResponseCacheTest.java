package io.headroom.toolkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.cache.Invalidation;
import io.headroom.toolkit.cache.SharedStore;
import io.headroom.toolkit.cache.TwoLevelCache;
import io.headroom.toolkit.testing.Await;
import io.headroom.toolkit.testing.RedisServerProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of one application on one private Redis ({@code headroom.response-cache.redis-url}): an
 * entry one stored is the other's first answer, and an invalidation made on one reaches the other.
 */
class RedisResponseCacheTest {
    static RedisServerProcess redis;
    static Instance a;
    static Instance b;

    record Instance(ConfigurableApplicationContext context, TestHttp http) {
        static Instance start(String redisUrl) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(CachedRoutesApplication.class)
                    .properties(
                            "server.port=0",
                            "headroom.response-cache.redis-url=" + redisUrl,
                            "headroom.response-cache.key-prefix=spring-test:")
                    .run();
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            return new Instance(context, new TestHttp(port));
        }

        CachedRoutesApplication.Routes routes() {
            return context.getBean(CachedRoutesApplication.Routes.class);
        }

        TwoLevelCache cache() {
            return context.getBean(TwoLevelCache.class);
        }
    }

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.start();
        a = Instance.start(redis.url());
        b = Instance.start(redis.url());
    }

    @AfterAll
    static void stop() {
        for (Instance instance : new Instance[] {a, b}) {
            if (instance != null) {
                instance.context().close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void bothInstancesUseRedis() {
        assertThat(a.cache().stats().redis()).isEqualTo(SharedStore.StoreState.UP);
        assertThat(b.cache().stats().redis()).isEqualTo(SharedStore.StoreState.UP);
    }

    @Test
    void theSecondInstancesFirstRequestIsServedFromWhatTheFirstStored() {
        int bRunsBefore = b.routes().pageRuns.get();
        long bL2HitsBefore = l2Hits(b);
        HttpResponse<String> first = a.http().get("/pages/shared");
        assertThat(first.headers().firstValue("X-Cache")).hasValue("MISS");

        HttpResponse<String> second = b.http().get("/pages/shared");

        assertThat(second.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(second.headers().firstValue("ETag"))
                .as("the same rendered entry")
                .isEqualTo(first.headers().firstValue("ETag"));
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(b.routes().pageRuns.get())
                .as("the second instance ran no handler")
                .isEqualTo(bRunsBefore);
        assertThat(l2Hits(b)).isEqualTo(bL2HitsBefore + 1);
    }

    private static long l2Hits(Instance instance) {
        return instance.cache().keyspaceStats("pages").orElseThrow().l2Hits();
    }

    @Test
    void anInvalidationOnOneInstanceReachesTheOther() {
        a.http().get("/pages/changing");
        assertThat(b.http().get("/pages/changing").headers().firstValue("X-Cache"))
                .hasValue("HIT");
        long receivedBefore = b.cache().stats().invalidationsReceived();
        int bRunsBefore = b.routes().pageRuns.get();

        a.cache().invalidate(new Invalidation.Key("pages", "/pages/changing"));

        Await.until(
                Duration.ofSeconds(10),
                "the invalidation message at the second instance",
                () -> b.cache().stats().invalidationsReceived() > receivedBefore);
        HttpResponse<String> after = b.http().get("/pages/changing");
        assertThat(after.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(b.routes().pageRuns.get()).isEqualTo(bRunsBefore + 1);
    }
}
