package io.headroom.load.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.load.measure.RunMetrics;
import io.headroom.load.measure.Sample;
import io.headroom.load.scenario.ExecutorSpec;
import io.headroom.load.scenario.Feeder;
import io.headroom.load.scenario.MonitorSpec;
import io.headroom.load.scenario.RequestSpec;
import io.headroom.load.scenario.Scenario;
import io.headroom.load.scenario.Template;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the engine puts on the wire: a request without templates is encoded once and its bytes re-sent,
 * a request with feeder templates is encoded per request, and both must be byte for byte what Netty's
 * encoder writes for the same request. Checked against a raw socket server that records every request.
 */
class RequestWireTest {

    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok";

    @Test
    void aConstantRequestIsSentAsTheSameBytesAsTheSameRequestEncodedFromTemplates() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            RequestSpec constant = new RequestSpec(
                    "constant",
                    RequestSpec.Type.HTTP,
                    1,
                    "POST",
                    Template.of("/items?q=lake"),
                    Map.of("X-Trace", Template.of("abc")),
                    Template.of("{\"n\":7}"),
                    List.of(),
                    null,
                    List.of(),
                    null);
            RequestSpec templated = new RequestSpec(
                    "templated",
                    RequestSpec.Type.HTTP,
                    1,
                    "POST",
                    Template.of("/items?q=${q}"),
                    Map.of("X-Trace", Template.of("${trace}")),
                    Template.of("{\"n\":${n}}"),
                    List.of(),
                    null,
                    List.of(),
                    "rows");
            Feeder rows = new Feeder(
                    "rows",
                    Feeder.Mode.CIRCULAR,
                    List.of("q", "trace", "n"),
                    List.of(Map.of("q", "lake", "trace", "abc", "n", "7")));

            List<Sample> constantSamples = run(server, constant, Map.of(), 3);
            List<Sample> templatedSamples = run(server, templated, Map.of("rows", rows), 3);

            List<String> requests = server.requests();
            assertThat(requests).hasSize(6);
            String first = requests.get(0);
            assertThat(first).startsWith("POST /items?q=lake HTTP/1.1\r\n").endsWith("\r\n\r\n{\"n\":7}");
            assertThat(first.toLowerCase(Locale.ROOT))
                    .contains("\r\nx-trace: abc\r\n")
                    .contains("\r\ncontent-length: 7\r\n")
                    .contains("\r\nhost: 127.0.0.1:" + server.port() + "\r\n")
                    .contains("\r\naccept: application/json\r\n");
            // The pre-encoded bytes are re-sent intact (each send reads its own duplicate), and equal the
            // bytes the encoder produces per request from the templates.
            assertThat(requests).containsOnly(first);
            for (Sample s : concat(constantSamples, templatedSamples)) {
                assertThat(s.success()).isTrue();
                assertThat(s.bytesSent()).isEqualTo(first.getBytes(StandardCharsets.UTF_8).length);
                assertThat(s.bytesReceived()).isEqualTo(RESPONSE.length());
                assertThat(s.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/items?q=lake");
            }
            assertThat(server.connections()).isEqualTo(2); // one keep-alive connection per run
        }
    }

    @Test
    void anUnscheduledIterationStartsAtItsSendOrAtItsConnect() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            RequestSpec get = new RequestSpec(
                    "get",
                    RequestSpec.Type.HTTP,
                    1,
                    "GET",
                    Template.of("/"),
                    Map.of(),
                    null,
                    List.of(),
                    null,
                    List.of(),
                    null);

            List<Sample> samples = run(server, get, Map.of(), 2);

            // The VU's first request waited for its connection: its response time includes the connect.
            Sample first = samples.get(0);
            assertThat(first.connectNanos()).isPositive();
            assertThat(first.sentNanos() - first.intendedStartNanos()).isGreaterThanOrEqualTo(first.connectNanos());
            // On the open connection, a closed-model iteration starts when its request is sent.
            Sample second = samples.get(1);
            assertThat(second.connectNanos()).isZero();
            assertThat(second.intendedStartNanos()).isEqualTo(second.sentNanos());
            assertThat(second.firstByteNanos()).isGreaterThan(second.sentNanos());
            assertThat(second.endNanos()).isGreaterThanOrEqualTo(second.firstByteNanos());
        }
    }

    @Test
    void aResponseToHeadHasNoBodyWhateverItsContentLengthSays() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            RequestSpec head = new RequestSpec(
                    "head",
                    RequestSpec.Type.HTTP,
                    1,
                    "HEAD",
                    Template.of("/"),
                    Map.of(),
                    null,
                    List.of(),
                    null,
                    List.of(),
                    null);

            List<Sample> samples = run(server, head, Map.of(), 3);

            // Were the 2 bytes announced by Content-Length awaited, the second response would be misread
            // and the run would time out.
            assertThat(samples).hasSize(3).allMatch(Sample::success);
            assertThat(samples).allMatch(s -> s.bytesReceived() == RESPONSE.length() - 2);
            assertThat(server.requests()).allMatch(r -> r.startsWith("HEAD / HTTP/1.1\r\n"));
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    /** Runs {@code count} iterations of one request, one after another on one VU, and returns their samples. */
    private static List<Sample> run(RecordingServer server, RequestSpec spec, Map<String, Feeder> feeders, int count)
            throws InterruptedException {
        Scenario scenario = new Scenario(
                "wire",
                URI.create("http://127.0.0.1:" + server.port()),
                Map.of("Accept", "application/json"),
                List.of(spec),
                feeders,
                new ExecutorSpec.ConstantVus(1, Duration.ofSeconds(1)),
                List.of(),
                Duration.ZERO,
                Duration.ofSeconds(10),
                null,
                Duration.ZERO,
                MonitorSpec.NONE);
        List<Sample> samples = new CopyOnWriteArrayList<>();
        try (HttpClientEngine engine = new HttpClientEngine(scenario.baseUrl(), 1, Duration.ofSeconds(5));
                VirtualUser vu = new VirtualUser(0)) {
            IterationRunner runner = new IterationRunner(
                    scenario,
                    engine,
                    null,
                    samples::add,
                    new RunMetrics(System.nanoTime()),
                    new RunControl(),
                    IterationRunner.TaskScheduler.of(engine.group()));
            for (int i = 0; i < count; i++) {
                CountDownLatch done = new CountDownLatch(1);
                runner.iterate(vu, IterationRunner.UNSCHEDULED, done::countDown);
                assertThat(done.await(10, TimeUnit.SECONDS))
                        .as("iteration %d finished", i)
                        .isTrue();
            }
        }
        assertThat(samples).hasSize(count);
        return samples;
    }

    private static List<Sample> concat(List<Sample> a, List<Sample> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /** Accepts connections and records each request's raw bytes (head and Content-Length body); answers "ok". */
    private static final class RecordingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();

        RecordingServer() throws IOException {
            Thread.ofPlatform().daemon().start(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        int connections() {
            return connections.get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofPlatform().daemon().start(() -> serve(s));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void serve(Socket s) {
            try (s;
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream()) {
                while (true) {
                    ByteArrayOutputStream request = new ByteArrayOutputStream();
                    int b;
                    while ((b = in.read()) >= 0) {
                        request.write(b);
                        if (request.size() >= 4
                                && request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                            break;
                        }
                    }
                    if (b < 0) {
                        return;
                    }
                    String head = request.toString(StandardCharsets.ISO_8859_1);
                    request.write(in.readNBytes(contentLength(head)));
                    requests.add(request.toString(StandardCharsets.UTF_8));
                    // A response to HEAD announces the body's length but carries no body.
                    String response =
                            head.startsWith("HEAD ") ? RESPONSE.substring(0, RESPONSE.length() - 2) : RESPONSE;
                    out.write(response.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException e) {
                // the client closed the connection
            }
        }

        private static int contentLength(String head) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    return Integer.parseInt(line.substring(15).trim());
                }
            }
            return 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
