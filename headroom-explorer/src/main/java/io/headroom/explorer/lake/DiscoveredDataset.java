package io.headroom.explorer.lake;

import io.headroom.explorer.catalog.DatasetFormat;
import java.util.List;
import java.util.Optional;

/**
 * A dataset as discovery sees it (SVC-2), before analysis: the files grouped under one base name.
 *
 * @param primary the file the catalog describes and serves (its key is the dataset's path)
 * @param files every file grouped under the base name, the primary included
 * @param sidecar the optional {@code name.yaml} metadata sidecar
 */
public record DiscoveredDataset(
        String name,
        String folder,
        DatasetFormat format,
        StoredObject primary,
        List<StoredObject> files,
        Optional<StoredObject> sidecar) {

    public DiscoveredDataset {
        files = List.copyOf(files);
    }
}
