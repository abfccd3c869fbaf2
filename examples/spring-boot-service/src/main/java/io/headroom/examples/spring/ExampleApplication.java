package io.headroom.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring Boot service with one database-backed JSON route. The Headroom starter is the
 * whole of the wiring: the dependency, {@code @HeadroomCached} on the route, and a few
 * {@code headroom.*} lines in application.properties.
 */
@SpringBootApplication
public class ExampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }
}
