package io.headroom.toolkit.spring;

import io.headroom.toolkit.http.CacheControlPolicy;

/** Reads the policy names the {@code headroom.*} properties and {@link HeadroomCached} accept. */
final class CachePolicies {
    private CachePolicies() {}

    static CacheControlPolicy parse(String text, String setting) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty: expected revalidate, private-no-store, immutable"
                    + " or a Cache-Control header value");
        }
        return switch (text.trim()) {
            case "revalidate" -> CacheControlPolicy.revalidate();
            case "private-no-store" -> CacheControlPolicy.privateNoStore();
            case "immutable" -> CacheControlPolicy.immutable();
            default -> new CacheControlPolicy(text.trim());
        };
    }
}
