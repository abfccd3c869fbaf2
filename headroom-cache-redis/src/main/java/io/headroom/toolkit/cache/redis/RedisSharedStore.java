package io.headroom.toolkit.cache.redis;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.headroom.toolkit.cache.Invalidation;
import io.headroom.toolkit.cache.InvalidationMessage;
import io.headroom.toolkit.cache.Keyspace;
import io.headroom.toolkit.cache.SharedStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared level on Redis through Lettuce, behind a Resilience4j circuit breaker.
 *
 * <p>Outage behaviour (CACHE-8): commands time out after {@code timeout} and are rejected at once
 * while the connection is down (Lettuce would otherwise queue them and make requests wait); after a
 * few failures the circuit opens and no call reaches Redis for {@code openFor}; Lettuce reconnects in
 * the background and the first calls after {@code openFor} probe it. A connection that could not be
 * made at start is retried by {@link #maintain()}.
 */
public final class RedisSharedStore implements SharedStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSharedStore.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final String[] NO_KEYS = new String[0];

    private final RedisClient client;
    private final ClientResources resources;
    private final String prefix;
    private final String channel;
    private final CircuitBreaker breaker;
    private final AtomicLong errors = new AtomicLong();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile Consumer<InvalidationMessage> listener;
    private volatile String putSha;
    private volatile String invalidateSha;

    public RedisSharedStore(String url, String prefix, Duration timeout, Duration openFor) {
        this.prefix = prefix;
        this.channel = prefix + "invalidations";
        // Reconnect every 500 ms rather than Lettuce's exponential default (up to 30 s): recovery after
        // an outage should be as quick as the circuit allows.
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.constant(Duration.ofMillis(500)))
                .build();
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        this.breaker = CircuitBreaker.of(
                "redis-cache",
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .slowCallDurationThreshold(timeout)
                        .waitDurationInOpenState(openFor)
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .build());
        maintain();
    }

    @Override
    public Optional<byte[]> get(Keyspace keyspace, String key) {
        return call(redis -> redis.get(entryKey(keyspace.name(), key)));
    }

    @Override
    public void put(Keyspace keyspace, String key, byte[] encoded, Set<String> tags, long loadedAtVersion) {
        List<byte[]> args = new ArrayList<>(7 + tags.size());
        args.add(utf8(prefix));
        args.add(utf8(keyspace.name()));
        args.add(utf8(key));
        args.add(encoded);
        args.add(utf8(Long.toString(keyspace.ttl().toMillis())));
        args.add(utf8(Long.toString(System.currentTimeMillis())));
        args.add(utf8(Long.toString(loadedAtVersion)));
        tags.forEach(tag -> args.add(utf8(tag)));
        call(redis -> runScript(redis, RedisScripts.PUT, true, args));
    }

    @Override
    public Optional<Long> invalidate(Invalidation invalidation, String origin) {
        List<byte[]> args = List.of(
                utf8(prefix),
                utf8(invalidation.keyspace()),
                utf8(invalidation.kind()),
                utf8(invalidation.argument()),
                utf8(channel),
                utf8(origin),
                utf8(Long.toString(System.currentTimeMillis())));
        return call(redis -> runScript(redis, RedisScripts.INVALIDATE, false, args));
    }

    @Override
    public Optional<Map<String, Long>> versions(Collection<String> keyspaces) {
        if (keyspaces.isEmpty()) {
            return Optional.of(Map.of());
        }
        String[] keys = keyspaces.stream().map(ks -> prefix + ks + ":v").toArray(String[]::new);
        return call(redis -> {
            Map<String, Long> versions = new HashMap<>();
            List<KeyValue<String, byte[]>> values = redis.mget(keys);
            int i = 0;
            for (String ks : keyspaces) {
                KeyValue<String, byte[]> kv = values.get(i++);
                versions.put(
                        ks, kv.hasValue() ? Long.parseLong(new String(kv.getValue(), StandardCharsets.UTF_8)) : 0L);
            }
            return versions;
        });
    }

    @Override
    public void subscribe(Consumer<InvalidationMessage> listener) {
        this.listener = listener;
        maintain();
    }

    @Override
    public synchronized void maintain() {
        try {
            if (connection == null) {
                connection = client.connect(CODEC);
                LOG.info("Cache connected to Redis");
            }
            if (pubSub == null && listener != null) {
                StatefulRedisPubSubConnection<String, String> ps = client.connectPubSub(StringCodec.UTF8);
                ps.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String ch, String message) {
                        InvalidationMessage.parse(message).ifPresent(m -> listener.accept(m));
                    }
                });
                ps.sync().subscribe(channel); // Lettuce re-subscribes by itself after a reconnect
                pubSub = ps;
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            LOG.warn("Cache cannot reach Redis ({}); serving from the in-process cache until it can", e.getMessage());
        }
    }

    @Override
    public StoreState state() {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c == null || !c.isOpen()) {
            return StoreState.DOWN;
        }
        return breaker.getState() == CircuitBreaker.State.OPEN ? StoreState.CIRCUIT_OPEN : StoreState.UP;
    }

    @Override
    public long errors() {
        return errors.get();
    }

    @Override
    public void close() {
        if (pubSub != null) {
            pubSub.close();
        }
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /**
     * Runs one Redis operation under the circuit breaker; empty when the circuit is open, the
     * connection is down, the call failed or the answer is nil. Never throws and never waits longer
     * than the command timeout.
     */
    private <T> Optional<T> call(Function<RedisCommands<String, byte[]>, T> operation) {
        StatefulRedisConnection<String, byte[]> c = connection;
        if (c == null || !breaker.tryAcquirePermission()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        try {
            T result = operation.apply(c.sync());
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            if (errors.incrementAndGet() % 1000 == 1) { // an outage fails every call: log the first of each thousand
                LOG.warn("Cache call to Redis failed ({}); answering without it", e.toString());
            }
            return Optional.empty();
        }
    }

    /** EVALSHA with the cached digest; loads the script again after a Redis restart flushed it. */
    private Long runScript(RedisCommands<String, byte[]> redis, String script, boolean put, List<byte[]> args) {
        byte[][] values = args.toArray(new byte[0][]);
        String sha = put ? putSha : invalidateSha;
        if (sha != null) {
            try {
                return redis.evalsha(sha, ScriptOutputType.INTEGER, NO_KEYS, values);
            } catch (RedisNoScriptException e) {
                // fall through and load it again
            }
        }
        sha = redis.scriptLoad(script);
        if (put) {
            putSha = sha;
        } else {
            invalidateSha = sha;
        }
        return redis.evalsha(sha, ScriptOutputType.INTEGER, NO_KEYS, values);
    }

    private String entryKey(String keyspace, String key) {
        return prefix + keyspace + ":k:" + key;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
