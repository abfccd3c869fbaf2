package io.headroom.toolkit.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alert events to webhooks as Slack-compatible JSON ({@code text} plus an attachment).
 *
 * <p>{@link #send} only offers the event to a bounded queue and returns: one daemon thread does
 * the HTTP work, with a per-attempt timeout and retries with exponential backoff, so a slow or
 * hanging webhook can delay other notifications but never a request or the alert evaluation.
 * When the queue is full the event is dropped and counted. The same (alert, state, severity)
 * is sent at most once per {@code dedupWindow}, so a flapping alert does not flood the channel.
 */
public final class WebhookNotifier implements AlertNotifier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final ObjectMapper JSON = new ObjectMapper(); // the payload is maps and strings only

    private final List<URI> urls;
    private final Duration timeout;
    private final int attempts;
    private final Duration firstBackoff;
    private final long dedupWindowMillis;
    private final HttpClient client;
    private final BlockingQueue<AlertEvent> queue = new ArrayBlockingQueue<>(1000);
    private final Map<String, Long> lastSent = new ConcurrentHashMap<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder deduplicated = new LongAdder();
    private final Thread worker;

    public WebhookNotifier(
            List<URI> urls, Duration timeout, int attempts, Duration firstBackoff, Duration dedupWindow) {
        this.urls = List.copyOf(urls);
        this.timeout = timeout;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.dedupWindowMillis = dedupWindow.toMillis();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.worker =
                Thread.ofPlatform().daemon().name("headroom-alert-webhooks").start(this::run);
    }

    @Override
    public void send(AlertEvent event) {
        if (urls.isEmpty()) {
            return;
        }
        String dedupKey = event.key() + "|" + event.state() + "|" + event.severity();
        Long previous = lastSent.get(dedupKey);
        if (previous != null && event.atEpochMillis() - previous < dedupWindowMillis) {
            deduplicated.increment();
            return;
        }
        lastSent.put(dedupKey, event.atEpochMillis());
        if (!queue.offer(event)) {
            dropped.increment();
            LOG.warn("Alert webhook queue full; dropped {} {}", event.state(), event.key());
        }
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            AlertEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            byte[] body = payload(event);
            for (URI url : urls) {
                if (!deliver(url, body)) {
                    return; // interrupted while backing off
                }
            }
        }
    }

    /** Returns false only when interrupted. */
    private boolean deliver(URI url, byte[] body) {
        long backoff = firstBackoff.toMillis();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(url)
                                .timeout(timeout)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    delivered.increment();
                    return true;
                }
                LOG.warn("Alert webhook {} answered {} (attempt {}/{})", url, response.statusCode(), attempt, attempts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                LOG.warn("Alert webhook {} failed (attempt {}/{}): {}", url, attempt, attempts, e.toString());
            }
            if (attempt < attempts) {
                try {
                    TimeUnit.MILLISECONDS.sleep(backoff); // backoff on the notifier's own thread, never a request's
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                backoff *= 2;
            }
        }
        failed.increment();
        return true;
    }

    static byte[] payload(AlertEvent e) {
        String icon = e.state() == AlertEvent.State.RESOLVED
                ? "RESOLVED"
                : e.severity().name();
        Map<String, Object> attachment = Map.of(
                "color",
                e.state() == AlertEvent.State.RESOLVED
                        ? "good"
                        : e.severity() == Severity.CRITICAL ? "danger" : "warning",
                "fields",
                List.of(
                        Map.of("title", "alert", "value", e.key(), "short", true),
                        Map.of("title", "value", "value", String.valueOf(e.value()), "short", true),
                        Map.of("title", "threshold", "value", String.valueOf(e.threshold()), "short", true)),
                "ts",
                e.atEpochMillis() / 1000);
        try {
            return JSON.writeValueAsBytes(
                    Map.of("text", "[" + icon + "] " + e.message(), "attachments", List.of(attachment)));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Maps of strings and numbers always serialise", ex);
        }
    }

    public Stats stats() {
        return new Stats(delivered.sum(), failed.sum(), dropped.sum(), deduplicated.sum(), queue.size());
    }

    @Override
    public void close() {
        worker.interrupt();
    }

    public record Stats(long delivered, long failed, long dropped, long deduplicated, int queued) {}
}
