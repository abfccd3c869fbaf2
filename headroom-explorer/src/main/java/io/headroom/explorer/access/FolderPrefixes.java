package io.headroom.explorer.access;

import java.util.Collection;

/** A grant or a private mark on a folder covers the folder and everything below it ({@code a} covers {@code a/b}). */
final class FolderPrefixes {
    private FolderPrefixes() {}

    static boolean covers(String prefix, String folder) {
        return folder.equals(prefix)
                || (folder.length() > prefix.length()
                        && folder.startsWith(prefix)
                        && folder.charAt(prefix.length()) == '/');
    }

    static boolean anyCovers(Collection<String> prefixes, String folder) {
        for (String prefix : prefixes) {
            if (covers(prefix, folder)) {
                return true;
            }
        }
        return false;
    }
}
