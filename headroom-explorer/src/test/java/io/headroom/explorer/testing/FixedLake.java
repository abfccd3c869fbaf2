package io.headroom.explorer.testing;

import io.headroom.explorer.catalog.DatasetMetadata;
import io.headroom.explorer.lake.DiscoveredDataset;
import io.headroom.explorer.lake.LakeReader;
import io.headroom.explorer.lake.StoredObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A lake that lists exactly the datasets a test put in it. Analysis returns the metadata given, throws
 * for paths marked broken, and can be held on a latch so a test can observe a refresh mid-way.
 */
public final class FixedLake implements LakeReader {
    private final Map<String, DatasetMetadata> datasets = new ConcurrentHashMap<>();
    private final Set<String> broken = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public FixedLake(List<DatasetMetadata> initial) {
        initial.forEach(this::put);
    }

    public void put(DatasetMetadata metadata) {
        datasets.put(metadata.path(), metadata);
    }

    public void remove(String path) {
        datasets.remove(path);
    }

    public void breakAnalysisOf(String path) {
        broken.add(path);
    }

    /** Until {@link #open()}, every analysis waits (at most a minute, so a failed test cannot hang the build). */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void open() {
        gate.countDown();
    }

    @Override
    public List<DiscoveredDataset> discover() {
        List<DiscoveredDataset> result = new ArrayList<>();
        for (DatasetMetadata m : datasets.values()) {
            StoredObject primary = new StoredObject(m.path(), m.sizeBytes(), m.lastModified());
            result.add(new DiscoveredDataset(
                    m.name(), m.folder(), m.format(), primary, List.of(primary), Optional.empty()));
        }
        return result;
    }

    @Override
    public DatasetMetadata analyze(DiscoveredDataset dataset) throws IOException {
        try {
            gate.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        String path = dataset.primary().key();
        if (broken.contains(path)) {
            throw new IOException("unreadable test file " + path);
        }
        DatasetMetadata metadata = datasets.get(path);
        if (metadata == null) {
            throw new IOException("vanished during the refresh: " + path);
        }
        return metadata;
    }
}
