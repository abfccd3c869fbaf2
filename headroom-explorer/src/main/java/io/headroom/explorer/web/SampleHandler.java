package io.headroom.explorer.web;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.UnsupportedContentException;
import io.headroom.explorer.lake.analysis.MalformedDataException;
import io.headroom.explorer.lake.sample.Sample;
import io.headroom.explorer.lake.sample.SampleReader;
import io.headroom.toolkit.helidon.JsonResponse;
import io.headroom.toolkit.http.Problem;
import io.headroom.toolkit.http.ProblemException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * {@code GET /api/v1/datasets/{id}/sample?rows=20} (SVC-7): the first rows of a dataset, 1–1000,
 * default 20. The catalog tells where the dataset is through a {@link DatasetLocator}; the rows come
 * from the {@link SampleReader}. Formats or encodings we cannot decode answer 422.
 */
public final class SampleHandler {
    public static final int DEFAULT_ROWS = 20;

    /** Where a catalogued dataset's primary file is: the catalog's find-by-id, reduced to what a sample needs. */
    @FunctionalInterface
    public interface DatasetLocator {
        Optional<Location> locate(long id) throws IOException;
    }

    /** @param path the store key of the primary file */
    public record Location(String path, DatasetFormat format) {}

    private final DatasetLocator locator;
    private final SampleReader reader;

    public SampleHandler(DatasetLocator locator, SampleReader reader) {
        this.locator = locator;
        this.reader = reader;
    }

    public void handle(ServerRequest req, ServerResponse res) throws IOException {
        long id = id(req.path().pathParameters().first("id").orElse(""));
        int rows = rows(req.query().first("rows").asOptional());
        Location location = locator.locate(id).orElseThrow(() -> ProblemException.notFound("No dataset with id " + id));
        Sample sample;
        try {
            sample = reader.read(location.path(), location.format(), rows);
        } catch (UnsupportedContentException e) {
            throw unprocessable(e.getMessage());
        } catch (MalformedDataException e) {
            throw unprocessable(
                    "The dataset's file cannot be read as " + location.format().apiName() + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw ProblemException.notFound("Dataset " + id + " is catalogued but its file is no longer in the "
                    + "lake; a refresh will remove it");
        }
        JsonResponse.send(res, sample);
    }

    static long id(String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badParameter("id", "must be a positive integer");
    }

    static int rows(Optional<String> value) {
        if (value.isEmpty()) {
            return DEFAULT_ROWS;
        }
        try {
            int rows = Integer.parseInt(value.get().strip());
            if (rows >= 1 && rows <= SampleReader.MAX_ROWS) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badParameter("rows", "must be an integer from 1 to " + SampleReader.MAX_ROWS);
    }

    private static ProblemException unprocessable(String detail) {
        return new ProblemException(Problem.of(422, "Unprocessable Content", detail));
    }
}
