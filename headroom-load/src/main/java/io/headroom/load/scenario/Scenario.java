package io.headroom.load.scenario;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A parsed, validated load test: where to send requests, which ones in which mix, how load is applied
 * and which thresholds decide pass or fail. Built by {@link ScenarioParser} or {@link QuickScenario}.
 *
 * @param baseUrl base of every HTTP request path (may be null for a JDBC-only scenario)
 * @param headers default headers of every HTTP request
 * @param thinkTime pause of a VU after each request (zero for none)
 * @param jdbcUrl JDBC URL of {@code type: jdbc} requests (null when there are none)
 * @param warmup traffic before the measured run, at the level the executor starts with, measured but
 *               reported apart (zero for none)
 * @param monitor the instances whose stats document is polled during the run, and the server thresholds
 */
public record Scenario(
        String name,
        URI baseUrl,
        Map<String, String> headers,
        List<RequestSpec> requests,
        Map<String, Feeder> feeders,
        ExecutorSpec executor,
        List<ThresholdSpec> thresholds,
        Duration thinkTime,
        Duration requestTimeout,
        String jdbcUrl,
        Duration warmup,
        MonitorSpec monitor) {

    public boolean hasHttp() {
        return requests.stream().anyMatch(r -> r.type() == RequestSpec.Type.HTTP);
    }

    /** Whether the executor follows a schedule (open model), so it can fall behind it. */
    public boolean isOpenModel() {
        return executor instanceof ExecutorSpec.ConstantArrivalRate
                || executor instanceof ExecutorSpec.RampingArrivalRate;
    }

    public boolean hasJdbc() {
        return requests.stream().anyMatch(r -> r.type() == RequestSpec.Type.JDBC);
    }
}
