package io.headroom.toolkit.spring;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A Spring Boot application on the starter for the starter's HTTP tests: a route marked
 * {@code @HeadroomCached}, one the tests list in {@code headroom.response-cache.routes}, and one the
 * cache does not serve. Each route counts its handler's runs.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CachedRoutesApplication.Routes.class, CachedRoutesApplication.Interceptors.class})
class CachedRoutesApplication {
    static final String LISTED = "/listed/{id}";

    /** An interceptor of the application's own, ordered as applications often do (after the default 0). */
    static class Interceptors implements WebMvcConfigurer {
        final AtomicInteger pagesSeen = new AtomicInteger();

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new HandlerInterceptor() {
                        @Override
                        public boolean preHandle(HttpServletRequest req, HttpServletResponse res, Object handler) {
                            pagesSeen.incrementAndGet();
                            return true;
                        }
                    })
                    .addPathPatterns("/pages/**")
                    .order(10);
        }
    }

    @RestController
    static class Routes {
        final AtomicInteger pageRuns = new AtomicInteger();
        final AtomicInteger listedRuns = new AtomicInteger();
        /** Page handlers wait here: a test closes it to hold misses in flight. Open by default. */
        volatile CountDownLatch gate = new CountDownLatch(0);

        @GetMapping("/pages/{name}")
        @HeadroomCached(keyspace = "pages", ttl = "5m")
        Map<String, String> page(@PathVariable String name) throws InterruptedException {
            pageRuns.incrementAndGet();
            gate.await();
            if (name.equals("missing")) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no page " + name);
            }
            return Map.of("page", name);
        }

        @GetMapping(LISTED)
        ResponseEntity<Map<String, String>> listed(@PathVariable String id) {
            listedRuns.incrementAndGet();
            return id.equals("gone")
                    ? ResponseEntity.status(HttpStatus.GONE).body(Map.of("gone", id))
                    : ResponseEntity.ok(Map.of("listed", id));
        }

        @GetMapping("/plain/{id}")
        Map<String, String> plain(@PathVariable String id) {
            return Map.of("plain", id);
        }
    }
}
