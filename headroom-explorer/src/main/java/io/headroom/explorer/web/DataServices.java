package io.headroom.explorer.web;

import io.headroom.explorer.download.AccelRedirect;
import io.headroom.explorer.download.DownloadLog;
import io.headroom.explorer.download.DownloadStats;
import io.headroom.explorer.lake.ObjectStore;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the data routes (downloads, export, batch) read from and write to, built by {@code ExplorerServer}.
 *
 * @param self this service's own base URI once it listens: batch sub-requests go through it, so each one
 *             passes every filter, the access checks, the cache and the rate limits like any request
 * @param accelRedirect when set, full downloads are served by nginx in front ({@code X-Accel-Redirect})
 */
public record DataServices(
        ObjectStore store,
        DownloadLog log,
        DownloadStats stats,
        Supplier<URI> self,
        Optional<AccelRedirect> accelRedirect) {}
