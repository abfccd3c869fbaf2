package io.headroom.toolkit.cdn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Purges the proxy_cache of the nginx in deploy/nginx by deleting its cache files. Debian's nginx has no
 * purge module (proxy_cache_purge is in NGINX Plus and the third-party ngx_cache_purge), so this does
 * what that module does on disk: nginx names an entry's file after the md5 of its
 * {@code proxy_cache_key}, in directories given by {@code levels} taken from the end of the hex digest
 * ({@code levels=1:2}: {@code c/29/b7f54b2df7773722d382f4809d65029c}). With the file gone, nginx's next
 * lookup of that key misses and goes to the origin (its in-memory key is dropped when the open fails).
 *
 * <p>The key is deploy/nginx's {@code "$scheme$host$request_uri|$headroom_encoding_key"}: one entry per
 * response encoding, so each path is purged for the encodings that map collapses headers to (none, br,
 * gzip). An entry keyed by an unusual Accept-Encoding (one with q-values) is not found this way and
 * lives until its s-maxage. Runs where the cache directory is: on the nginx host, or beside it with
 * the directory mounted.
 */
public final class NginxCachePurger implements CdnPurger {

    /** The encoding parts of deploy/nginx's cache key that its map produces for common clients. */
    public static final List<String> ENCODING_KEYS = List.of("", "br", "gzip");

    private final Path cacheDirectory;
    private final int[] levels;
    private final String schemeAndHost;

    /**
     * @param levels as in {@code proxy_cache_path ... levels=1:2}
     * @param scheme and {@code host}: the $scheme and $host nginx sees (the public name clients use)
     */
    public NginxCachePurger(Path cacheDirectory, String levels, String scheme, String host) {
        this.cacheDirectory = cacheDirectory;
        this.levels = parseLevels(levels);
        this.schemeAndHost = scheme + host;
    }

    static int[] parseLevels(String levels) {
        if (levels == null || levels.isBlank()) {
            return new int[0];
        }
        String[] parts = levels.split(":");
        if (parts.length > 3) {
            throw new IllegalArgumentException("nginx levels have at most 3 parts: " + levels);
        }
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].strip());
            if (out[i] < 1 || out[i] > 2) {
                throw new IllegalArgumentException("each nginx level is 1 or 2 characters: " + levels);
            }
        }
        return out;
    }

    @Override
    public void purge(Collection<String> paths) {
        for (String path : paths) {
            for (String encoding : ENCODING_KEYS) {
                try {
                    Files.deleteIfExists(file(schemeAndHost + path + "|" + encoding));
                } catch (IOException e) {
                    throw new CdnPurgeException("cannot delete the nginx cache entry of " + path + ": " + e, e);
                }
            }
        }
    }

    /** The file nginx keeps the entry of {@code key} in. */
    Path file(String key) {
        String hex = HexFormat.of().formatHex(md5(key));
        Path dir = cacheDirectory;
        int end = hex.length();
        for (int level : levels) {
            dir = dir.resolve(hex.substring(end - level, end));
            end -= level;
        }
        return dir.resolve(hex);
    }

    private static byte[] md5(String key) {
        try {
            return MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("no MD5 in this JDK", e));
        }
    }

    @Override
    public String name() {
        return "nginx";
    }
}
