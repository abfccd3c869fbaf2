package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadCommandTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JTL_HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,"
            + "dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect,"
            + "\"serverAppMs\",\"serverDbMs\"";

    @TempDir
    Path dir;

    private TestHttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = new TestHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void quickModeAtARatePassesAndWritesJtlJsonAndSelfContainedHtml() throws IOException {
        Path out = dir.resolve("out");

        CommandRun run = CommandRun.of(
                "load",
                "--url",
                server.url("/json"),
                "--rate",
                "50/s",
                "--duration",
                "2s",
                "--threshold",
                "p(95)<10000",
                "--threshold",
                "rate<0.01",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASSED").contains("p(95)<10000");
        List<String> jtl = Files.readAllLines(out.resolve("results.jtl"));
        assertThat(jtl.get(0)).isEqualTo(JTL_HEADER);
        assertThat(jtl.get(1).split(",", -1)).hasSize(19);
        assertThat(jtl.get(1)).contains(",true,").contains(server.url("/json") + ",");
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        // 2 s at 50/s: exactly 100 scheduled iterations (run, or dropped if still queued at the end: how many
        // depends on how starved the machine is); each one that ran is one row in the JTL.
        long count = summary.at("/total/count").asLong();
        assertThat(count + summary.at("/dropped").asLong()).isEqualTo(100);
        assertThat(count).isPositive();
        assertThat(jtl).hasSize(1 + (int) count);
        assertThat(summary.at("/passed").asBoolean()).isTrue();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html)
                .contains("<svg")
                .contains("Response time percentiles")
                .contains("Throughput")
                .contains("Errors")
                .contains("Virtual users")
                .contains("p(95)&lt;10000")
                .contains("PASS");
        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("<link");

        // Our JTL is readable by analyze, with the same sample count.
        CommandRun analyzed =
                CommandRun.of("analyze", "--json", out.resolve("results.jtl").toString());
        assertThat(MAPPER.readTree(analyzed.out()).at("/Total/sampleCount").asLong())
                .isEqualTo(count);
    }

    @Test
    void noWarmupBurstSendsTheTargetOnlyTheRunsRequests() throws IOException {
        Path out = dir.resolve("no-burst");
        CommandRun run = CommandRun.of(
                "load",
                "--url",
                server.url("/json"),
                "--rate",
                "20/s",
                "--duration",
                "1s",
                "--no-warmup-burst",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        long measured = summary.at("/total/count").asLong();
        assertThat(summary.at("/preparation/burstRequests").asInt()).isZero();
        assertThat(summary.at("/preparation/burstSkipped").asText()).isEqualTo("turned off (--no-warmup-burst)");
        assertThat(run.out()).contains("no warm-up burst (turned off (--no-warmup-burst))");
        // exactly the measured requests (the reachability probe only connects)
        assertThat(server.requestLines).hasSize((int) measured);

        server.requestLines.clear();
        CommandRun withBurst = CommandRun.of(
                "load",
                "--url",
                server.url("/json"),
                "--rate",
                "20/s",
                "--duration",
                "1s",
                "--out",
                dir.resolve("burst").toString());
        assertThat(withBurst.exitCode()).as(withBurst.out() + withBurst.err()).isZero();
        long burst = MAPPER.readTree(dir.resolve("burst/summary.json").toFile())
                .at("/preparation/burstRequests")
                .asLong();
        assertThat(burst).isPositive();
        assertThat(server.requestLines.size()).isGreaterThan((int) measured);
    }

    @Test
    void failedThresholdExitsWith99() {
        CommandRun run = CommandRun.of(
                "load",
                "--url",
                server.url("/status/500"),
                "--vus",
                "2",
                "--duration",
                "1s",
                "--threshold",
                "rate<0.01");

        assertThat(run.exitCode()).isEqualTo(99);
        assertThat(run.out()).contains("FAIL").contains("rate<0.01").contains("FAILED");
    }

    @Test
    void scenarioFileRunsAWeightedMixWithFeederValuesAndChecks() throws IOException {
        Files.writeString(dir.resolve("ids.csv"), "id,name\n1,alpha\n2,beta\n3,gamma\n");
        Path scenario = dir.resolve("mix.yaml");
        Files.writeString(scenario, """
                name: mix
                baseUrl: %s
                headers:
                  Accept: application/json
                feeders:
                  ids:
                    file: ids.csv
                    mode: circular
                requests:
                  - label: read
                    path: /json/${id}
                    weight: 3
                    feeder: ids
                    checks:
                      - status: 200
                      - jsonPath: $.name
                        equals: lake
                  - label: write
                    method: POST
                    path: /items
                    body: '{"name": "${name}"}'
                    weight: 1
                    feeder: ids
                    checks:
                      - bodyContains: nope
                executor:
                  type: constant-vus
                  vus: 2
                  duration: 2s
                thresholds:
                  - threshold: p(99)<10000
                  - label: read
                    threshold: rate<0.01
                """.formatted(server.url("")));
        Path out = dir.resolve("out");

        CommandRun run = CommandRun.of("load", scenario.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode labels = MAPPER.readTree(out.resolve("summary.json").toFile()).get("labels");
        long reads = labels.at("/read/count").asLong();
        long writes = labels.at("/write/count").asLong();
        assertThat(reads).isGreaterThan(writes);
        assertThat(labels.at("/read/errors").asLong()).isZero();
        // The write's check fails on purpose ("ok" does not contain "nope"): every write is an error.
        assertThat(labels.at("/write/errors").asLong()).isEqualTo(writes);
        assertThat(server.requestLines).anyMatch(l -> l.startsWith("GET /json/2 "));
        assertThat(server.requestLines)
                .anyMatch(l -> l.equals("POST /items {\"name\": \"gamma\"}")
                        || l.equals("POST /items {\"name\": \"alpha\"}")
                        || l.equals("POST /items {\"name\": \"beta\"}"));
    }

    @Test
    void abortOnFailStopsTheRunEarlyAndFails() throws IOException {
        Path scenario = dir.resolve("abort.yaml");
        Files.writeString(scenario, """
                baseUrl: %s
                requests:
                  - path: /status/503
                executor:
                  type: constant-arrival-rate
                  rate: 20
                  duration: 5m
                  maxVUs: 5
                thresholds:
                  - threshold: rate<0.5
                    abortOnFail: true
                """.formatted(server.url("")));
        Path out = dir.resolve("out");

        CommandRun run = CommandRun.of("load", scenario.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(99);
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("stopReason").asText()).contains("abort-on-fail");
        assertThat(summary.get("durationSeconds").asDouble()).isLessThan(300);
    }

    @Test
    void baselineRegressionFailsWhenP95GrewBeyondTheAllowance() throws IOException {
        Path out = dir.resolve("first");
        assertThat(CommandRun.of(
                                "load",
                                "--url",
                                server.url("/"),
                                "--vus",
                                "1",
                                "--duration",
                                "1s",
                                "--out",
                                out.toString())
                        .exitCode())
                .isZero();
        // A baseline whose p95 is far below anything a real request can take.
        JsonNode first = MAPPER.readTree(out.resolve("summary.json").toFile());
        ((ObjectNode) first.get("total")).put("p95", 0.0001);
        Path baseline = dir.resolve("baseline.json");
        MAPPER.writeValue(baseline.toFile(), first);

        CommandRun same = CommandRun.of(
                "load",
                "--url",
                server.url("/"),
                "--vus",
                "1",
                "--duration",
                "1s",
                "--baseline",
                out.resolve("summary.json").toString(),
                "--max-regression",
                "100000%");
        CommandRun worse = CommandRun.of(
                "load",
                "--url",
                server.url("/"),
                "--vus",
                "1",
                "--duration",
                "1s",
                "--baseline",
                baseline.toString(),
                "--max-regression",
                "10%");

        assertThat(same.exitCode()).as(same.out()).isZero();
        assertThat(worse.exitCode()).isEqualTo(99);
        assertThat(worse.out()).contains("Regression against baseline").contains("FAIL p95");
    }

    @Test
    void badInputExitsWith2AndOneClearLine() throws IOException {
        Path invalid = write("invalid.yaml", "requests: [\n  - path: /\n executor: {");
        Path unknownExecutor = write(
                "unknown.yaml",
                "baseUrl: http://127.0.0.1:1\nrequests:\n  - path: /\n"
                        + "executor:\n  type: constant-everything\n  vus: 1\n  duration: 1s\n");
        Path badDuration = write(
                "duration.yaml",
                "baseUrl: http://127.0.0.1:1\nrequests:\n  - path: /\n"
                        + "executor:\n  type: constant-vus\n  vus: 1\n  duration: soon\n");
        Path badThreshold = write(
                "threshold.yaml",
                "baseUrl: http://127.0.0.1:1\nrequests:\n  - path: /\n"
                        + "executor:\n  type: constant-vus\n  vus: 1\n  duration: 1s\nthresholds:\n  - p95 < 500\n");
        Path missingFeeder = write(
                "feeder.yaml",
                "baseUrl: http://127.0.0.1:1\nfeeders:\n  ids:\n    file: nope.csv\n"
                        + "requests:\n  - path: /\nexecutor:\n  type: constant-vus\n  vus: 1\n  duration: 1s\n");

        assertBadUsage(CommandRun.of("load", invalid.toString()), "invalid.yaml:", "invalid YAML");
        assertBadUsage(
                CommandRun.of("load", unknownExecutor.toString()),
                "unknown.yaml:5",
                "unknown executor 'constant-everything'");
        assertBadUsage(CommandRun.of("load", badDuration.toString()), "duration.yaml:7", "bad duration 'soon'");
        assertBadUsage(CommandRun.of("load", badThreshold.toString()), "threshold.yaml:9", "bad threshold 'p95 < 500'");
        assertBadUsage(CommandRun.of("load", missingFeeder.toString()), "feeder.yaml:4", "nope.csv not found");
        assertBadUsage(
                CommandRun.of("load", dir.resolve("absent.yaml").toString()), "absent.yaml", "no such scenario file");
        try (Socket refusing = refusingPort()) {
            assertBadUsage(
                    CommandRun.of(
                            "load",
                            "--url",
                            "http://127.0.0.1:" + refusing.getLocalPort() + "/",
                            "--rate",
                            "10/s",
                            "--duration",
                            "1s"),
                    "cannot reach http://127.0.0.1:",
                    "refused");
        }
        assertBadUsage(
                CommandRun.of("load", "--url", server.url("/"), "--rate", "fast", "--duration", "1s"),
                "--rate 'fast'",
                "200/s");
        assertBadUsage(
                CommandRun.of("load", "--url", server.url("/"), "--vus", "1", "--duration", "1x"),
                "--duration",
                "bad duration '1x'");
        assertBadUsage(
                CommandRun.of("load", "--url", server.url("/"), "--vus", "1", "--threshold", "p(95)<<5"),
                "bad threshold 'p(95)<<5'",
                "p(95)<500");
        assertBadUsage(CommandRun.of("load"), "give a SCENARIO file", "--url");
    }

    private static void assertBadUsage(CommandRun run, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(fragments).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    /**
     * A port bound but not listening: connections to it are refused, and while it is held no other
     * process can start listening there (a port found free and closed again could be taken at once).
     */
    private static Socket refusingPort() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    @Test
    void badBaseUrlOrBaseUrlInQuickModeIsExit2() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), """
                baseUrl: http://127.0.0.1:1
                requests:
                  - path: /
                executor: {type: constant-vus, vus: 1, duration: 1s}
                """);
        CommandRun bad = CommandRun.of("load", scenario.toString(), "--base-url", "ftp://x");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--base-url 'ftp://x'").hasLineCount(1);
        CommandRun quick =
                CommandRun.of("load", "--url", server.url("/json"), "--vus", "1", "--base-url", server.url("/"));
        assertThat(quick.exitCode()).isEqualTo(2);
        assertThat(quick.err()).contains("--base-url goes with a SCENARIO file");
    }

    @Test
    void baseUrlAndDurationOverrideTheScenarioFile() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), """
                baseUrl: http://127.0.0.1:1
                requests:
                  - label: json
                    path: /json
                executor: {type: constant-arrival-rate, rate: 20, duration: 1h, maxVUs: 5}
                """);
        Path out = dir.resolve("out-override");
        CommandRun run = CommandRun.of(
                "load", scenario.toString(), "--base-url", server.url(""), "--duration", "1s", "--out", out.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        // 1 s at 20/s instead of 1 h: 20 iterations scheduled, all against the overriding server
        assertThat(summary.at("/total/count").asLong() + summary.at("/dropped").asLong())
                .isEqualTo(20);
        assertThat(summary.at("/total/errors").asLong()).isZero();
    }

    @Test
    void aRunInWhichNoRequestSucceededFailsWith99EvenWithoutThresholds() throws IOException {
        Path out = dir.resolve("none-ok");
        CommandRun run = CommandRun.of(
                "load", "--url", server.url("/status/500"), "--vus", "2", "--duration", "1s", "--out", out.toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(99);
        assertThat(run.out()).contains("No request succeeded").contains("FAILED");
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("passed").asBoolean()).isFalse();
        assertThat(summary.get("anySucceeded").asBoolean()).isFalse();
        assertThat(Files.readString(out.resolve("report.html"))).contains("No request succeeded");
    }

    @Test
    void warmupRunsBeforeTheMeasuredRunAndIsReportedApart() throws IOException {
        Path out = dir.resolve("warm");
        CommandRun run = CommandRun.of(
                "load",
                "--url",
                server.url("/"),
                "--rate",
                "20/s",
                "--duration",
                "1s",
                "--warmup",
                "1s",
                "--pre-allocated-vus",
                "3",
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("Warm-up (apart)")
                .contains("3 of 3 connections opened in advance")
                .contains("Percentiles: HdrHistogram");
        JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/warmup/total/count").asLong()
                        + summary.at("/warmup/dropped").asLong())
                .isEqualTo(20);
        assertThat(summary.at("/total/count").asLong() + summary.at("/dropped").asLong())
                .isEqualTo(20);
        assertThat(summary.at("/preparation/opened").asInt()).isEqualTo(3);
        assertThat(summary.at("/percentileMethod").asText())
                .contains("HdrHistogram")
                .contains("LEGACY");
        assertThat(summary.at("/behindSchedule/boundMs").asDouble()).isEqualTo(10.0);
        assertThat(Files.readAllLines(out.resolve("results.jtl")))
                .hasSize(1 + summary.at("/total/count").asInt());
    }

    @Test
    void helpSaysARateMayOpenAsManyConnectionsAndTheProgressLineSaysItCountsBusyVus() throws IOException {
        CommandRun help = CommandRun.of("load", "--help");
        CommandRun run = CommandRun.of("load", "--url", server.url("/"), "--vus", "1", "--duration", "1500ms");

        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("--rate N/s may open up to N connections")
                .contains("--warmup")
                .contains("--pre-allocated-vus")
                .contains("no request succeeded");
        assertThat(run.out()).contains("busy VUs");
        assertBadUsage(
                CommandRun.of("load", "--url", server.url("/"), "--vus", "1", "--pre-allocated-vus", "3"),
                "--pre-allocated-vus goes with an arrival-rate executor");
        assertBadUsage(
                CommandRun.of("load", "--url", server.url("/"), "--vus", "1", "--warmup", "soon"),
                "--warmup",
                "bad duration 'soon'");
    }
}
