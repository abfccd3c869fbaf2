package io.headroom.examples.spring.bench;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.headroom.examples.spring.CategoryPage;
import io.headroom.examples.spring.ItemRepository;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark's baseline (bench/spring-cache.sh), on only with {@code example.bench.cacheable=true}:
 * the same route cached the usual Spring way, {@code @Cacheable} over Caffeine holding the page
 * object, so Jackson serialises it on every request and Tomcat's {@code server.compression}
 * gzips it on every request.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
@ConditionalOnProperty("example.bench.cacheable")
public class CacheableBaseline {
    @Bean
    CacheManager cacheManager() {
        CaffeineCacheManager manager = new CaffeineCacheManager("category-pages");
        manager.setCaffeine(Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)));
        return manager;
    }

    @Service
    @ConditionalOnProperty("example.bench.cacheable")
    public static class Pages {
        private final ItemRepository items;

        Pages(ItemRepository items) {
            this.items = items;
        }

        @Cacheable("category-pages")
        public CategoryPage page(String category) {
            var list = items.byCategory(category);
            return new CategoryPage(category, list.size(), list);
        }
    }

    @RestController
    @ConditionalOnProperty("example.bench.cacheable")
    public static class Controller {
        private final Pages pages;

        Controller(Pages pages) {
            this.pages = pages;
        }

        @GetMapping("/bench/cacheable/categories/{category}/items")
        public CategoryPage items(@PathVariable String category) {
            return pages.page(category);
        }
    }
}
