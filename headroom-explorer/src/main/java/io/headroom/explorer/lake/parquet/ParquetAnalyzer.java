package io.headroom.explorer.lake.parquet;

import io.headroom.explorer.catalog.DatasetFormat;
import io.headroom.explorer.lake.ObjectStore;
import io.headroom.explorer.lake.StoredObject;
import io.headroom.explorer.lake.analysis.TableProfile;
import java.io.IOException;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;

/**
 * SVC-3 for Parquet, from the footer only: columns and types from the schema, the exact row count
 * from the metadata, and completeness from the first row group's null counts (column statistics),
 * unknown when a writer left them out.
 */
public final class ParquetAnalyzer {
    private ParquetAnalyzer() {}

    public static TableProfile analyze(ObjectStore store, StoredObject file) throws IOException {
        FileMetaData metadata = ParquetFooter.read(store, file);
        ParquetSchema schema = ParquetSchema.of(metadata);
        return new TableProfile(
                DatasetFormat.PARQUET, schema.columns(), metadata.getNum_rows(), true, completeness(metadata, schema));
    }

    static Double completeness(FileMetaData metadata, ParquetSchema schema) {
        if (!metadata.isSetRow_groups()
                || metadata.getRow_groups().isEmpty()
                || schema.leaves().isEmpty()) {
            return null;
        }
        RowGroup first = metadata.getRow_groups().getFirst();
        if (first.getNum_rows() == 0
                || first.getColumns().size() != schema.leaves().size()) {
            return null;
        }
        long nulls = 0;
        for (ColumnChunk chunk : first.getColumns()) {
            if (!chunk.isSetMeta_data()
                    || !chunk.getMeta_data().isSetStatistics()
                    || !chunk.getMeta_data().getStatistics().isSetNull_count()) {
                return null;
            }
            nulls += chunk.getMeta_data().getStatistics().getNull_count();
        }
        long cells = first.getNum_rows() * (long) schema.leaves().size();
        return Math.round((cells - nulls) * 10_000.0 / cells) / 100.0;
    }
}
