package io.headroom.explorer.lake;

import java.util.Locale;

/**
 * The rules every {@link ObjectStore} applies to keys: which keys are valid (so no key ever
 * reaches outside the store) and which objects a listing hides (hidden and temporary files).
 * Shared so the local and the S3 store behave the same.
 */
public final class StoreKeys {
    private StoreKeys() {}

    /** Returns the key unchanged, or throws {@link InvalidKeyException} saying what is wrong with it. */
    public static String validate(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidKeyException(key, "must not be empty");
        }
        if (key.indexOf('\0') >= 0) {
            throw new InvalidKeyException(key, "must not contain NUL");
        }
        if (key.indexOf('\\') >= 0) {
            throw new InvalidKeyException(key, "must use '/' separators, not '\\'");
        }
        if (key.startsWith("/")) {
            throw new InvalidKeyException(key, "must be relative (no leading '/')");
        }
        if (key.length() >= 2 && key.charAt(1) == ':') {
            throw new InvalidKeyException(key, "must not name a drive");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidKeyException(key, "must not contain empty segments ('//' or a trailing '/')");
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidKeyException(key, "must not contain '.' or '..' segments");
            }
        }
        return key;
    }

    /**
     * True for objects a listing skips: any segment starting with '.' (hidden files and folders,
     * {@code .DS_Store}) or '_' (Spark/Hadoop markers such as {@code _SUCCESS}, {@code _temporary}),
     * and temporary or partial files ({@code ~}, {@code .tmp}, {@code .part}, {@code .crc},
     * {@code .swp}) that a writer has not finished.
     */
    public static boolean isIgnored(String key) {
        for (String segment : key.split("/")) {
            if (segment.startsWith(".") || segment.startsWith("_")) {
                return true;
            }
        }
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.endsWith("~")
                || lower.endsWith(".tmp")
                || lower.endsWith(".temp")
                || lower.endsWith(".part")
                || lower.endsWith(".crc")
                || lower.endsWith(".swp");
    }

    /** The folder of a key: everything before the last '/', or "" at the root. */
    public static String folderOf(String key) {
        int slash = key.lastIndexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }

    /** The file name of a key: everything after the last '/'. */
    public static String fileNameOf(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
