package io.headroom.toolkit.spring;

import io.headroom.toolkit.cache.CacheMeterBinder;
import io.headroom.toolkit.cache.CacheSettings;
import io.headroom.toolkit.cache.SharedStore;
import io.headroom.toolkit.cache.TwoLevelCache;
import io.headroom.toolkit.cache.redis.RedisCache;
import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.http.CacheControlPolicy;
import io.headroom.toolkit.http.Compression;
import io.headroom.toolkit.monitor.MonitoringSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The Headroom toolkit in a Spring MVC service. Every part is on by default and switched off by
 * its {@code headroom.<part>.enabled} property; a part that is off is not registered at all.
 * Ordered after the metrics auto-configuration so the application's own {@link MeterRegistry}
 * exists: the toolkit's series go there, and no second registry is made.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HeadroomProperties.class)
public class HeadroomAutoConfiguration {
    /** Just inside Spring's own observation filter (HIGHEST_PRECEDENCE + 1): both see the same requests. */
    static final int MONITORING_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean(destroyMethod = "close")
    HeadroomMonitor headroomMonitor(HeadroomProperties properties, ObjectProvider<MeterRegistry> registry) {
        MonitoringSettings settings = ToolkitSettings.monitoring(properties);
        HeadroomMonitor monitor = new HeadroomMonitor(
                settings,
                properties.getAlerts().isEnabled(),
                Path.of(properties.getMonitoring().getDiskPath()),
                registry.getIfAvailable(SimpleMeterRegistry::new));
        monitor.start();
        return monitor;
    }

    @Bean
    @ConditionalOnProperty(name = "headroom.monitoring.enabled", matchIfMissing = true)
    FilterRegistrationBean<RequestMonitoringFilter> headroomRequestMonitoring(
            HeadroomMonitor monitor, HeadroomProperties properties, ObjectProvider<MeterRegistry> registry) {
        RouteMeters meters = properties.getMetrics().isEnabled() && registry.getIfAvailable() != null
                ? new RouteMeters(registry.getObject(), monitor.requests())
                : null;
        FilterRegistrationBean<RequestMonitoringFilter> bean =
                new FilterRegistrationBean<>(new RequestMonitoringFilter(monitor.requests(), meters));
        bean.setOrder(MONITORING_FILTER_ORDER);
        return bean;
    }

    @Bean
    @ConditionalOnProperty(name = "headroom.queries.enabled", matchIfMissing = true)
    static MonitoredDataSourcePostProcessor headroomDataSourceMonitoring(ObjectProvider<HeadroomMonitor> monitor) {
        return new MonitoredDataSourcePostProcessor(monitor);
    }

    @Bean
    @ConditionalOnProperty(name = "headroom.stats.path")
    HeadroomStatsController headroomStatsController(HeadroomMonitor monitor, HeadroomProperties properties) {
        return new HeadroomStatsController(monitor, properties.getStats());
    }

    @Bean
    RenderedWriter headroomRenderedWriter(HeadroomProperties properties) {
        HeadroomProperties.ResponseCache c = properties.getResponseCache();
        if (c.getBrotliQuality() < 0 || c.getBrotliQuality() > 11) {
            throw new ConfigException("headroom.response-cache.brotli-quality='" + c.getBrotliQuality()
                    + "' is not valid: expected a whole number from 0 to 11");
        }
        if (c.getGzipLevel() < 1 || c.getGzipLevel() > 9) {
            throw new ConfigException("headroom.response-cache.gzip-level='" + c.getGzipLevel()
                    + "' is not valid: expected a whole number from 1 to 9");
        }
        return new RenderedWriter(new Compression(c.getBrotliQuality(), c.getGzipLevel()));
    }

    @Bean
    WebMvcConfigurer headroomInterceptors(
            ObjectProvider<ResponseCacheRoutes> routes,
            RenderedWriter writer,
            HeadroomProperties properties,
            ObjectProvider<HandlerAdapter> adapters) {
        Map<String, CacheControlPolicy> policies = new LinkedHashMap<>();
        properties
                .getHttp()
                .getCacheControl()
                .forEach((route, policy) ->
                        policies.put(route, CachePolicies.parse(policy, "headroom.http.cache-control[" + route + "]")));
        ResponseCacheInterceptor interceptor = new ResponseCacheInterceptor(
                routes.getIfAvailable(),
                writer,
                Map.copyOf(policies),
                SingletonSupplier.of(() -> adapters.orderedStream().toList()));
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                // Last: the application's own interceptors (authentication, tenancy) run before a cached route is
                // answered here, hit or miss, since this one ends the request for both.
                registry.addInterceptor(interceptor).order(Ordered.LOWEST_PRECEDENCE);
            }
        };
    }

    /** The rendered response cache: one keyspace per route family, in process or, with a Redis URL, two-level. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "headroom.response-cache.enabled", matchIfMissing = true)
    static class ResponseCacheConfiguration {
        static final String REDIS_CACHE = "io.headroom.toolkit.cache.redis.RedisCache";

        /**
         * The Redis level, when the application has headroom-cache-redis (an optional dependency of the starter,
         * so a service without Redis gets no Lettuce jar) and names a Redis. Nested here so it is registered
         * before the in-process cache below, which then backs off.
         */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = REDIS_CACHE)
        @ConditionalOnProperty(name = "headroom.response-cache.redis-url")
        static class RedisLevel {
            @Bean(destroyMethod = "close")
            @ConditionalOnMissingBean
            TwoLevelCache headroomTwoLevelCache(HeadroomProperties properties) {
                return RedisCache.open(ToolkitSettings.cache(properties));
            }
        }

        /** In process only; also what an application's own {@link TwoLevelCache} bean replaces. */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        TwoLevelCache headroomInProcessCache(HeadroomProperties properties) {
            CacheSettings settings = ToolkitSettings.cache(properties);
            if (settings.redisUrl().isPresent()) { // the Redis level above did not apply: its class is missing
                throw new ConfigException("headroom.response-cache.redis-url is set, but " + REDIS_CACHE
                        + " is not on the class path: add the dependency io.headroom:headroom-cache-redis");
            }
            return settings.open(SharedStore.none());
        }

        @Bean
        ResponseCacheRoutes headroomResponseCacheRoutes(
                HeadroomProperties properties,
                TwoLevelCache cache,
                HeadroomMonitor monitor,
                RenderedWriter writer,
                ObjectProvider<MeterRegistry> registry) {
            // headroom_cache_*{keyspace} in the application's registry, each keyspace as its route is first read
            if (properties.getMetrics().isEnabled()) {
                registry.ifAvailable(r -> new CacheMeterBinder(cache).bindTo(r));
            }
            ResponseCacheRoutes routes =
                    new ResponseCacheRoutes(cache, properties.getResponseCache().getRoutes());
            monitor.reportCache(() -> Map.of(
                    "responseCache",
                    routes.figures(),
                    "store", // the levels under it: Redis state and errors, hits from Redis, invalidations
                    cache.stats(),
                    "compression",
                    writer.compression().stats()));
            return routes;
        }

        /**
         * Reads every handler method at start-up, so a bad @HeadroomCached (keyspace, TTL) or a cached route that
         * answers asynchronously stops the application, not a request.
         */
        @Bean
        SmartInitializingSingleton headroomCachedHandlersCheck(
                ResponseCacheRoutes routes, ObjectProvider<RequestMappingHandlerMapping> mappings) {
            return () -> mappings.orderedStream()
                    .forEach(mapping -> mapping.getHandlerMethods().forEach((info, handler) -> {
                        boolean cached = routes.find(handler.getMethod(), null).isPresent()
                                || info.getPatternValues().stream()
                                        .anyMatch(p -> routes.find(null, p).isPresent());
                        if (cached) {
                            HandlerLoader.requireSynchronous(handler);
                        }
                    }));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class ActuatorConfiguration {
        @Bean
        @ConditionalOnAvailableEndpoint
        HeadroomStatsEndpoint headroomStatsEndpoint(HeadroomMonitor monitor, HeadroomProperties properties) {
            return new HeadroomStatsEndpoint(monitor, properties.getStats());
        }
    }
}
