package io.headroom.explorer.download;

import java.util.Locale;
import java.util.Optional;

/** What {@code ?type=} asks for: the first rows, the whole file, or the metadata (sidecar or generated YAML). */
public enum DownloadType {
    SAMPLE,
    FULL,
    METADATA;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DownloadType> fromApiName(String name) {
        for (DownloadType type : values()) {
            if (type.apiName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
