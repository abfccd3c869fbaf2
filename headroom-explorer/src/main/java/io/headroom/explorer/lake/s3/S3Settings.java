package io.headroom.explorer.lake.s3;

import io.headroom.toolkit.config.ConfigException;
import io.headroom.toolkit.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The S3 lake's settings ({@code S3_*}). The lake is in S3 when {@code S3_BUCKET} is set; credentials
 * come from the AWS SDK's default chain (environment, system properties, profile, container or instance
 * role), never from a setting of ours.
 *
 * @param bucket the bucket; empty: the lake is the local directory
 * @param prefix the key prefix the lake lives under ("" or ending in '/'): keys are relative to it
 * @param endpoint an S3-compatible server (MinIO, Ceph, S3Proxy); path-style access is used with it
 * @param region the signing region
 * @param maxConnections the HTTP connection pool's bound (requests wait for a free connection)
 * @param connectTimeout how long opening a connection may take
 * @param socketTimeout how long a read may wait for the next bytes
 * @param presignAboveBytes full downloads larger than this answer 302 to a presigned URL
 * @param presignTtl how long a presigned URL is valid
 */
public record S3Settings(
        Optional<String> bucket,
        String prefix,
        Optional<URI> endpoint,
        String region,
        int maxConnections,
        Duration connectTimeout,
        Duration socketTimeout,
        long presignAboveBytes,
        Duration presignTtl) {

    public static S3Settings from(Settings s) {
        Optional<String> bucket = s.optional("S3_BUCKET");
        String prefix = s.string("S3_PREFIX", "").strip();
        while (prefix.startsWith("/")) {
            prefix = prefix.substring(1);
        }
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        Optional<URI> endpoint = s.optional("S3_ENDPOINT").map(S3Settings::endpoint);
        String region = s.string("S3_REGION", "us-east-1");
        int maxConnections = s.integer("S3_MAX_CONNECTIONS", 50, 1, 10_000);
        Duration connect = positive(s, "S3_CONNECT_TIMEOUT", Duration.ofSeconds(2));
        Duration socket = positive(s, "S3_SOCKET_TIMEOUT", Duration.ofSeconds(30));
        long presignAbove = s.longValue("S3_PRESIGN_ABOVE_BYTES", 64L * 1024 * 1024, 0, Long.MAX_VALUE);
        Duration ttl = positive(s, "S3_PRESIGN_TTL", Duration.ofMinutes(5));
        if (ttl.compareTo(Duration.ofDays(7)) > 0) {
            throw new ConfigException("S3_PRESIGN_TTL=" + Settings.formatDuration(ttl)
                    + " is too long: S3 accepts presigned URLs valid for at most 7d (default 5m)");
        }
        return new S3Settings(bucket, prefix, endpoint, region, maxConnections, connect, socket, presignAbove, ttl);
    }

    public boolean enabled() {
        return bucket.isPresent();
    }

    private static URI endpoint(String value) {
        try {
            URI uri = URI.create(value.strip());
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("S3_ENDPOINT=" + value + " is not an http(s) URL such as http://minio:9000 ("
                    + e.getMessage() + ")");
        }
    }

    private static Duration positive(Settings s, String name, Duration defaultValue) {
        Duration d = s.duration(name, defaultValue);
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(name + " cannot be off: give a duration such as "
                    + Settings.formatDuration(defaultValue) + " (the default)");
        }
        return d;
    }
}
