package io.headroom.explorer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.toolkit.helidon.JsonResponse;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Real-user monitoring (DASH-4): {@code POST /api/v1/rum} takes the Web Vitals a page measured in the
 * browser (LCP, INP, CLS, TTFB, FCP) and keeps the last {@value #KEPT} values per page and metric, so the
 * performance pages can show real users' percentiles beside the server's. The route is public (every
 * visitor reports), hence bounded everywhere: a body of at most {@value #MAX_BODY} bytes and
 * {@value #MAX_METRICS} metrics, known metric names, finite values in range, page names of a fixed shape,
 * at most {@value #MAX_PAGES} pages (later ones count as {@code (other)}), and a token bucket over all
 * clients ({@value #PER_SECOND}/s, burst {@value #BURST}) beyond which the answer is 429.
 */
final class RumBeacons {
    static final int MAX_BODY = 2048;
    static final int MAX_METRICS = 8;
    static final int MAX_PAGES = 16;
    static final int KEPT = 1000;
    static final int PER_SECOND = 50;
    static final int BURST = 200;
    static final String OTHER = "(other)";
    /** The metric and the largest value accepted: milliseconds, except CLS (a unitless score). */
    static final Map<String, Double> METRICS =
            Map.of("LCP", 600_000.0, "INP", 600_000.0, "TTFB", 600_000.0, "FCP", 600_000.0, "CLS", 100.0);

    private static final Pattern PAGE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Set<String> TYPES = Set.of("application/json", "text/plain");

    /** Percentiles of one page's metric over its kept values. */
    record MetricSummary(int count, double p50, double p75, double p95) {}

    record PageVitals(String page, Map<String, MetricSummary> metrics) {}

    private final Map<String, Map<String, Ring>> pages = new LinkedHashMap<>();
    private double tokens = BURST;
    private long refilledAt = System.nanoTime();

    void receive(ServerRequest req, ServerResponse res) {
        String type;
        try {
            type = req.headers().contentType().map(t -> t.mediaType().text()).orElse("");
        } catch (
                RuntimeException
                        e) { // Helidon parses the header only when asked, and throws on one that is no media type
            type = "";
        }
        if (!TYPES.contains(type)) {
            throw new ProblemException(Problem.of(
                    415,
                    "Unsupported Media Type",
                    "Send the beacon as application/json (or text/plain, as navigator.sendBeacon does with a string)"));
        }
        if (!takeToken()) {
            res.header(HeaderNames.RETRY_AFTER, "1");
            throw new ProblemException(Problem.of(
                    429,
                    "Too Many Requests",
                    "More than " + PER_SECOND + " beacons a second reach this service; this one was dropped"));
        }
        JsonNode body = parse(read(req));
        String page = body.path("page").asText("");
        if (!body.path("page").isTextual() || !PAGE.matcher(page).matches()) {
            throw ProblemException.badParameter("page", "must be 1-32 characters: a-z first, then a-z, 0-9 or '-'");
        }
        JsonNode metrics = body.path("metrics");
        if (!metrics.isArray() || metrics.isEmpty() || metrics.size() > MAX_METRICS) {
            throw ProblemException.badParameter("metrics", "must be an array of 1 to " + MAX_METRICS + " metrics");
        }
        Map<String, Double> values = new TreeMap<>();
        for (JsonNode m : metrics) {
            String name = m.path("name").asText("");
            Double max = METRICS.get(name);
            if (max == null) {
                throw ProblemException.badParameter(
                        "metrics[].name", "must be one of " + new TreeMap<>(METRICS).keySet());
            }
            JsonNode value = m.path("value");
            if (!value.isNumber()
                    || !Double.isFinite(value.asDouble())
                    || value.asDouble() < 0
                    || value.asDouble() > max) {
                throw ProblemException.badParameter(
                        "metrics[].value", "for " + name + " must be a number from 0 to " + max);
            }
            values.put(name, value.asDouble());
        }
        record(page, values);
        res.status(Status.NO_CONTENT_204).send();
    }

    private static byte[] read(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new ProblemException(
                        Problem.of(413, "Content Too Large", "A beacon is at most " + MAX_BODY + " bytes"));
            }
            return body;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            // The client went away mid-body (Helidon throws unchecked): its fault, so a 4xx in the figures, not a 5xx.
            throw ProblemException.badParameter("body", "could not be read (the connection ended before the body did)");
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw ProblemException.badParameter("body", "must be a JSON object {page, metrics: [{name, value}]}");
            }
            return node;
        } catch (IOException e) {
            throw ProblemException.badParameter("body", "is not JSON");
        }
    }

    private synchronized boolean takeToken() {
        long now = System.nanoTime();
        tokens = Math.min(BURST, tokens + (now - refilledAt) / 1e9 * PER_SECOND);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    synchronized void record(String page, Map<String, Double> values) {
        String key = pages.containsKey(page) || pages.size() < MAX_PAGES - 1 ? page : OTHER;
        Map<String, Ring> metrics = pages.computeIfAbsent(key, k -> new TreeMap<>());
        values.forEach(
                (name, value) -> metrics.computeIfAbsent(name, n -> new Ring()).add(value));
    }

    /** Every page's percentiles, pages in the order they first reported. */
    synchronized List<PageVitals> summary() {
        List<PageVitals> out = new ArrayList<>();
        pages.forEach((page, metrics) -> {
            Map<String, MetricSummary> summaries = new TreeMap<>();
            metrics.forEach((name, ring) -> summaries.put(name, ring.summary()));
            out.add(new PageVitals(page, summaries));
        });
        return out;
    }

    /** {@code GET /api/v1/performance/rum}: the summary as JSON (behind the monitoring token). */
    void report(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        JsonResponse.send(res, Map.of("pages", summary()));
    }

    /** The last {@link #KEPT} values. */
    private static final class Ring {
        private final double[] values = new double[KEPT];
        private int size;
        private int next;

        void add(double value) {
            values[next] = value;
            next = (next + 1) % KEPT;
            size = Math.min(KEPT, size + 1);
        }

        MetricSummary summary() {
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return new MetricSummary(size, at(sorted, 0.50), at(sorted, 0.75), at(sorted, 0.95));
        }

        /** Nearest rank. */
        private static double at(double[] sorted, double q) {
            return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }
    }
}
