package io.headroom.explorer.access;

import io.headroom.explorer.catalog.VisibleFolders;
import java.util.function.Supplier;

/**
 * What one caller may see, as the catalog routes use it.
 *
 * @param key a short canonical name of the rules (not of the caller): {@code all}, {@code public}, or the
 *            sorted grants with or without the public folders. It prefixes every response-cache key, so
 *            callers with the same grants share entries and no entry is served across scopes.
 * @param folders the visible folders, resolved only when a response is actually computed (a cache hit
 *                needs the key alone)
 */
public record AccessScope(String key, Supplier<VisibleFolders> folders) {
    public boolean seesEverything() {
        return "all".equals(key);
    }
}
