package io.headroom.explorer.access;

import io.headroom.explorer.auth.Caller;
import io.headroom.explorer.catalog.CatalogStats;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.catalog.VisibleFolders;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides what a caller sees (item 2 of docs/users-and-access.md): admins everything; users their
 * granted folders with their subfolders, plus in public mode every folder not marked private; anonymous
 * callers, in public mode, the folders not marked private, and in authenticated mode nothing
 * ({@link #scope} is empty: the route answers 401).
 */
public final class AccessPolicy {
    private final AccessMode mode;
    private final DatasetRepository repository;
    private final PrivateFolders privateFolders;
    // The two scopes that depend on nothing but the mode, made once: every anonymous request asks for one.
    private final Optional<AccessScope> everything;
    private final Optional<AccessScope> anonymous;

    public AccessPolicy(AccessMode mode, DatasetRepository repository, PrivateFolders privateFolders) {
        this.mode = mode;
        this.repository = repository;
        this.privateFolders = privateFolders;
        this.everything = Optional.of(new AccessScope(AccessScope.ALL, () -> VisibleFolders.ALL));
        this.anonymous = mode == AccessMode.PUBLIC
                ? Optional.of(new AccessScope(AccessScope.PUBLIC, () -> resolve(List.of(), true)))
                : Optional.empty();
    }

    public AccessMode mode() {
        return mode;
    }

    public DatasetRepository repository() {
        return repository;
    }

    /** The caller's scope; empty when the caller may not use catalog routes at all (anonymous, authenticated mode). */
    public Optional<AccessScope> scope(Caller caller) {
        if (caller.seesEverything()) {
            return everything;
        }
        if (caller.isCatalogAnonymous()) {
            return anonymous;
        }
        boolean publicFolders = mode == AccessMode.PUBLIC;
        List<String> grants = caller.grants().stream().sorted().distinct().toList();
        StringBuilder key = new StringBuilder(publicFolders ? "public+" : "granted:");
        grants.forEach(
                g -> key.append(URLEncoder.encode(g, StandardCharsets.UTF_8)).append(','));
        return Optional.of(new AccessScope(key.toString(), () -> resolve(grants, publicFolders)));
    }

    /** The catalog's folders this combination of grants (and public folders) opens, as exact names. */
    private VisibleFolders resolve(List<String> grants, boolean publicFolders) {
        List<String> hidden = publicFolders ? privateFolders.list() : List.of();
        if (publicFolders && hidden.isEmpty()) {
            // Nothing is private, so every folder is visible (grants add nothing): no folder list to read. That
            // list is an aggregate over the whole table (0.8 s at a million rows), which every render of a public
            // page used to ask for once its 30 s cache had aged, on the database the requests share.
            return VisibleFolders.ALL;
        }
        TreeSet<String> visible = new TreeSet<>();
        for (CatalogStats.Folder folder : repository.folders()) {
            String name = folder.name();
            if (FolderPrefixes.anyCovers(grants, name) || (publicFolders && !FolderPrefixes.anyCovers(hidden, name))) {
                visible.add(name);
            }
        }
        return VisibleFolders.only(visible);
    }

    /** Whether a folder name exists in the catalog, itself or as the parent of one (grants and private marks name those). */
    public boolean folderExists(String folder) {
        if (folder.isEmpty()) {
            return false;
        }
        return repository.folders().stream().anyMatch(f -> FolderPrefixes.covers(folder, f.name()));
    }
}
