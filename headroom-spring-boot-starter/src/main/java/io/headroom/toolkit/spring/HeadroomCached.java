package io.headroom.toolkit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a GET handler whose 200 answers the response cache keeps rendered: the body bytes as the
 * handler's message converter wrote them, their brotli and gzip variants and a strong ETag, under
 * the request's path and sorted query. A hit skips the handler, serialisation and compression, and
 * answers {@code If-None-Match} with 304. The handler must answer synchronously.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HeadroomCached {
    /** Keyspace name: lower-case letters, digits, dashes. Every route sharing it must give the same TTL. */
    String keyspace();

    /** Time to live, e.g. {@code 30s}, {@code 5m}, {@code 1h}. */
    String ttl() default "1m";

    /** Cache-Control: {@code revalidate}, {@code private-no-store}, {@code immutable}, or a literal header value. */
    String cacheControl() default "revalidate";
}
