package io.headroom.toolkit.cache;

import static io.headroom.toolkit.cache.InProcessCacheTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings validation, cascade rules, warming order and the Micrometer binding. */
class CacheSupportTest {

    @Test
    void readsDefaultsAndRejectsABadRedisUrlNamingTheVariable() {
        CacheSettings defaults = CacheSettings.from(new Settings(Map.of()));
        assertThat(defaults.maxBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(defaults.redisUrl()).isEmpty();
        assertThat(defaults.warmInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> CacheSettings.from(new Settings(Map.of("REDIS_URL", "localhost:6379"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("REDIS_URL");
        assertThatThrownBy(() -> CacheSettings.from(new Settings(Map.of("REDIS_TIMEOUT", "1h"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("REDIS_TIMEOUT");
    }

    @Test
    void aDatasetChangeCascadesToListsStatsAndThatFolder() {
        CascadeRules rules = CascadeRules.builder()
                .on(
                        "dataset-changed",
                        folder -> new Invalidation.All("datasets"),
                        folder -> new Invalidation.All("stats"),
                        folder -> new Invalidation.Key("folder-stats", folder))
                .build();
        try (TwoLevelCache cache = TwoLevelCache.builder().build()) {
            KeyspaceCache<byte[]> datasets =
                    cache.keyspace(Keyspace.of("datasets", TtlPreset.FIVE_MINUTES), ValueCodec.bytes());
            KeyspaceCache<byte[]> stats =
                    cache.keyspace(Keyspace.of("stats", TtlPreset.THIRTY_MINUTES), ValueCodec.bytes());
            KeyspaceCache<byte[]> folderStats =
                    cache.keyspace(Keyspace.of("folder-stats", TtlPreset.ONE_HOUR), ValueCodec.bytes());
            datasets.getOrLoad("list:limit=50", () -> bytes("list"));
            stats.getOrLoad("global", () -> bytes("stats"));
            folderStats.getOrLoad("env", () -> bytes("env"));
            folderStats.getOrLoad("geo", () -> bytes("geo"));

            cache.invalidate(rules.expand("dataset-changed", "env"));

            assertThat(datasets.getIfPresent("list:limit=50")).isEmpty();
            assertThat(stats.getIfPresent("global")).isEmpty();
            assertThat(folderStats.getIfPresent("env")).isEmpty();
            assertThat(folderStats.getIfPresent("geo")).isPresent();
        }
    }

    @Test
    void warmsTheHotSetBeforeTheRestAndReportsTheTime() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<CacheWarmer.WarmTask> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String hot = "hot" + i;
            String cold = "cold" + i;
            tasks.add(new CacheWarmer.WarmTask(cold, false, () -> order.add(cold)));
            tasks.add(new CacheWarmer.WarmTask(hot, true, () -> order.add(hot)));
        }
        tasks.add(new CacheWarmer.WarmTask("broken", false, () -> {
            throw new IllegalStateException("no database");
        }));
        try (CacheWarmer warmer = new CacheWarmer(() -> tasks, 4)) {
            CacheWarmer.WarmingReport report = warmer.warmNow();
            assertThat(report.tasks()).isEqualTo(11);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.took()).isGreaterThanOrEqualTo(report.hotTook());
            assertThat(order.subList(0, 5)).allMatch(name -> name.startsWith("hot"));
            assertThat(order.subList(5, 10)).allMatch(name -> name.startsWith("cold"));
            assertThat(warmer.lastReport()).contains(report);
        }
    }

    @Test
    void publishesKeyspaceStatisticsAsMeters() {
        try (TwoLevelCache cache = TwoLevelCache.builder().build()) {
            KeyspaceCache<byte[]> stats =
                    cache.keyspace(Keyspace.of("stats", TtlPreset.THIRTY_MINUTES), ValueCodec.bytes());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new CacheMeterBinder(cache).bindTo(registry);
            stats.getOrLoad("global", () -> bytes("x"));
            stats.getOrLoad("global", () -> bytes("x"));
            assertThat(registry.get("headroom.cache.hits")
                            .tag("keyspace", "stats")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("headroom.cache.loads")
                            .tag("keyspace", "stats")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("headroom.cache.entries")
                            .tag("keyspace", "stats")
                            .gauge()
                            .value())
                    .isEqualTo(1);
            assertThat(registry.get("headroom.cache.hit.rate")
                            .tag("keyspace", "stats")
                            .gauge()
                            .value())
                    .isEqualTo(0.5);
        }
    }

    @Test
    void aKeyspaceRegisteredAfterTheBinderGetsItsMetersToo() {
        try (TwoLevelCache cache = TwoLevelCache.builder().build()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new CacheMeterBinder(cache).bindTo(registry); // as a host's feature does, before its keyspaces exist
            KeyspaceCache<byte[]> late =
                    cache.keyspace(Keyspace.of("late", TtlPreset.THIRTY_MINUTES), ValueCodec.bytes());
            late.getOrLoad("k", () -> bytes("x"));
            late.getOrLoad("k", () -> bytes("x"));
            assertThat(registry.get("headroom.cache.hits")
                            .tag("keyspace", "late")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("headroom.cache.entries")
                            .tag("keyspace", "late")
                            .gauge()
                            .value())
                    .isEqualTo(1);
            new CacheMeterBinder(cache).bindTo(registry); // a second bind adds no second series
            assertThat(registry.find("headroom.cache.hits").meters()).hasSize(1);
        }
    }
}
