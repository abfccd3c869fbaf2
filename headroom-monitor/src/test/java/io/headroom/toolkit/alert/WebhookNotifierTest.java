package io.headroom.toolkit.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.headroom.toolkit.testing.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Webhooks received by a real JDK HTTP server inside the test. */
class WebhookNotifierTest {
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToSend = new AtomicInteger();
    private final CountDownLatch releaseHangingHook = new CountDownLatch(1);
    private final AtomicInteger hookCalls = new AtomicInteger();
    private final AtomicInteger hangingCalls = new AtomicInteger();
    private HttpServer server;
    private WebhookNotifier notifier;

    private URI start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            hookCalls.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresToSend.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                received.add(new ObjectMapper().readTree(body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/hang", exchange -> {
            hangingCalls.incrementAndGet();
            try {
                releaseHangingHook.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        releaseHangingHook.countDown();
        if (notifier != null) {
            notifier.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static AlertEvent event(long at, AlertEvent.State state) {
        return new AlertEvent(at, "cpu", "cpu", state, Severity.CRITICAL, 0.97, 0.95, "cpu at 97.0 % (threshold 95 %)");
    }

    @Test
    void firedAndResolvedEventsArriveAsSlackCompatibleJson() throws IOException {
        URI base = start();
        notifier = new WebhookNotifier(
                List.of(base.resolve("/hook")),
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(10),
                Duration.ofMinutes(10));
        notifier.send(event(1_000, AlertEvent.State.FIRED));
        notifier.send(event(2_000, AlertEvent.State.RESOLVED));
        Await.until(() -> notifier.stats().delivered() == 2);
        assertThat(received.get(0).get("text").asText()).isEqualTo("[CRITICAL] cpu at 97.0 % (threshold 95 %)");
        assertThat(received.get(0).get("attachments").get(0).get("color").asText())
                .isEqualTo("danger");
        assertThat(received.get(1).get("text").asText()).startsWith("[RESOLVED]");
    }

    @Test
    void theSameEventWithinTheDedupWindowIsSentOnce() throws IOException {
        URI base = start();
        notifier = new WebhookNotifier(
                List.of(base.resolve("/hook")),
                Duration.ofSeconds(5),
                1,
                Duration.ofMillis(10),
                Duration.ofMinutes(10));
        notifier.send(event(1_000, AlertEvent.State.FIRED));
        notifier.send(event(2_000, AlertEvent.State.FIRED));
        notifier.send(event(1_000 + Duration.ofMinutes(11).toMillis(), AlertEvent.State.FIRED));
        Await.until(() -> notifier.stats().delivered() == 2);
        assertThat(hookCalls.get()).isEqualTo(2);
        assertThat(notifier.stats().deduplicated()).isEqualTo(1);
    }

    @Test
    void failedDeliveriesAreRetriedWithBackoff() throws IOException {
        URI base = start();
        failuresToSend.set(2);
        notifier = new WebhookNotifier(
                List.of(base.resolve("/hook")),
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(10),
                Duration.ofMinutes(10));
        notifier.send(event(1_000, AlertEvent.State.FIRED));
        Await.until(() -> notifier.stats().delivered() == 1);
        assertThat(hookCalls.get()).as("two 503 answers, then success").isEqualTo(3);
        assertThat(received).hasSize(1);
        assertThat(notifier.stats().failed()).isZero();
    }

    @Test
    @Timeout(60) // guards against a hang only; the assertion is that send returns while the hook hangs
    void aHangingWebhookNeverBlocksTheSender() throws IOException {
        URI base = start();
        notifier = new WebhookNotifier(
                List.of(base.resolve("/hang")),
                Duration.ofSeconds(30),
                1,
                Duration.ofMillis(10),
                Duration.ofMinutes(10));
        notifier.send(new AlertEvent(1, "a", "a", AlertEvent.State.FIRED, Severity.WARNING, 1, 1, "a"));
        Await.until(() -> hangingCalls.get() == 1);
        for (int i = 0; i < 2_000; i++) { // more than the queue holds: the excess is dropped, not waited for
            notifier.send(new AlertEvent(i, "k" + i, "k", AlertEvent.State.FIRED, Severity.WARNING, 1, 1, "k"));
        }
        assertThat(hangingCalls.get()).as("the hook is still hanging").isEqualTo(1);
        assertThat(notifier.stats().dropped()).isGreaterThan(0);
    }

    @Test
    void aTimedOutWebhookIsCountedAsFailed() throws IOException {
        URI base = start();
        notifier = new WebhookNotifier(
                List.of(base.resolve("/hang")),
                Duration.ofMillis(200),
                2,
                Duration.ofMillis(10),
                Duration.ofMinutes(10));
        notifier.send(event(1_000, AlertEvent.State.FIRED));
        Await.until(() -> notifier.stats().failed() == 1);
        assertThat(notifier.stats().delivered()).isZero();
        // Not "exactly 2": the hook counts a call when its server dispatches it, and on a loaded machine an attempt
        // can run out of its 200 ms (connecting included) before that, or the count comes after this line.
        assertThat(hangingCalls.get()).as("calls that reached the hook").isLessThanOrEqualTo(2);
    }
}
