package io.headroom.explorer.cache;

import io.headroom.toolkit.cache.CascadeRules;
import io.headroom.toolkit.cache.Invalidation;
import io.headroom.toolkit.cache.Keyspace;
import io.headroom.toolkit.cache.KeyspaceCache;
import io.headroom.toolkit.cache.TtlPreset;
import io.headroom.toolkit.cache.TwoLevelCache;
import io.headroom.toolkit.http.RenderedResponse;
import io.headroom.toolkit.http.RenderedResponseCodec;
import java.util.List;

/**
 * The explorer's cached responses: four keyspaces of rendered responses (bytes, brotli, gzip) with
 * the TTLs of CACHE-2, and the cascade rules that say what a catalog change invalidates.
 */
public final class CatalogCache implements AutoCloseable {
    /** A refresh batch (or removal) was committed: anything may have changed. */
    public static final String CATALOG_CHANGED = "catalog-changed";

    public static final String DATASETS = "datasets";
    public static final String STATS = "stats";
    public static final String FOLDERS = "folders";
    public static final String FOLDER_STATS = "folder-stats";

    private final TwoLevelCache cache;
    private final KeyspaceCache<RenderedResponse> datasets;
    private final KeyspaceCache<RenderedResponse> stats;
    private final KeyspaceCache<RenderedResponse> folders;
    private final KeyspaceCache<RenderedResponse> folderStats;
    private final CascadeRules rules = CascadeRules.builder()
            .on(
                    CATALOG_CHANGED,
                    any -> new Invalidation.All(DATASETS),
                    any -> new Invalidation.All(STATS),
                    any -> new Invalidation.All(FOLDERS),
                    any -> new Invalidation.All(FOLDER_STATS))
            .build();

    /** Told of each catalog invalidation after it was applied (the CDN purge hook); none by default. */
    @FunctionalInterface
    public interface ChangeListener {
        void catalogChanged();
    }

    private volatile ChangeListener listener;

    public CatalogCache(TwoLevelCache cache) {
        this.cache = cache;
        RenderedResponseCodec codec = new RenderedResponseCodec();
        this.datasets = cache.keyspace(Keyspace.of(DATASETS, TtlPreset.FIVE_MINUTES), codec);
        this.stats = cache.keyspace(Keyspace.of(STATS, TtlPreset.THIRTY_MINUTES), codec);
        this.folders = cache.keyspace(Keyspace.of(FOLDERS, TtlPreset.ONE_HOUR), codec);
        this.folderStats = cache.keyspace(Keyspace.of(FOLDER_STATS, TtlPreset.ONE_HOUR), codec);
    }

    /** The tag of every entry about one folder (lets an operator or a future per-folder refresh drop them). */
    public static String folderTag(String folder) {
        return "folder:" + folder;
    }

    public void catalogChanged() {
        cache.invalidate(rules.expand(CATALOG_CHANGED, ""));
        ChangeListener l = listener;
        if (l != null) {
            l.catalogChanged();
        }
    }

    /** From now on, {@code listener} hears of every invalidation (its owner closes it). */
    public void onChange(ChangeListener listener) {
        this.listener = listener;
    }

    public List<String> keyspaces() {
        return List.of(DATASETS, STATS, FOLDERS, FOLDER_STATS);
    }

    public TwoLevelCache cache() {
        return cache;
    }

    public KeyspaceCache<RenderedResponse> datasets() {
        return datasets;
    }

    public KeyspaceCache<RenderedResponse> stats() {
        return stats;
    }

    public KeyspaceCache<RenderedResponse> folders() {
        return folders;
    }

    public KeyspaceCache<RenderedResponse> folderStats() {
        return folderStats;
    }

    @Override
    public void close() {
        cache.close();
    }
}
