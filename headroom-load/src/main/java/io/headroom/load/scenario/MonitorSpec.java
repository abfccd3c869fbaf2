package io.headroom.load.scenario;

import java.net.URI;
import java.util.List;

/**
 * The server side of a run ({@code --monitor}, or {@code monitor:} in a scenario file): the Headroom
 * instances whose stats document is polled once a second, the bearer token the monitoring routes ask for,
 * and the thresholds on what was polled.
 *
 * @param statsUrls each instance's {@code /api/performance/stats} URL (see {@link #statsUrl})
 * @param token sent as {@code Authorization: Bearer <token>}, or null
 */
public record MonitorSpec(List<URI> statsUrls, String token, List<ServerThreshold> thresholds) {

    public static final MonitorSpec NONE = new MonitorSpec(List.of(), null, List.of());

    /** The path of the stats document under an instance's base URL. */
    public static final String STATS_PATH = "/api/performance/stats";

    public boolean enabled() {
        return !statsUrls.isEmpty();
    }

    /**
     * The stats URL of {@code text}: a base URL ({@code http://host:8080}, the stats path is appended) or
     * the full stats URL (a path ending in {@value #STATS_PATH}, used as given).
     */
    public static URI statsUrl(String text, String where) {
        URI uri;
        try {
            uri = QuickScenario.url(text);
        } catch (ScenarioException e) {
            throw new ScenarioException(where + " '" + text + "': expected an http:// or https:// URL with a host");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith(STATS_PATH)) {
            return uri;
        }
        String base = uri.toString();
        int query = base.indexOf('?');
        base = query < 0 ? base : base.substring(0, query);
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + STATS_PATH);
    }

    /** A server threshold needs something to measure it: without a monitored instance it is a usage error. */
    public void validate() {
        if (!enabled() && !thresholds.isEmpty()) {
            throw new ScenarioException(
                    "server threshold '" + thresholds.getFirst().expression() + "' needs "
                            + "--monitor URL (or 'monitor:' in the scenario file): nothing polls the server otherwise");
        }
    }

    public MonitorSpec withThresholds(List<ServerThreshold> more) {
        return new MonitorSpec(statsUrls, token, more);
    }
}
