package io.headroom.load.engine;

import io.headroom.load.measure.RunMetrics;
import io.headroom.load.measure.Sample;
import io.headroom.load.measure.SampleListener;
import io.headroom.load.scenario.Check;
import io.headroom.load.scenario.Feeder;
import io.headroom.load.scenario.RequestSpec;
import io.headroom.load.scenario.Scenario;
import io.headroom.load.scenario.Template;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs one iteration of a scenario on a VU: picks a request by weight, fills its templates from the
 * feeder, sends it (HTTP or JDBC), applies the checks, reports the {@link Sample}, waits the think time
 * and calls back. Never blocks the calling thread.
 */
public final class IterationRunner {

    private static final Map<String, String> NO_ROW = Map.of();
    /**
     * The intended start of an iteration without a schedule (closed model): its intended start is when
     * its request was sent (or when the connect began, when its VU had to connect first), so nobody reads
     * the clock for it on the usual path.
     */
    public static final long UNSCHEDULED = Long.MAX_VALUE;

    private final Scenario scenario;
    private final HttpClientEngine http;
    private final JdbcTarget jdbc;
    private final SampleListener listener;
    private final RunMetrics metrics;
    private final RunControl control;
    private final TaskScheduler scheduler;
    private final int[] cumulativeWeights;
    private final String basePath;
    private final String hostHeader;
    private final long timeoutNanos;
    private final long thinkNanos;
    /** Wire bytes of each request without templates, encoded once (null for the others). */
    private final ByteBuf[] constantWire;

    private final boolean[] keepBody;
    private final boolean[] head;
    private final String[] constantUrls;
    private final String origin;

    public IterationRunner(
            Scenario scenario,
            HttpClientEngine http,
            JdbcTarget jdbc,
            SampleListener listener,
            RunMetrics metrics,
            RunControl control,
            TaskScheduler scheduler) {
        this.scenario = scenario;
        this.http = http;
        this.jdbc = jdbc;
        this.listener = listener;
        this.metrics = metrics;
        this.control = control;
        this.scheduler = scheduler;
        this.cumulativeWeights = new int[scenario.requests().size()];
        int sum = 0;
        for (int i = 0; i < cumulativeWeights.length; i++) {
            sum += scenario.requests().get(i).weight();
            cumulativeWeights[i] = sum;
        }
        String path = scenario.baseUrl() == null ? "" : scenario.baseUrl().getRawPath();
        this.basePath = path == null || path.equals("/")
                ? ""
                : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.hostHeader = http == null ? "" : http.host() + (scenario.baseUrl().getPort() > 0 ? ":" + http.port() : "");
        this.timeoutNanos = scenario.requestTimeout().toNanos();
        this.thinkNanos = scenario.thinkTime().toNanos();
        int n = scenario.requests().size();
        this.constantWire = new ByteBuf[n];
        this.keepBody = new boolean[n];
        this.head = new boolean[n];
        this.constantUrls = new String[n];
        this.origin = scenario.baseUrl() == null
                ? ""
                : scenario.baseUrl().getScheme() + "://" + scenario.baseUrl().getRawAuthority();
        for (int i = 0; i < n; i++) {
            RequestSpec spec = scenario.requests().get(i);
            keepBody[i] = spec.needsBody();
            head[i] = "HEAD".equals(spec.method());
            boolean constant = spec.type() == RequestSpec.Type.HTTP
                    && spec.path().isConstant()
                    && (spec.body() == null || spec.body().isConstant())
                    && spec.headers().values().stream().allMatch(Template::isConstant);
            if (constant) {
                // Same bytes every time: encode once instead of building and encoding a request object
                // per request (the encoder was the biggest share of the engine's own CPU on the send side).
                FullHttpRequest template = buildFresh(spec, NO_ROW);
                constantUrls[i] = origin + template.uri();
                constantWire[i] = RequestEncoder.encodeOnce(template);
            }
        }
    }

    public TaskScheduler scheduler() {
        return scheduler;
    }

    /**
     * Runs one iteration whose schedule said it should start at {@code intendedNanos} ({@link #UNSCHEDULED}
     * when there is no schedule); {@code done} runs after.
     */
    public void iterate(VirtualUser vu, long intendedNanos, Runnable done) {
        int index = pick();
        RequestSpec spec = scenario.requests().get(index);
        Map<String, String> row = NO_ROW;
        if (spec.feeder() != null) {
            Feeder feeder = scenario.feeders().get(spec.feeder());
            row = feeder.nextRow();
            if (row == null) {
                control.stop("feeder '" + feeder.name() + "' has no rows left (sequential)");
                done.run();
                return;
            }
        }
        if (spec.type() == RequestSpec.Type.JDBC) {
            List<String> params = new ArrayList<>(spec.params().size());
            for (Template t : spec.params()) {
                params.add(t.render(row));
            }
            jdbc.execute(
                    vu,
                    spec.sql().render(row),
                    params,
                    o -> finish(vu, spec, scenario.jdbcUrl(), intendedNanos, o, done));
        } else {
            sendHttp(vu, index, row, intendedNanos, done);
        }
    }

    /** Index of the next request, drawn by weight. */
    private int pick() {
        if (cumulativeWeights.length == 1) {
            return 0;
        }
        int r = ThreadLocalRandom.current().nextInt(cumulativeWeights[cumulativeWeights.length - 1]);
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (r < cumulativeWeights[i]) {
                return i;
            }
        }
        return cumulativeWeights.length - 1;
    }

    private void sendHttp(VirtualUser vu, int index, Map<String, String> row, long intendedNanos, Runnable done) {
        RequestSpec spec = scenario.requests().get(index);
        ByteBuf wire = constantWire[index];
        Object request;
        String url;
        if (wire != null) {
            request = wire.duplicate(); // own indices over the shared bytes; releasing it is a no-op
            url = constantUrls[index];
        } else {
            FullHttpRequest fresh = buildFresh(spec, row);
            request = fresh;
            url = origin + fresh.uri();
        }
        boolean body = keepBody[index];
        boolean isHead = head[index];
        if (vu.http != null && vu.http.isUsable()) {
            vu.http.send(request, isHead, body, timeoutNanos, o -> finish(vu, spec, url, intendedNanos, o, done));
            return;
        }
        // An unscheduled iteration that has to connect first started when the connect did: the user waits
        // for the connection too (as JMeter's elapsed includes Connect).
        long intended = intendedNanos == UNSCHEDULED ? System.nanoTime() : intendedNanos;
        http.connect((connection, error, connectNanos) -> {
            if (connection == null) {
                ReferenceCountUtil.release(request);
                finish(
                        vu,
                        spec,
                        url,
                        intended,
                        Outcome.failed(
                                error.getClass().getSimpleName(),
                                "connect failed: " + error.getMessage(),
                                System.nanoTime() - connectNanos,
                                connectNanos),
                        done);
                return;
            }
            vu.http = connection;
            connection.send(request, isHead, body, timeoutNanos, o -> finish(vu, spec, url, intended, o, done));
        });
    }

    private FullHttpRequest buildFresh(RequestSpec spec, Map<String, String> row) {
        String body = spec.body() == null ? null : spec.body().render(row);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String path = spec.path().render(row);
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(spec.method()),
                basePath + (path.startsWith("/") ? path : "/" + path),
                Unpooled.wrappedBuffer(bytes));
        request.headers().set(HttpHeaderNames.HOST, hostHeader);
        request.headers().set(HttpHeaderNames.USER_AGENT, "headroom-load");
        scenario.headers().forEach((k, v) -> request.headers().set(k, v));
        spec.headers().forEach((k, v) -> request.headers().set(k, v.render(row)));
        if (body != null) {
            request.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            if (!request.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
                request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            }
        } else if (spec.method().equals("POST")
                || spec.method().equals("PUT")
                || spec.method().equals("PATCH")) {
            request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        return request;
    }

    private void finish(VirtualUser vu, RequestSpec spec, String url, long intendedNanos, Outcome o, Runnable done) {
        boolean success;
        String message;
        if (o.error() != null) {
            success = false;
            message = o.error();
        } else {
            Optional<String> failure = firstFailure(spec, o);
            success = failure.isEmpty();
            message = failure.orElse("");
        }
        // A closed-model iteration has no schedule (UNSCHEDULED): its intended start is when it was sent.
        long intended = Math.min(intendedNanos, o.sentNanos());
        listener.onSample(new Sample(
                spec.label(),
                intended,
                o.sentNanos(),
                o.firstByteNanos(),
                o.endNanos(),
                o.responseCode(),
                success,
                message,
                o.bytesReceived(),
                o.bytesSent(),
                o.connectNanos(),
                vu.id(),
                metrics.activeVus().get(),
                url,
                o.cacheStatus(),
                o.serverAppMicros(),
                o.serverDbMicros()));
        if (thinkNanos > 0 && !control.stopping()) {
            scheduler.schedule(done, thinkNanos);
        } else {
            done.run();
        }
    }

    private static Optional<String> firstFailure(RequestSpec spec, Outcome o) {
        if (spec.checks().isEmpty()) {
            // Without checks, as in JMeter: 2xx and 3xx are successes.
            return o.status() >= 200 && o.status() < 400 ? Optional.empty() : Optional.of("status " + o.status());
        }
        for (Check check : spec.checks()) {
            Optional<String> f = check.failure(o.status(), o.body());
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    /** Where think-time timers and iteration hand-offs run. */
    public interface TaskScheduler {
        void execute(Runnable task);

        void schedule(Runnable task, long delayNanos);

        static TaskScheduler of(EventLoopGroup group) {
            return new TaskScheduler() {
                @Override
                public void execute(Runnable task) {
                    group.next().execute(task);
                }

                @Override
                public void schedule(Runnable task, long delayNanos) {
                    group.next().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                }
            };
        }
    }
}
