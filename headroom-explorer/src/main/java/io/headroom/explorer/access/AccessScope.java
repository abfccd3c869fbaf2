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
    /** The key of an admin's scope: every folder. */
    public static final String ALL = "all";

    /** The key of an anonymous caller's scope in public mode: the folders not marked private. */
    public static final String PUBLIC = "public";

    public boolean seesEverything() {
        return ALL.equals(key);
    }
}
