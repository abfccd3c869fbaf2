package io.headroom.load.measure;

/** Receives every finished request (metrics, JTL writer). Called from I/O threads: must be thread-safe and quick. */
public interface SampleListener {
    void onSample(Sample sample);
}
