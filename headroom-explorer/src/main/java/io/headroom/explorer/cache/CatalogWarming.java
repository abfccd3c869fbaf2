package io.headroom.explorer.cache;

import io.headroom.explorer.catalog.CatalogStats;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.web.FolderHandlers;
import io.headroom.toolkit.cache.CacheWarmer.WarmTask;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * What to warm (CACHE-6), as requests to this very server: a warm request takes exactly the path a
 * visitor's takes (validation, cache key, rendering, compression), so nothing can drift between the
 * two. Hot set: the first pages, the stats, the folder lists; then each of the largest folders'
 * stats and first page.
 */
public final class CatalogWarming {
    /** Folders warmed beyond the hot set, largest first. */
    static final int FOLDERS_WARMED = 50;

    private final Supplier<URI> server;
    private final DatasetRepository repository;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param server this server's base URI, known once it listens */
    public CatalogWarming(Supplier<URI> server, DatasetRepository repository) {
        this.server = server;
        this.repository = repository;
    }

    public List<WarmTask> tasks() {
        List<WarmTask> tasks = new ArrayList<>();
        for (String path : List.of(
                "/api/v1/datasets",
                "/api/v1/datasets?limit=50",
                "/api/v1/datasets?limit=100",
                "/api/v1/stats",
                "/api/v1/stats/quick",
                "/api/v1/folders",
                "/api/v1/folders/community-data-points")) {
            tasks.add(new WarmTask(path, true, () -> get(path)));
        }
        repository.folders().stream()
                .sorted(Comparator.comparingLong(CatalogStats.Folder::datasetCount)
                        .reversed())
                .limit(FOLDERS_WARMED)
                .forEach(folder -> {
                    String stats = "/api/v1" + FolderHandlers.statsPath(folder.name());
                    tasks.add(new WarmTask(stats, false, () -> get(stats)));
                    if (!folder.name().isEmpty()) { // ?folder= (empty) means no filter: the root has no page of its own
                        String page =
                                "/api/v1/datasets?folder=" + URLEncoder.encode(folder.name(), StandardCharsets.UTF_8);
                        tasks.add(new WarmTask(page, false, () -> get(page)));
                    }
                });
        return tasks;
    }

    private void get(String path) {
        HttpRequest request = HttpRequest.newBuilder(server.get().resolve(path))
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            int status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new IllegalStateException("GET " + path + " answered " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
