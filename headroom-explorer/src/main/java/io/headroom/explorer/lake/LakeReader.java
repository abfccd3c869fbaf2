package io.headroom.explorer.lake;

import io.headroom.explorer.catalog.DatasetMetadata;
import java.io.IOException;
import java.util.List;

/** Discovery and analysis of a whole store: what a catalog refresh consumes. */
public interface LakeReader {

    /** Every dataset in the store, grouped by base name (SVC-2). Listing only, no file contents read. */
    List<DiscoveredDataset> discover() throws IOException;

    /** Analyses one dataset (SVC-3) with streamed reads; safe to call from several threads at once. */
    DatasetMetadata analyze(DiscoveredDataset dataset) throws IOException;
}
