package io.headroom.explorer.web;

import io.headroom.explorer.auth.Caller;
import io.headroom.explorer.catalog.Dataset;
import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.download.AccelRedirect;
import io.headroom.explorer.download.ByteRange;
import io.headroom.explorer.download.DownloadEvent;
import io.headroom.explorer.download.DownloadLog;
import io.headroom.explorer.download.DownloadStats;
import io.headroom.explorer.download.DownloadType;
import io.headroom.explorer.download.MetadataYaml;
import io.headroom.explorer.download.SampleCut;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.lake.StoredObject;
import io.headroom.explorer.lake.UnsupportedContentException;
import io.headroom.toolkit.helidon.JsonResponse;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/datasets/{id}/download?type=sample|full|metadata} and
 * {@code POST /api/v1/datasets/download-stats} (SVC-7). Every download is access-checked (an invisible
 * dataset is a 404), carries {@code Content-Disposition} and its media type, and is logged through the
 * {@link DownloadLog} (a queue offer: the request never waits on the database for it). The full file is
 * streamed from the store in 64 KiB chunks (heap does not grow with the file), with one byte range
 * ({@code Range}, {@code If-Range}; 206, 416); an S3 object above {@code S3_PRESIGN_ABOVE_BYTES} is a 302
 * to a presigned URL instead ({@link ObjectStore#directDownload}), after the access check and logged; behind
 * nginx, with {@code HEADROOM_DOWNLOAD_ACCEL_PREFIX}, a local file is handed to nginx ({@link AccelRedirect}).
 */
final class DownloadHandlers {
    static final int MAX_STATS_IDS = 1000;
    private static final int CHUNK = 64 * 1024;

    private final CatalogAccess access;
    private final ObjectStore store;
    private final DownloadLog log;
    private final DownloadStats stats;
    private final Optional<AccelRedirect> accel;

    DownloadHandlers(
            CatalogAccess access,
            ObjectStore store,
            DownloadLog log,
            DownloadStats stats,
            Optional<AccelRedirect> accel) {
        this.access = access;
        this.store = store;
        this.log = log;
        this.stats = stats;
        this.accel = accel;
    }

    void download(ServerRequest req, ServerResponse res) throws IOException {
        long id = DatasetHandlers.datasetId(req);
        QueryParameters p = new QueryParameters(req);
        DownloadType type = p.text("type")
                .map(t -> DownloadType.fromApiName(t)
                        .orElseThrow(() -> ProblemException.badParameter("type", "must be sample, full or metadata")))
                .orElse(DownloadType.FULL);
        int rows = p.integer("rows", SampleCut.DEFAULT_ROWS, 1, SampleCut.MAX_ROWS);
        Dataset dataset = access.visibleDataset(req, id);
        DatasetFormat format = DatasetFormat.fromApiName(dataset.format()).orElse(DatasetFormat.OTHER);
        res.header(HeaderNames.CACHE_CONTROL, "private, no-cache");
        switch (type) {
            case FULL -> full(req, res, dataset, format);
            case SAMPLE -> {
                if (!SampleCut.supports(format)) {
                    throw unprocessable("A sample download is offered for csv, tsv, json and jsonl; this dataset is "
                            + format.apiName() + ": download type=full");
                }
                byte[] sample;
                try (InputStream in = open(dataset)) {
                    sample = SampleCut.cut(in, format, rows);
                } catch (UnsupportedContentException e) {
                    throw unprocessable(e.getMessage());
                }
                small(
                        req,
                        res,
                        dataset,
                        DownloadType.SAMPLE,
                        sample,
                        SampleCut.mediaType(format),
                        fileName(dataset.path()).replaceFirst("(\\.[^.]*)?$", "_sample$1"));
            }
            case METADATA -> {
                Optional<String> sidecar = sidecar(dataset);
                byte[] yaml;
                if (sidecar.isPresent()) {
                    try (InputStream in = store.open(sidecar.get())) {
                        yaml = in.readNBytes(1024 * 1024);
                    }
                } else {
                    yaml = MetadataYaml.generate(dataset);
                }
                small(
                        req,
                        res,
                        dataset,
                        DownloadType.METADATA,
                        yaml,
                        "application/yaml; charset=utf-8",
                        dataset.name() + ".yaml");
            }
        }
    }

    private void full(ServerRequest req, ServerResponse res, Dataset dataset, DatasetFormat format) throws IOException {
        StoredObject object = store.stat(dataset.path()).orElseThrow(() -> gone(dataset));
        Optional<URI> direct = Method.HEAD.equals(req.prologue().method())
                ? Optional.empty()
                : store.directDownload(object, fileName(dataset.path()));
        if (direct.isPresent()) {
            // A large S3 object: the client fetches it from S3 (a presigned, short-lived URL; Range works
            // there too). Access was checked above; logged here with the object's size, as if streamed.
            log.record(event(req, dataset, DownloadType.FULL, object.sizeBytes()));
            res.status(Status.FOUND_302);
            res.header(HeaderNames.LOCATION, direct.get().toString());
            res.send();
            return;
        }
        if (accel.isPresent()) {
            accelRedirect(req, res, dataset, format, object, accel.get());
            return;
        }
        String etag = "\"" + Long.toHexString(object.sizeBytes()) + "-"
                + Long.toHexString(object.lastModified().toEpochMilli()) + "-"
                + Integer.toHexString(object.key().hashCode()) + "\"";
        res.header(HeaderNames.ETAG, etag);
        res.header(
                HeaderNames.LAST_MODIFIED,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        object.lastModified().atOffset(ZoneOffset.UTC)));
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        disposition(res, fileName(dataset.path()));
        ByteRange.Request range = ifRangeHolds(req, etag, object.lastModified())
                ? ByteRange.parse(req.headers().first(HeaderNames.RANGE), object.sizeBytes())
                : new ByteRange.Whole();
        long first = 0;
        long length = object.sizeBytes();
        switch (range) {
            case ByteRange.Malformed m -> throw new ProblemException(Problem.badParameter("Range", m.reason()));
            case ByteRange.Unsatisfiable u -> {
                res.header(HeaderNames.CONTENT_RANGE, "bytes */" + object.sizeBytes());
                throw new ProblemException(Problem.of(
                        416,
                        "Range Not Satisfiable",
                        "The range starts at or after the end of the " + object.sizeBytes() + "-byte file."));
            }
            case ByteRange.Partial partial -> {
                first = partial.range().first();
                length = partial.range().length();
                res.status(Status.PARTIAL_CONTENT_206);
                res.header(
                        HeaderNames.CONTENT_RANGE,
                        "bytes " + first + "-" + partial.range().last() + "/" + object.sizeBytes());
            }
            case ByteRange.Whole whole -> {}
        }
        res.header(HeaderNames.CONTENT_TYPE, SampleCut.mediaType(format));
        res.headers().contentLength(length);
        if (Method.HEAD.equals(req.prologue().method())) {
            res.send(new byte[0]); // HeadResponse keeps the Content-Length set above
            return;
        }
        long sent = 0;
        try (InputStream in = first == 0 && length == object.sizeBytes()
                        ? store.open(object.key())
                        : store.openRange(object.key(), first, length);
                OutputStream out = res.outputStream()) {
            byte[] buffer = new byte[CHUNK];
            int read;
            while (sent < length && (read = in.read(buffer, 0, (int) Math.min(buffer.length, length - sent))) > 0) {
                out.write(buffer, 0, read);
                sent += read;
            }
        } catch (UncheckedIOException | IOException e) {
            // the client went away mid-file: nothing to answer; the bytes it got are logged
        } finally {
            log.record(event(req, dataset, DownloadType.FULL, sent));
        }
    }

    /**
     * The file served by nginx in front: the service has checked access; nginx sends the bytes (and
     * answers Range, If-Range, HEAD and its own ETag and Last-Modified from the file), keeping this
     * answer's Content-Type, Content-Disposition and Cache-Control. Logged with the bytes the request asked
     * for: the whole file, or the one range it names.
     */
    private void accelRedirect(
            ServerRequest req,
            ServerResponse res,
            Dataset dataset,
            DatasetFormat format,
            StoredObject object,
            AccelRedirect redirect) {
        ByteRange.Request range = ByteRange.parse(req.headers().first(HeaderNames.RANGE), object.sizeBytes());
        if (range instanceof ByteRange.Malformed m) { // nginx would ignore it and send the whole file: same 400 as ours
            throw new ProblemException(Problem.badParameter("Range", m.reason()));
        }
        res.header(HeaderNames.CONTENT_TYPE, SampleCut.mediaType(format));
        disposition(res, fileName(dataset.path()));
        res.header(AccelRedirect.HEADER, redirect.uriOf(object.key())); // last: an error above must not carry it
        if (!Method.HEAD.equals(req.prologue().method())) {
            long bytes =
                    range instanceof ByteRange.Partial partial ? partial.range().length() : object.sizeBytes();
            log.record(event(req, dataset, DownloadType.FULL, bytes));
        }
        res.send();
    }

    /** A download small enough to hold (a sample, a sidecar): sent as bytes, with HEAD support. */
    private void small(
            ServerRequest req,
            ServerResponse res,
            Dataset dataset,
            DownloadType type,
            byte[] body,
            String mediaType,
            String fileName) {
        disposition(res, fileName);
        res.header(HeaderNames.CONTENT_TYPE, mediaType);
        res.send(body);
        if (!Method.HEAD.equals(req.prologue().method())) {
            log.record(event(req, dataset, type, body.length));
        }
    }

    record StatsBody(List<Long> ids) {}

    /** {@code {"ids": [1, 2]}} → {@code {"1": {"sample", "full", "metadata", "total"}}}, in one query. */
    void stats(ServerRequest req, ServerResponse res) {
        JsonBody body = JsonBody.read(req, 64 * 1024, Set.of("ids"));
        if (!body.has("ids") || !body.node("ids").isArray()) {
            throw ProblemException.badParameter("ids", "is required: an array of dataset ids");
        }
        if (body.node("ids").size() > MAX_STATS_IDS) {
            throw ProblemException.badParameter(
                    "ids", "has " + body.node("ids").size() + " entries; at most " + MAX_STATS_IDS + " per request");
        }
        List<Long> ids = new ArrayList<>();
        body.node("ids").forEach(node -> {
            if (!node.canConvertToLong() || !node.isIntegralNumber() || node.asLong() < 1) {
                throw ProblemException.badParameter("ids", "must hold positive whole numbers");
            }
            ids.add(node.asLong());
        });
        Map<Long, DownloadStats.Counts> counts =
                stats.of(ids.stream().distinct().toList(), access.visible(req));
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        JsonResponse.send(res, counts);
    }

    private DownloadEvent event(ServerRequest req, Dataset dataset, DownloadType type, long bytes) {
        Caller caller = CallerFilter.of(req);
        String actor = caller.authenticated() ? caller.name() : AdminGuard.ip(req);
        return new DownloadEvent(
                dataset.id(),
                type,
                Instant.now(),
                actor,
                req.headers().first(HeaderNames.USER_AGENT).orElse(null),
                bytes);
    }

    /** If-Range (RFC 9110 13.1.5): the range holds only if the validator still matches, else the whole file. */
    private static boolean ifRangeHolds(ServerRequest req, String etag, Instant lastModified) {
        Optional<String> ifRange = req.headers().first(HeaderNames.IF_RANGE);
        if (ifRange.isEmpty()) {
            return true;
        }
        String value = ifRange.get().strip();
        if (value.startsWith("\"")) {
            return value.equals(etag);
        }
        try {
            Instant date = DateTimeFormatter.RFC_1123_DATE_TIME.parse(value, Instant::from);
            return date.getEpochSecond() == lastModified.getEpochSecond();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void disposition(ServerResponse res, String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        res.header(
                HeaderNames.CONTENT_DISPOSITION,
                "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private InputStream open(Dataset dataset) throws IOException {
        if (store.stat(dataset.path()).isEmpty()) {
            throw gone(dataset);
        }
        return store.open(dataset.path());
    }

    private Optional<String> sidecar(Dataset dataset) throws IOException {
        for (String key : MetadataYaml.sidecarKeys(dataset)) {
            if (store.stat(key).isPresent()) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static ProblemException gone(Dataset dataset) {
        return ProblemException.notFound("Dataset " + dataset.id()
                + " is catalogued but its file is no longer in the lake; " + "a refresh will remove it");
    }

    private static ProblemException unprocessable(String detail) {
        return new ProblemException(Problem.of(422, "Unprocessable Content", detail));
    }
}
