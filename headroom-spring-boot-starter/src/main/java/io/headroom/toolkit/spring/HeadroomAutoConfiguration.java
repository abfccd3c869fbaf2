package io.headroom.toolkit.spring;

import io.headroom.toolkit.cache.CacheMeterBinder;
import io.headroom.toolkit.cache.TwoLevelCache;
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
                registry.addInterceptor(interceptor);
            }
        };
    }

    /** The rendered response cache: one in-process keyspace per route family. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "headroom.response-cache.enabled", matchIfMissing = true)
    static class ResponseCacheConfiguration {
        /** The application can invalidate entries through this bean; it is closed with the context. */
        @Bean(destroyMethod = "close")
        TwoLevelCache headroomInProcessCache(HeadroomProperties properties) {
            HeadroomProperties.ResponseCache c = properties.getResponseCache();
            if (c.getMaxBytes() < 1024 || c.getMaxEntries() < 1) {
                throw new ConfigException(
                        c.getMaxBytes() < 1024
                                ? "headroom.response-cache.max-bytes='" + c.getMaxBytes()
                                        + "' is not valid: expected at least 1024"
                                : "headroom.response-cache.max-entries='" + c.getMaxEntries()
                                        + "' is not valid: expected at least 1");
            }
            return TwoLevelCache.builder()
                    .maxBytes(c.getMaxBytes())
                    .maxEntries(c.getMaxEntries())
                    .build();
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
