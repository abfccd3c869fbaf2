package io.headroom.load.advise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.load.scenario.ScenarioException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the statements to advise on come from: {@code pg_stat_statements} (top by total time), the service's query
 * monitor (its stats document's top statements), a {@code headroom load} summary (the statements of the run, with
 * the routes that ran them), and statements given on the command line. Merged by shape, so one statement seen by
 * several sources is advised on once, with every route and label known for it.
 */
public final class StatementSources {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatementSources() {}

    /** The top {@code limit} of pg_stat_statements for the current database; a note instead when it is not installed. */
    static List<CandidateStatement> pgStatStatements(Connection c, int limit, List<String> notes) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet ext = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'")) {
            if (!ext.next()) {
                notes.add(
                        "pg_stat_statements is not installed in this database (CREATE EXTENSION pg_stat_statements, "
                                + "with shared_preload_libraries = 'pg_stat_statements'): statements come from the other sources only");
                return List.of();
            }
        }
        List<CandidateStatement> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT query, calls, total_exec_time FROM pg_stat_statements "
                        + "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                        + "ORDER BY total_exec_time DESC LIMIT " + limit)) {
            while (r.next()) {
                out.add(new CandidateStatement(
                        r.getString(1), "pg_stat_statements", r.getLong(2), r.getDouble(3), List.of(), List.of()));
            }
        } catch (SQLException e) {
            notes.add("pg_stat_statements could not be read ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return out;
    }

    /** The query monitor's top statements from a service's stats document. */
    public static List<CandidateStatement> statsDocument(URI statsUrl, String token) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(statsUrl).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode doc = r.statusCode() == 200 ? MAPPER.readTree(r.body()) : null;
            if (doc == null || !doc.path("queries").isObject()) {
                throw new ScenarioException(
                        "--stats " + statsUrl + ": not a Headroom stats document (HTTP " + r.statusCode() + ")");
            }
            List<CandidateStatement> out = new ArrayList<>();
            for (JsonNode q : doc.path("queries").path("topStatements")) {
                out.add(new CandidateStatement(
                        q.path("sql").asText(),
                        "query monitor",
                        q.path("count").asLong(),
                        q.path("totalMs").asDouble(),
                        List.of(),
                        List.of()));
            }
            return out;
        } catch (IOException e) {
            throw new ScenarioException("--stats " + statsUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioException("--stats " + statsUrl + ": interrupted");
        }
    }

    /**
     * The statements of a run from its summary.json, with the routes that ran them and the labels of those routes.
     *
     * @param labelsOf the labels of a statement's routes (the diagnosis ties routes to labels)
     */
    public static List<CandidateStatement> summary(JsonNode summary, Function<List<String>, List<String>> labelsOf) {
        List<CandidateStatement> out = new ArrayList<>();
        for (JsonNode s : summary.path("server").path("statements")) {
            List<String> routes = new ArrayList<>();
            s.path("routes").forEach(r -> routes.add(r.asText()));
            out.add(new CandidateStatement(
                    s.path("sql").asText(),
                    "run",
                    s.path("count").asLong(),
                    s.path("totalMs").asDouble(),
                    List.copyOf(routes),
                    labelsOf.apply(routes)));
        }
        return out;
    }

    public static JsonNode readSummary(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ScenarioException("--summary " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** One entry per shape, the first source's text kept, calls and time from the source that saw the most. */
    static List<CandidateStatement> merge(List<CandidateStatement> all) {
        Map<String, CandidateStatement> byShape = new LinkedHashMap<>();
        for (CandidateStatement s : all) {
            byShape.merge(s.shape(), s, (a, b) -> {
                List<String> routes = new ArrayList<>(a.routes());
                b.routes().stream().filter(r -> !routes.contains(r)).forEach(routes::add);
                List<String> labels = new ArrayList<>(a.labels());
                b.labels().stream().filter(l -> !labels.contains(l)).forEach(labels::add);
                CandidateStatement most = b.calls() > a.calls() ? b : a;
                return new CandidateStatement(
                        a.sql(),
                        a.source() + " + " + b.source(),
                        most.calls(),
                        most.totalMs(),
                        List.copyOf(routes),
                        List.copyOf(labels));
            });
        }
        List<CandidateStatement> out = new ArrayList<>(byShape.values());
        out.sort(Comparator.comparingDouble((CandidateStatement s) -> Double.isNaN(s.totalMs()) ? 0 : s.totalMs())
                .reversed());
        return out;
    }
}
