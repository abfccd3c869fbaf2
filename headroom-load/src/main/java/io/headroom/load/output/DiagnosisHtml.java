package io.headroom.load.output;

import static io.headroom.load.output.HtmlReport.escape;

import io.headroom.load.diagnose.Diagnosis;
import io.headroom.load.diagnose.DiagnosisText;
import io.headroom.load.diagnose.Finding;
import java.util.Locale;

/** The report's "Diagnosis" section: findings by impact with their evidence, recommendations by horizon. */
final class DiagnosisHtml {

    private DiagnosisHtml() {}

    static void render(Diagnosis d, StringBuilder h) {
        h.append("<h2>Diagnosis</h2>");
        if (d.note() != null) {
            h.append("<p><em>").append(escape(d.note())).append(".</em></p>");
        }
        if (d.findings().isEmpty()) {
            h.append("<p>No bottleneck found.</p>");
            return;
        }
        h.append("<table><tr><th>#</th><th>Category</th><th>Severity</th><th>Impact</th><th>Finding</th>"
                + "<th>Affects</th><th>Evidence</th></tr>");
        int n = 1;
        for (Finding f : d.findings()) {
            h.append("<tr><td>")
                    .append(n++)
                    .append("</td><td>")
                    .append(f.category().text())
                    .append("</td><td>")
                    .append(f.severity().name().toLowerCase(Locale.ROOT))
                    .append("</td><td>")
                    .append(f.impact())
                    .append("/10</td><td style=\"text-align:left\">")
                    .append(escape(f.title()))
                    .append("</td><td style=\"text-align:left\">")
                    .append(escape(String.join(", ", f.labels())))
                    .append("<br>")
                    .append(escape(String.join(", ", f.routes())))
                    .append("</td><td style=\"text-align:left\">");
            for (Finding.Evidence e : f.evidence()) {
                h.append(escape(DiagnosisText.evidence(e))).append("<br>");
            }
            h.append("</td></tr>");
        }
        h.append("</table><h3>Recommendations</h3><ul>");
        for (Diagnosis.Ranked r : d.recommendations()) {
            h.append("<li><b>")
                    .append(r.recommendation().horizon().text())
                    .append("</b>: ")
                    .append(escape(r.recommendation().text()))
                    .append("</li>");
        }
        h.append("</ul>");
    }
}
