package io.headroom.cli;

import io.headroom.load.diagnose.Diagnoser;
import io.headroom.load.diagnose.Diagnosis;
import io.headroom.load.diagnose.DiagnosisJson;
import io.headroom.load.diagnose.DiagnosisText;
import io.headroom.load.diagnose.EvidenceReader;
import io.headroom.load.scenario.ScenarioException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code analyze} modes that read {@code headroom load} summaries: {@code --server} and {@code --baseline/--compare}. */
final class RunAnalysis {

    private RunAnalysis() {}

    static int run(AnalyzeCommand c) {
        if (c.file != null) {
            throw new ScenarioException("--server and --baseline/--compare read summary.json files, not a JTL FILE");
        }
        if ((c.baseline == null) != (c.compare == null)) {
            throw new ScenarioException("--baseline and --compare go together (two summary.json files)");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit = 0;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            if (c.server != null) {
                Diagnosis d = Diagnoser.diagnose(EvidenceReader.read(c.server));
                if (c.json) {
                    out.println(DiagnosisJson.toJson(d).toPrettyString());
                } else {
                    DiagnosisText.print(d, out);
                }
            }
            if (c.baseline != null) {
                exit = RegressionAnalysis.run(
                        c.baseline, c.compare, LoadCommand.regression(c.maxRegression), c.json, out);
            }
        }
        c.spec.commandLine().getOut().print(buffer.toString(StandardCharsets.UTF_8));
        c.spec.commandLine().getOut().flush();
        return exit;
    }
}
