package io.headroom.explorer.web;

import io.headroom.toolkit.helidon.ResponseCache;
import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.ServerRequest;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the list route's cache key costs on every request, hits included: {@code sortedQuery} is the
 * old key (the query as sent, sorted), {@code canonical} the key from the parsed, validated query
 * ({@link CacheKeys}). Both start from the raw query string, as a request does, so decoding is in
 * both. In this package because CacheKeys is package-private (the explorer's web internals).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CacheKeyBenchmark {
    @Param({"limit=50", "folder=environment%2Fair&sort=-size&limit=50&modifiedAfter=2025-01-01"})
    public String query;

    private UriQuery current;
    private ServerRequest request;

    /** A request that answers only query(), all the key functions read; the same cost for both. */
    @Setup
    public void setUp() {
        request = (ServerRequest) Proxy.newProxyInstance(
                ServerRequest.class.getClassLoader(), new Class<?>[] {ServerRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("query")) {
                        return current;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Benchmark
    public String sortedQuery() {
        current = UriQuery.create(query); // a fresh, undecoded query, as each request brings
        return "list?" + ResponseCache.sortedQuery(request);
    }

    @Benchmark
    public String canonical() {
        current = UriQuery.create(query);
        return CacheKeys.datasetList(request);
    }
}
