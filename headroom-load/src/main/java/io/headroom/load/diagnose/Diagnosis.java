package io.headroom.load.diagnose;

import java.util.Comparator;
import java.util.List;

/**
 * The findings of a run, most impact first, and their recommendations by horizon.
 *
 * @param serverSide whether server figures were there; when not, {@code note} says why and the findings are
 *                   the client's alone
 */
public record Diagnosis(boolean serverSide, String note, List<Finding> findings) {

    public Diagnosis {
        Comparator<Finding> byImpact = Comparator.comparingInt(Finding::impact);
        Comparator<Finding> byShare = Comparator.comparingDouble(Finding::share);
        findings = findings.stream()
                .sorted(byImpact.thenComparing(byShare).reversed())
                .toList();
    }

    /** Every finding's recommendations: immediate first, then short-term, then long-term; within each, by impact. */
    public List<Ranked> recommendations() {
        return findings.stream()
                .flatMap(f -> f.recommendations().stream().map(r -> new Ranked(r, f)))
                .sorted(Comparator.comparing((Ranked r) -> r.recommendation().horizon()))
                .toList();
    }

    public record Ranked(Finding.Recommendation recommendation, Finding finding) {}
}
