package io.headroom.toolkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.toolkit.cache.SharedStore;
import io.headroom.toolkit.cache.TwoLevelCache;
import io.headroom.toolkit.cache.redis.RedisCache;
import io.headroom.toolkit.db.MonitoredDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class HeadroomAutoConfigurationTest {
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HeadroomAutoConfiguration.class))
            .withUserConfiguration(ApplicationDataSource.class);

    @Configuration(proxyBeanMethods = false)
    static class ApplicationDataSource {
        @Bean
        DataSource dataSource() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:autoconfig;DB_CLOSE_DELAY=-1");
            return ds;
        }
    }

    @Test
    void everyPartIsOnByDefault() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(HeadroomMonitor.class);
            assertThat(context).hasSingleBean(ResponseCacheRoutes.class);
            assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
                    .extracting(r -> r.getFilter().getClass().getSimpleName())
                    .containsExactly("RequestMonitoringFilter");
            assertThat(context.getBean(TwoLevelCache.class).stats().redis())
                    .as("in process only without a Redis URL")
                    .isEqualTo(SharedStore.StoreState.DISABLED);
        });
    }

    @Test
    void aRedisUrlWithoutTheRedisModuleStopsStartUpNamingBoth() {
        runner.withClassLoader(new FilteredClassLoader(RedisCache.class))
                .withPropertyValues("headroom.response-cache.redis-url=redis://127.0.0.1:9")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessage("headroom.response-cache.redis-url is set, but"
                                    + " io.headroom.toolkit.cache.redis.RedisCache is not on the class path: add the"
                                    + " dependency io.headroom:headroom-cache-redis");
                });
    }

    @Test
    void theApplicationsDataSourceIsWrappedAndItsStatementsTimed() {
        runner.run(context -> {
            DataSource ds = context.getBean(DataSource.class);
            assertThat(ds).isInstanceOf(MonitoredDataSource.class);
            assertThat(ds.unwrap(JdbcDataSource.class)).isNotNull();
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT 42")) {
                assertThat(rs.next()).isTrue();
            }
            var queries = context.getBean(HeadroomMonitor.class).queries().snapshot(5);
            assertThat(queries.total()).isEqualTo(1);
            assertThat(queries.topStatements().get(0).sql()).isEqualTo("SELECT ?");
        });
    }

    @Test
    void aPartThatIsOffIsNotRegistered() {
        runner.withPropertyValues(
                        "headroom.monitoring.enabled=false",
                        "headroom.response-cache.enabled=false",
                        "headroom.queries.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ResponseCacheRoutes.class);
                    assertThat(context).doesNotHaveBean(MonitoredDataSourcePostProcessor.class);
                    assertThat(context.getBeansOfType(FilterRegistrationBean.class))
                            .isEmpty();
                    assertThat(context.getBean(DataSource.class)).isNotInstanceOf(MonitoredDataSource.class);
                });
    }

    @Test
    void aBadSettingStopsStartUpNamingItsKey() {
        runner.withPropertyValues("headroom.alerts.cpu-warning=150").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessage(
                            "headroom.alerts.cpu-warning='150' is not valid: expected a whole number from 1 to 100");
        });
    }

    @Test
    void aListedRouteWithABadKeyspaceStopsStartUpNamingIt() {
        runner.withPropertyValues(
                        "headroom.response-cache.routes[0].pattern=/api/items/{id}",
                        "headroom.response-cache.routes[0].keyspace=Items!")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageStartingWith("headroom.response-cache.routes[0]: Keyspace name 'Items!'");
                });
    }

    @RestController
    static class AsynchronousCachedRoute {
        @GetMapping("/later")
        @HeadroomCached(keyspace = "later", ttl = "1m")
        CompletableFuture<String> later() {
            return CompletableFuture.completedFuture("later");
        }
    }

    @Test
    void aCachedRouteThatAnswersAsynchronouslyStopsStartUp() {
        runner.withConfiguration(AutoConfigurations.of(WebMvcAutoConfiguration.class))
                .withUserConfiguration(AsynchronousCachedRoute.class)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .hasMessageEndingWith(
                                    "returns CompletableFuture: a cached route must answer synchronously");
                });
    }

    @Test
    void aBadCompressionSettingStopsStartUpNamingItsKey() {
        runner.withPropertyValues("headroom.response-cache.gzip-level=12").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessage(
                            "headroom.response-cache.gzip-level='12' is not valid: expected a whole number from 1 to 9");
        });
    }
}
