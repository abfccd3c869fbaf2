package io.headroom.load.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.load.scenario.ScenarioException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evidence from a running instance's stats document ({@code GET /api/performance/stats}, monitoring token):
 * read twice, {@code interval} apart, for the request rate and the CPU now. Without a ramp there is no
 * knee, so the capacity is estimated by scaling the present rate linearly to the CPU at which a ramp
 * usually bends ({@link #ASSUMED_KNEE_CPU}); a ramp's summary.json replaces that estimate when given.
 */
public final class LiveEvidence {

    /** The CPU share at which latency usually starts to climb, when no ramp measured it. */
    static final double ASSUMED_KNEE_CPU = 0.7;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveEvidence() {}

    /** Reads the document once: for the cache working set (and the pool), beside a ramp's evidence. */
    public static JsonNode fetch(URI statsUrl, String token) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(statsUrl).timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401 || r.statusCode() == 403) {
                throw new ScenarioException(
                        statsUrl + " answered " + r.statusCode() + ": give the metrics or admin token with --token");
            }
            if (r.statusCode() != 200) {
                throw new ScenarioException(statsUrl + " answered " + r.statusCode() + ", not the stats document");
            }
            JsonNode doc = JSON.readTree(r.body());
            if (!doc.path("requests").isObject()) {
                throw new ScenarioException(statsUrl + " is not a Headroom stats document (no 'requests')");
            }
            return doc;
        } catch (IOException e) {
            throw new ScenarioException("cannot read " + statsUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("interrupted while reading " + statsUrl);
        }
    }

    public static Evidence read(URI statsUrl, String token, Duration interval, int instances)
            throws InterruptedException {
        JsonNode first = fetch(statsUrl, token);
        Thread.sleep(interval.toMillis()); // the rate is a difference of two readings this far apart
        JsonNode second = fetch(statsUrl, token);
        double seconds = (second.path("generatedAtEpochMillis").asDouble()
                        - first.path("generatedAtEpochMillis").asDouble())
                / 1000;
        double requests = second.at("/requests/total").asDouble()
                - first.at("/requests/total").asDouble();
        double rps = seconds > 0 ? requests / seconds : Double.NaN;
        double cpu = second.at("/resources/latest/processCpu").asDouble(Double.NaN);
        cpu = cpu < 0 ? Double.NaN : cpu;
        List<String> notes = new ArrayList<>();
        notes.add(String.format(
                Locale.ROOT,
                "live %s: %.1f req/s over %.1f s, CPU %s, %d instance(s) like it",
                statsUrl,
                rps,
                seconds,
                RampEvidence.pct(cpu),
                instances));
        if (Double.isNaN(cpu) || cpu < 0.02 || Double.isNaN(rps) || rps <= 0) {
            throw new ScenarioException(statsUrl + ": too little load to extrapolate from ("
                    + String.format(Locale.ROOT, "%.1f req/s at CPU %s", rps, RampEvidence.pct(cpu))
                    + "); run a ramp test "
                    + "(headroom load --monitor) and pass its summary.json");
        }
        double capacity = rps * instances * ASSUMED_KNEE_CPU / cpu;
        notes.add(String.format(
                Locale.ROOT,
                "capacity estimated by linear CPU scaling to %.0f %% CPU: %.1f req/s x "
                        + "%.0f %% / %s = %.0f req/s per instance (a ramp test measures it instead)",
                ASSUMED_KNEE_CPU * 100,
                rps,
                ASSUMED_KNEE_CPU * 100,
                RampEvidence.pct(cpu),
                capacity / instances));
        JsonNode pool = second.path("pool");
        Evidence e = new Evidence(
                statsUrl.toString(),
                instances,
                capacity,
                false,
                second.at("/requests/p95Ms").asDouble(Double.NaN),
                Double.NaN,
                ASSUMED_KNEE_CPU,
                pool.path("active").asDouble(Double.NaN) * ASSUMED_KNEE_CPU / cpu,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                List.copyOf(notes));
        return withCache(e, second);
    }

    /** Adds the cache working set (sum of the keyspaces' bytes and entries) of a stats document. */
    public static Evidence withCache(Evidence e, JsonNode doc) {
        double bytes = 0;
        double entries = 0;
        int keyspaces = 0;
        for (JsonNode k : doc.path("cache").path("keyspaces")) {
            bytes += k.path("bytes").asDouble();
            entries += k.path("entries").asDouble();
            keyspaces++;
        }
        if (keyspaces == 0) {
            return e.withCache(Double.NaN, Double.NaN, "no cache in the stats document: Redis size unknown");
        }
        return e.withCache(
                bytes,
                entries,
                String.format(
                        Locale.ROOT,
                        "cache working set: %d keyspaces, %.0f entries, %.1f MiB (stats document)",
                        keyspaces,
                        entries,
                        bytes / (1 << 20)));
    }
}
