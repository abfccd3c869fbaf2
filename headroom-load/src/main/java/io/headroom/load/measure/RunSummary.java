package io.headroom.load.measure;

import java.util.List;
import java.util.Optional;

/** The figures of a finished run: per label, Total, and iterations that could not start (dropped). */
public record RunSummary(double durationSeconds, List<LabelSummary> labels, LabelSummary total, long dropped) {

    public Optional<LabelSummary> label(String name) {
        if (RunMetrics.TOTAL.equals(name)) {
            return Optional.of(total);
        }
        return labels.stream().filter(l -> l.label().equals(name)).findFirst();
    }
}
