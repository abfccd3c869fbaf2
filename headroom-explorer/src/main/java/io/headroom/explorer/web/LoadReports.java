package io.headroom.explorer.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.toolkit.helidon.JsonResponse;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The load-test reports page's data: the runs {@code headroom load --out DIR} wrote into the reports
 * folder ({@code HEADROOM_LOAD_REPORTS_DIR}), one sub-folder per run holding {@code summary.json} and
 * {@code report.html}. {@code GET /api/v1/performance/reports} lists them (newest first, at most
 * {@value #LISTED}), {@code .../reports/{name}} is one run's summary and {@code .../reports/{name}/report.html}
 * its HTML report. A run's name is one plain path segment, and the resolved file must lie inside the folder,
 * so no name reaches anything else on the disk.
 */
final class LoadReports {
    static final int LISTED = 200;
    static final long MAX_FILE_BYTES = 32L * 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** The report is self-contained (inline CSS and SVG, no script): a sandbox with nothing else allowed. */
    static final String REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

    /** One run in the list; the figures are the run's Total, null when the summary could not be read. */
    record Run(
            String name,
            String scenario,
            String target,
            Long startEpochMillis,
            Double durationSeconds,
            Boolean passed,
            Long requests,
            Double rps,
            Double p95Ms,
            Double errorRate,
            boolean hasHtml,
            String error) {}

    private final Path folder;

    LoadReports(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    void list(ServerRequest req, ServerResponse res) {
        List<Run> runs = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> children = Files.list(folder)) {
                for (Path dir : children.filter(p -> Files.isRegularFile(p.resolve("summary.json")))
                        .filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                        .toList()) {
                    runs.add(run(dir));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list the load-test reports folder", e);
            }
        }
        runs.sort(Comparator.comparing((Run r) -> r.startEpochMillis() == null ? Long.MIN_VALUE : r.startEpochMillis())
                .reversed()
                .thenComparing(Run::name));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        JsonResponse.send(
                res,
                Map.of(
                        "configured",
                        Files.isDirectory(folder),
                        "total",
                        runs.size(),
                        "runs",
                        runs.subList(0, Math.min(LISTED, runs.size()))));
    }

    void summary(ServerRequest req, ServerResponse res) {
        Path file = file(req, "summary.json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.CONTENT_TYPE, MediaTypes.APPLICATION_JSON.text());
        res.send(bytes(file));
    }

    void html(ServerRequest req, ServerResponse res) {
        Path file = file(req, "report.html");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.create("Content-Security-Policy"), REPORT_CSP);
        res.send(bytes(file));
    }

    private static Run run(Path dir) {
        String name = dir.getFileName().toString();
        boolean html = Files.isRegularFile(dir.resolve("report.html"));
        try {
            JsonNode s = Json.mapper().readTree(bytes(dir.resolve("summary.json")));
            JsonNode total = s.path("total");
            return new Run(
                    name,
                    text(s, "scenario"),
                    text(s, "target"),
                    number(s, "startEpochMillis").map(Double::longValue).orElse(null),
                    number(s, "durationSeconds").orElse(null),
                    s.path("passed").isBoolean() ? s.get("passed").asBoolean() : null,
                    number(total, "count").map(Double::longValue).orElse(null),
                    number(total, "rps").orElse(null),
                    number(total, "p95").orElse(null),
                    number(total, "errorRate").orElse(null),
                    html,
                    null);
        } catch (IOException | RuntimeException e) {
            return new Run(
                    name,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    html,
                    "summary.json is not a readable headroom summary");
        }
    }

    private Path file(ServerRequest req, String fileName) {
        String name = req.path().pathParameters().get("name");
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.badParameter(
                    "name", "must be a run folder's name: letters, digits, '.', '_' or '-'");
        }
        Path file = folder.resolve(name).resolve(fileName).normalize();
        try {
            if (file.startsWith(folder)
                    && Files.isRegularFile(file)
                    && file.toRealPath().startsWith(folder.toRealPath())) {
                return file;
            }
        } catch (IOException e) {
            // not there (or not readable): the same 404
        }
        throw ProblemException.notFound("No load-test run '" + name + "' with a " + fileName
                + " in the reports folder (HEADROOM_LOAD_REPORTS_DIR)");
    }

    private static byte[] bytes(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalStateException(file.getFileName() + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file.getFileName(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.get(field).asText() : null;
    }

    private static Optional<Double> number(JsonNode node, String field) {
        return node.path(field).isNumber() ? Optional.of(node.get(field).asDouble()) : Optional.empty();
    }
}
