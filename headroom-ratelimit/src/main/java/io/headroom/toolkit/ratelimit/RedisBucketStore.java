package io.headroom.toolkit.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Buckets in Redis, shared by every instance, through Bucket4j's Lettuce backend: each take is one
 * compare-and-swap Lua script on the bucket's key, so two instances taking the last token at once cannot
 * both get it (no read-modify-write race in the client). Keys expire once the bucket would be full again.
 */
public final class RedisBucketStore implements BucketStore {
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final ProxyManager<byte[]> buckets;
    private final String prefix;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /**
     * @param timeout how long a take may wait for Redis before it fails (the caller falls back)
     * @param prefix prepended to every key ({@code headroom:ratelimit:})
     */
    public RedisBucketStore(String redisUrl, Duration timeout, String prefix) {
        RedisURI uri = RedisURI.create(redisUrl);
        // The connection's handshake gets a few seconds (a first connect in a JVM loads Netty); takes get `timeout`.
        uri.setTimeout(timeout.compareTo(CONNECT_TIMEOUT) > 0 ? timeout : CONNECT_TIMEOUT);
        this.client = RedisClient.create(uri);
        // While disconnected, a take fails at once (and the caller falls back) instead of queueing until the timeout.
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            this.connection = client.connect(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
        connection.setTimeout(timeout);
        this.prefix = prefix;
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .requestTimeout(timeout)
                .build();
    }

    @Override
    public Probe take(String key, RateLimit limit) {
        byte[] redisKey = (prefix + limit.name() + ':' + key).getBytes(StandardCharsets.UTF_8);
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(LocalBucketStore.bandwidth(limit))
                .build();
        ConsumptionProbe probe =
                buckets.builder().build(redisKey, () -> configuration).tryConsumeAndReturnRemaining(1);
        return new Probe(
                probe.isConsumed(),
                probe.getRemainingTokens(),
                probe.getNanosToWaitForRefill(),
                probe.getNanosToWaitForReset());
    }

    @Override
    public String describe() {
        return "redis";
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
