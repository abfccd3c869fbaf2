package io.headroom.load.scenario;

/**
 * A threshold attached to all requests ({@code label == null}) or to one label.
 *
 * @param abortOnFail stop the run as soon as the threshold fails (checked once a second)
 */
public record ThresholdSpec(String label, Threshold threshold, boolean abortOnFail) {

    public String scope() {
        return label == null ? "all requests" : label;
    }
}
