package io.headroom.load.measure;

/**
 * The baseline comparison of LOAD-7: p95 and error rate of the Total against a saved JSON summary.
 *
 * @param allowed the allowed relative increase (0.10 for 10 %)
 * @param cause for a failed p95 check with a baseline summary to compare with: which labels regressed and why, or null
 */
public record Regression(String metric, double baseline, double current, double allowed, boolean passed, String cause) {

    public Regression(String metric, double baseline, double current, double allowed, boolean passed) {
        this(metric, baseline, current, allowed, passed, null);
    }

    /** This check with what explains it (the labels that regressed and the server-side changes, see RegressionCauses). */
    public Regression withCause(String why) {
        return new Regression(metric, baseline, current, allowed, passed, why);
    }

    /** p95 may grow by at most {@code allowed} relative to the baseline. */
    public static Regression p95(double baseline, double current, double allowed) {
        return new Regression("p95", baseline, current, allowed, current <= baseline * (1 + allowed));
    }

    /**
     * The error rate may grow by at most {@code allowed} relative to the baseline. From a zero baseline a
     * relative limit would forbid any error at all, so the limit becomes an absolute error rate of
     * {@code allowed / 100} (10 % allows 0.1 % errors).
     */
    public static Regression errorRate(double baseline, double current, double allowed) {
        double limit = baseline > 0 ? baseline * (1 + allowed) : allowed / 100;
        return new Regression("error rate", baseline, current, allowed, current <= limit);
    }
}
