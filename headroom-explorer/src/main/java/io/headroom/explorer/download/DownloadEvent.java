package io.headroom.explorer.download;

import java.time.Instant;

/** One download, as logged: never a credential. {@code actor} is the user name, or the IP address when anonymous. */
public record DownloadEvent(
        long datasetId, DownloadType type, Instant at, String actor, String userAgent, long bytes) {}
