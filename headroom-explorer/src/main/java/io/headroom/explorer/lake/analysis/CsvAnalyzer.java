package io.headroom.explorer.lake.analysis;

import io.headroom.csv.CsvFormatException;
import io.headroom.csv.CsvReader;
import io.headroom.explorer.catalog.DatasetFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Streams a delimited text file once: sniffs the delimiter, detects the header, profiles the first
 * rows (types, completeness) and counts records — to the end for files up to the exact-count limit,
 * else over a prefix, scaled to the file size and marked as an estimate.
 */
public final class CsvAnalyzer {
    private final AnalysisLimits limits;

    public CsvAnalyzer(AnalysisLimits limits) {
        this.limits = limits;
    }

    /**
     * @param declared the format by extension: CSV or TSV (kept), or OTHER (becomes CSV/TSV only when
     *     the content is clearly a table)
     */
    public TableProfile analyze(InputStream stored, long sizeBytes, boolean gzip, DatasetFormat declared)
            throws IOException {
        try (TextInput input = TextInput.open(stored, gzip)) {
            if (input.looksBinary()) {
                if (declared == DatasetFormat.OTHER) {
                    return TableProfile.unknown(declared);
                }
                throw new MalformedDataException("binary content in a " + declared.apiName() + " file");
            }
            DelimiterSniffer.Sniffed sniffed = DelimiterSniffer.sniff(
                    input.headText(), input.headTruncated(), declared == DatasetFormat.TSV ? '\t' : ',');
            DatasetFormat format = declared;
            if (declared == DatasetFormat.OTHER) {
                if (!sniffed.isTable()) {
                    return TableProfile.unknown(declared);
                }
                format = sniffed.delimiter() == '\t' ? DatasetFormat.TSV : DatasetFormat.CSV;
            }
            return profile(input, CsvReader.lenient(input.reader(), sniffed.delimiter()), sizeBytes, format);
        } catch (CsvFormatException e) {
            throw new MalformedDataException(e.getMessage(), e);
        }
    }

    private TableProfile profile(TextInput input, CsvReader parser, long sizeBytes, DatasetFormat format)
            throws IOException {
        List<String> first = parser.next();
        if (first == null) {
            return new TableProfile(format, List.of(), 0L, true, null);
        }
        boolean header = HeaderDetector.isHeader(first);
        ColumnStats stats = new ColumnStats();
        for (int i = 0; i < first.size(); i++) {
            stats.addColumn(header ? first.get(i).strip() : HeaderDetector.generatedName(i));
        }
        long records = 0;
        List<String> row = header ? parser.next() : first;
        while (row != null) {
            records++;
            stats.countRow();
            for (int i = 0; i < Math.min(row.size(), stats.columnCount()); i++) {
                stats.record(i, CellType.of(row.get(i)));
            }
            if (stats.rows() >= limits.profileRows()) {
                break;
            }
            row = parser.next();
        }
        if (row == null) { // the file ended within the profiled rows
            return new TableProfile(format, stats.columns(), records, true, stats.completeness());
        }
        RecordCount count = countRest(input, parser, records, sizeBytes);
        return new TableProfile(format, stats.columns(), count.records(), count.exact(), stats.completeness());
    }

    private RecordCount countRest(TextInput input, CsvReader parser, long counted, long sizeBytes) throws IOException {
        long records = counted;
        if (sizeBytes <= limits.exactCountLimitBytes()) {
            while (parser.skip()) {
                records++;
            }
            return new RecordCount(records, true);
        }
        while (input.storedBytesRead() < limits.estimatePrefixBytes()) {
            if (!parser.skip()) {
                return new RecordCount(records, true); // the whole file fit in the prefix
            }
            records++;
        }
        return RecordCount.estimate(records, input.storedBytesRead(), sizeBytes);
    }
}
