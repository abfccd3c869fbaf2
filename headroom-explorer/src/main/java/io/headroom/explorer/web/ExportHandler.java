package io.headroom.explorer.web;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.headroom.explorer.catalog.Dataset;
import io.headroom.explorer.catalog.DatasetPage;
import io.headroom.explorer.catalog.DatasetQuery;
import io.headroom.explorer.catalog.DatasetRepository;
import io.headroom.explorer.catalog.PageCursor;
import io.headroom.explorer.catalog.VisibleFolders;
import io.headroom.toolkit.http.Json;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /api/v1/datasets/export?format=ndjson|csv&<list filters>} (HTTP-7): every dataset the
 * filters and the caller's access select, streamed. The listing is walked by keyset cursor in pages of
 * {@value #PAGE} rows, each written and dropped before the next is read, so memory stays the same
 * whether the export is a hundred rows or a million; the response is chunked as it goes.
 */
final class ExportHandler {
    static final int PAGE = 1000;
    private static final String CSV_HEADER = "id,name,folder,path,format,sizeBytes,lastModified,recordCount,"
            + "columnCount,completeness,communityDataPoints,downloadCount,tags,license\n";

    private final DatasetRepository repository;
    private final CatalogAccess access;
    private final ObjectWriter json = Json.mapper().writerFor(Dataset.class);

    ExportHandler(DatasetRepository repository, CatalogAccess access) {
        this.repository = repository;
        this.access = access;
    }

    void export(ServerRequest req, ServerResponse res) {
        QueryParameters p = new QueryParameters(req);
        String format = p.text("format").orElse("ndjson");
        if (!format.equals("ndjson") && !format.equals("csv")) {
            throw ProblemException.badParameter("format", "must be ndjson or csv");
        }
        if (p.has("cursor") || p.has("offset") || p.has("limit")) {
            throw ProblemException.badParameter(
                    p.has("cursor") ? "cursor" : p.has("offset") ? "offset" : "limit",
                    "an export is the whole listing: leave out limit, offset and cursor");
        }
        // format= is the export's own format here, so the datasets' format filter is spelled datasetFormat=
        DatasetQuery first = DatasetHandlers.query(new QueryParameters(req, Map.of("format", "datasetFormat")));
        VisibleFolders visible = access.visible(req);
        boolean csv = format.equals("csv");
        res.header(HeaderNames.CONTENT_TYPE, csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"datasets." + format + "\"");
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        if (Method.HEAD.equals(req.prologue().method())) {
            res.send(new byte[0]);
            return;
        }
        DatasetQuery query = new DatasetQuery(first.filter(), first.sort(), PAGE, new DatasetQuery.Offset(0));
        try (OutputStream out = res.outputStream()) {
            if (csv) {
                out.write(CSV_HEADER.getBytes(StandardCharsets.UTF_8));
            }
            while (true) {
                DatasetPage page = repository.page(query, visible);
                for (Dataset dataset : page.items()) {
                    out.write(csv ? csvRow(dataset) : ndjsonLine(dataset));
                }
                if (!page.hasNext()) {
                    break;
                }
                query = new DatasetQuery(
                        query.filter(),
                        query.sort(),
                        PAGE,
                        new DatasetQuery.After(PageCursor.decode(page.nextCursor(), query.sort())));
            }
        } catch (IOException | UncheckedIOException e) {
            // the client went away mid-export: nothing left to answer
        }
    }

    private byte[] ndjsonLine(Dataset dataset) throws IOException {
        byte[] line = json.writeValueAsBytes(dataset);
        byte[] withNewline = new byte[line.length + 1];
        System.arraycopy(line, 0, withNewline, 0, line.length);
        withNewline[line.length] = '\n';
        return withNewline;
    }

    private static byte[] csvRow(Dataset d) {
        StringBuilder row = new StringBuilder(256);
        row.append(d.id()).append(',');
        field(row, d.name());
        field(row, d.folder());
        field(row, d.path());
        field(row, d.format());
        row.append(d.sizeBytes()).append(',').append(d.lastModified()).append(',');
        row.append(d.recordCount() == null ? "" : d.recordCount()).append(',');
        row.append(d.columnCount() == null ? "" : d.columnCount()).append(',');
        row.append(d.completeness() == null ? "" : d.completeness()).append(',');
        row.append(d.communityDataPoints())
                .append(',')
                .append(d.downloadCount())
                .append(',');
        field(row, String.join(";", d.tags()));
        row.append(quote(d.license() == null ? "" : d.license())).append('\n');
        return row.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder row, String value) {
        row.append(quote(value)).append(',');
    }

    /** RFC 4180; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula. */
    private static String quote(String value) {
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }
}
