package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.load.advise.AdviceText;
import io.headroom.load.advise.CandidateStatement;
import io.headroom.load.advise.QueryAdvisor;
import io.headroom.load.advise.StatementSources;
import io.headroom.load.diagnose.EvidenceReader;
import io.headroom.load.diagnose.RouteLabels;
import io.headroom.load.scenario.MonitorSpec;
import io.headroom.load.scenario.ScenarioException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code headroom advise-queries}: EXPLAIN of the top statements and index suggestions (ANA-4). Never changes the database. */
@Command(
        name = "advise-queries",
        mixinStandardHelpOptions = true,
        description = {
            "EXPLAIN the top statements by total time and suggest indexes (sequential scans on large tables,",
            "sorts without an index, index-only opportunities), with the plan's reasons and an estimated gain.",
            "Statements: pg_stat_statements (when installed), --stats (a Headroom service's query monitor),",
            "--summary (a monitored run's statements, tied to its labels), --statement.",
            "Read-only: every EXPLAIN runs in a read-only transaction that is rolled back; CREATE INDEX is only printed.",
            "Exit codes: 0 advice printed; 2 bad usage or the database unreachable."
        })
final class AdviseQueriesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--database",
            required = true,
            paramLabel = "URL",
            description = "PostgreSQL: jdbc:postgresql://host/db?user=... or postgres://user@host/db.")
    String database;

    @Option(
            names = "--stats",
            paramLabel = "URL",
            description = "A Headroom service (base URL or stats URL): its query monitor's top statements.")
    String stats;

    @Option(names = "--monitor-token", paramLabel = "TOKEN", description = "Bearer token for --stats.")
    String token;

    @Option(
            names = "--summary",
            paramLabel = "SUMMARY",
            description = "A monitored run's summary.json: its statements, with the labels that ran them.")
    Path summary;

    @Option(
            names = "--statement",
            paramLabel = "SQL",
            description = "A statement to advise on (repeatable); ? or $1 for parameters.")
    List<String> statements = new ArrayList<>();

    @Option(
            names = "--top",
            defaultValue = "10",
            description = "How many statements, by total time (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(
            names = "--analyze",
            description = "EXPLAIN ANALYZE statements without parameters (runs them, read-only, rolled back).")
    boolean analyze;

    @Option(
            names = "--large-table",
            defaultValue = "10000",
            paramLabel = "ROWS",
            description = "Tables with at least this many rows count as large (default: ${DEFAULT-VALUE}).")
    long largeTable;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try {
            if (top < 1) {
                throw new ScenarioException("--top must be at least 1");
            }
            List<CandidateStatement> given = new ArrayList<>();
            statements.forEach(s -> given.add(new CandidateStatement(s, "given", 0, Double.NaN, List.of(), List.of())));
            if (summary != null) {
                given.addAll(fromSummary(StatementSources.readSummary(summary)));
            }
            if (stats != null) {
                given.addAll(StatementSources.statsDocument(MonitorSpec.statsUrl(stats, "--stats"), token));
            }
            QueryAdvisor.QueryAdvice advice = QueryAdvisor.advise(database, given, top, analyze, largeTable);
            print(advice, json, spec.commandLine().getOut());
            return 0;
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println("headroom advise-queries: " + e.getMessage());
            return 2;
        }
    }

    /** A run's statements, each with the labels of the routes that ran it. */
    static List<CandidateStatement> fromSummary(JsonNode summary) {
        var labels = EvidenceReader.of(summary).labels();
        return StatementSources.summary(summary, routes -> RouteLabels.labels(routes, labels));
    }

    static void print(QueryAdvisor.QueryAdvice advice, boolean json, PrintWriter out) {
        if (json) {
            out.println(AdviceText.toJson(advice).toPrettyString());
        } else {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (PrintStream p = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
                AdviceText.print(advice, p);
            }
            out.print(buffer.toString(StandardCharsets.UTF_8));
        }
        out.flush();
    }
}
