package io.headroom.explorer.catalog;

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which folders a read may see: all of them (an admin, or nobody restricted), or exactly the listed
 * ones (the resolved grants and public folders of a caller; see {@code access.AccessPolicy}). The
 * list is exact folder names, not prefixes: subfolders are already expanded, so the SQL is a plain
 * {@code folder IN (...)} that the folder indexes serve. A record, so it keys the cached totals.
 */
public record VisibleFolders(Optional<List<String>> only) {
    public static final VisibleFolders ALL = new VisibleFolders(Optional.empty());

    public VisibleFolders {
        only = only.map(List::copyOf);
    }

    public static VisibleFolders only(SortedSet<String> folders) {
        return new VisibleFolders(Optional.of(List.copyOf(new TreeSet<>(folders))));
    }

    public boolean isAll() {
        return only.isEmpty();
    }

    public boolean includes(String folder) {
        return only.isEmpty() || only.get().contains(folder);
    }
}
