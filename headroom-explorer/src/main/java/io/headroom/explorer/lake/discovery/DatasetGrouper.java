package io.headroom.explorer.lake.discovery;

import io.headroom.explorer.lake.DiscoveredDataset;
import io.headroom.explorer.lake.StoreKeys;
import io.headroom.explorer.lake.StoredObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Groups a store listing into datasets (SVC-2): files in the same folder with the same base name
 * are one dataset; its primary file is chosen by {@link #PRIMARY_FIRST}; a YAML file with the same
 * base name is its sidecar. Reads names only, never contents.
 */
public final class DatasetGrouper {

    /**
     * The primary file comes first: highest version, then the most processed stage
     * (final > processed > cleaned > plain > raw), then the most recently modified, then the key
     * (so the choice is deterministic).
     */
    public static final Comparator<Candidate> PRIMARY_FIRST = Comparator.comparingLong(
                    (Candidate c) -> c.name().version())
            .reversed()
            .thenComparing((Candidate c) -> c.name().stage(), Comparator.reverseOrder())
            .thenComparing((Candidate c) -> c.file().lastModified(), Comparator.reverseOrder())
            .thenComparing(c -> c.file().key());

    /** A listed file and what its name says. */
    public record Candidate(StoredObject file, DatasetFileName name) {}

    private DatasetGrouper() {}

    /** Every dataset of the listing, sorted by the primary file's key. */
    public static List<DiscoveredDataset> group(Stream<StoredObject> listing) {
        Map<GroupKey, Group> groups = new HashMap<>();
        listing.forEach(file -> {
            DatasetFileName name = DatasetFileName.parse(StoreKeys.fileNameOf(file.key()));
            GroupKey key = new GroupKey(StoreKeys.folderOf(file.key()), name.baseName());
            Group group = groups.computeIfAbsent(key, k -> new Group());
            (name.sidecar() ? group.sidecars : group.dataFiles).add(new Candidate(file, name));
        });
        List<DiscoveredDataset> datasets = new ArrayList<>(groups.size());
        groups.forEach((key, group) -> datasets.add(toDataset(key, group)));
        datasets.sort(Comparator.comparing(d -> d.primary().key()));
        return datasets;
    }

    private static DiscoveredDataset toDataset(GroupKey key, Group group) {
        group.sidecars.sort(Comparator.comparing((Candidate c) -> !isExactSidecarOf(c, key.baseName()))
                .thenComparing(c -> c.file().key().toLowerCase(Locale.ROOT).endsWith(".yml"))
                .thenComparing(PRIMARY_FIRST));
        if (group.dataFiles.isEmpty()) {
            // A YAML file with no data beside it is a file of the lake like any other: listed, as "other".
            Candidate only = group.sidecars.getFirst();
            return new DiscoveredDataset(
                    key.baseName(),
                    key.folder(),
                    only.name().format(),
                    only.file(),
                    group.sidecars.stream().map(Candidate::file).toList(),
                    Optional.empty());
        }
        group.dataFiles.sort(PRIMARY_FIRST);
        Candidate primary = group.dataFiles.getFirst();
        List<StoredObject> files = new ArrayList<>();
        group.dataFiles.forEach(c -> files.add(c.file()));
        Optional<StoredObject> sidecar = group.sidecars.stream().findFirst().map(Candidate::file);
        sidecar.ifPresent(files::add);
        return new DiscoveredDataset(
                key.baseName(), key.folder(), primary.name().format(), primary.file(), files, sidecar);
    }

    private static boolean isExactSidecarOf(Candidate sidecar, String baseName) {
        String fileName = StoreKeys.fileNameOf(sidecar.file().key());
        return fileName.equals(baseName + ".yaml") || fileName.equals(baseName + ".yml");
    }

    private record GroupKey(String folder, String baseName) {}

    private static final class Group {
        final List<Candidate> dataFiles = new ArrayList<>(2);
        final List<Candidate> sidecars = new ArrayList<>(1);
    }
}
