package io.headroom.explorer.lake;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.lake.analysis.AnalysisLimits;
import io.headroom.explorer.lake.analysis.CsvAnalyzer;
import io.headroom.explorer.lake.analysis.JsonAnalyzer;
import io.headroom.explorer.lake.analysis.MalformedDataException;
import io.headroom.explorer.lake.analysis.TableProfile;
import io.headroom.explorer.lake.discovery.DatasetFileName;
import io.headroom.explorer.lake.discovery.DatasetGrouper;
import io.headroom.explorer.lake.discovery.Sidecar;
import io.headroom.explorer.lake.discovery.SidecarParser;
import io.headroom.explorer.lake.parquet.ParquetAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LakeReader} over any {@link ObjectStore} (local now, S3 later): discovery groups the
 * listing, analysis dispatches on the format and merges the sidecar. A file whose content is not
 * what its format promises is logged and catalogued without statistics — one bad file never fails
 * a refresh; only store I/O errors propagate.
 */
public final class StoreLakeReader implements LakeReader {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLakeReader.class);

    private final ObjectStore store;
    private final CsvAnalyzer csv;
    private final JsonAnalyzer json;

    public StoreLakeReader(ObjectStore store, AnalysisLimits limits) {
        this.store = store;
        this.csv = new CsvAnalyzer(limits);
        this.json = new JsonAnalyzer(limits);
    }

    @Override
    public List<DiscoveredDataset> discover() throws IOException {
        try (Stream<StoredObject> listing = store.list()) {
            return DatasetGrouper.group(listing);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public DatasetMetadata analyze(DiscoveredDataset dataset) throws IOException {
        StoredObject primary = dataset.primary();
        TableProfile profile = profile(primary, dataset.format());
        Optional<Sidecar> sidecar = readSidecar(dataset);
        return merge(dataset, profile, sidecar.orElse(null));
    }

    /** The content's profile, or an unknown one when the content is not what the format promises. */
    TableProfile profile(StoredObject file, DatasetFormat format) throws IOException {
        DatasetFileName name = DatasetFileName.parse(StoreKeys.fileNameOf(file.key()));
        try {
            return switch (format) {
                case CSV, TSV -> {
                    try (InputStream in = store.open(file.key())) {
                        yield csv.analyze(in, file.sizeBytes(), name.gzip(), format);
                    }
                }
                case JSON, JSONL -> {
                    try (InputStream in = store.open(file.key())) {
                        yield json.analyze(in, file.sizeBytes(), name.gzip(), format);
                    }
                }
                case PARQUET -> ParquetAnalyzer.analyze(store, file);
                case OTHER -> sniffOther(file, name);
                case AVRO, ORC, EXCEL -> TableProfile.unknown(format);
            };
        } catch (MalformedDataException e) {
            LOG.warn("Cannot analyse {} as {}: {}", file.key(), format.apiName(), e.getMessage());
            return TableProfile.unknown(format);
        }
    }

    /**
     * An unknown extension (.txt, .dat, none): a Parquet magic, a JSON opening or a consistently
     * delimited text makes it that format; anything else stays "other".
     */
    private TableProfile sniffOther(StoredObject file, DatasetFileName name) throws IOException {
        byte[] head;
        try (InputStream in = store.openRange(file.key(), 0, 16)) {
            head = in.readNBytes(16);
        }
        if (!name.gzip() && head.length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return ParquetAnalyzer.analyze(store, file);
        }
        String start = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (!name.gzip() && (start.startsWith("[") || start.startsWith("{"))) {
            try (InputStream in = store.open(file.key())) {
                return json.analyze(in, file.sizeBytes(), false, DatasetFormat.JSON);
            } catch (MalformedDataException e) {
                return TableProfile.unknown(DatasetFormat.OTHER);
            }
        }
        try (InputStream in = store.open(file.key())) {
            return csv.analyze(in, file.sizeBytes(), name.gzip(), DatasetFormat.OTHER);
        }
    }

    private Optional<Sidecar> readSidecar(DiscoveredDataset dataset) throws IOException {
        if (dataset.sidecar().isEmpty()) {
            return Optional.empty();
        }
        StoredObject file = dataset.sidecar().get();
        if (file.sizeBytes() > SidecarParser.MAX_CHARS * 4L) {
            LOG.warn("Ignoring sidecar {}: {} bytes is too large for a sidecar", file.key(), file.sizeBytes());
            return Optional.empty();
        }
        try (InputStream in = store.open(file.key())) {
            return SidecarParser.parse(in, file.key());
        }
    }

    /**
     * The sidecar augments what analysis measured: description, tags and license come only from it;
     * its completeness replaces the one measured on the first rows (the publisher knows the whole
     * file); its row count replaces an estimated or unknown count, never an exact one.
     */
    static DatasetMetadata merge(DiscoveredDataset dataset, TableProfile profile, Sidecar sidecar) {
        Long records = profile.recordCount();
        boolean exact = profile.recordCountExact();
        Double completeness = profile.completeness();
        if (sidecar != null) {
            if (sidecar.recordCount() != null && (records == null || !exact)) {
                records = sidecar.recordCount();
                exact = true;
            }
            if (sidecar.completeness() != null) {
                completeness = sidecar.completeness();
            }
        }
        StoredObject primary = dataset.primary();
        return new DatasetMetadata(
                primary.key(),
                dataset.name(),
                dataset.folder(),
                profile.format(),
                primary.sizeBytes(),
                primary.lastModified(),
                records,
                exact,
                profile.columnCount(),
                completeness,
                profile.columns(),
                sidecar == null ? List.of() : sidecar.tags(),
                sidecar == null ? null : sidecar.description(),
                sidecar == null ? null : sidecar.license());
    }
}
