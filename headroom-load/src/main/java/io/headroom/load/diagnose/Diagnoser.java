package io.headroom.load.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * ANA-2: turns a run's evidence into findings. Each cause is scored by the share of the client's latency it
 * accounts for (pool wait or DB time against the median response, the generator's lateness against the p99,
 * and so on), so the first finding is the one that explains most, not the first series that crossed a line.
 * Without server figures only the client-side causes are looked for, and the diagnosis says so.
 */
public final class Diagnoser {

    private Diagnoser() {}

    public static Diagnosis diagnose(RunEvidence evidence) {
        List<Finding> findings = new ArrayList<>(ClientCauses.find(evidence));
        if (evidence.hasServer()) {
            findings.addAll(ServerCauses.find(evidence));
            return new Diagnosis(true, null, findings);
        }
        return new Diagnosis(
                false,
                "client-side analysis only: " + evidence.serverStatus()
                        + "; server-side causes (database, CPU, GC, cache) cannot be told apart",
                findings);
    }
}
