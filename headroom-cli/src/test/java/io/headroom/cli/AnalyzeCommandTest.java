package io.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(AnalyzeCommandTest.class.getResource("/jmeter/" + name).toURI());
    }

    @Test
    void jsonOutputEqualsJmeterStatisticsJson() throws Exception {
        CommandRun run = CommandRun.of(
                "analyze", "--json", fixture("HTMLReportTestFile.csv").toString());

        assertThat(run.exitCode()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(run.out()))
                .isEqualTo(mapper.readTree(Files.readString(fixture("HTMLReportExpect.json"))));
    }

    @Test
    void tablePrintsEveryLabelAndTotal() throws Exception {
        CommandRun run =
                CommandRun.of("analyze", fixture("HTMLReportTestFile.csv").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("JR-OK")
                .contains("JR-KO")
                .contains("Total")
                .contains("339.20")
                .contains("1.18%")
                .contains("4.24");
        // The 3 failures of the fixture are all "400 Bad request".
        assertThat(run.out())
                .contains("Errors by type")
                .containsPattern("400/\\S.*\\s3\\s+100.00% of errors\\s+1.18% of samples");
    }

    @Test
    void goalsPrintPassFailAndRecommendationsAndExit99WhenOneFails() throws Exception {
        CommandRun run = CommandRun.of(
                "analyze", fixture("HTMLReportTestFile.csv").toString(), "--goal", "p(95)<300", "--goal", "errors<5%");

        assertThat(run.exitCode()).isEqualTo(99);
        assertThat(run.out())
                .containsPattern("p\\(95\\)<300\\s+FAIL\\s+actual 339.2 ms")
                .containsPattern("errors<5%\\s+PASS")
                .contains("Recommendations")
                .contains("'JR-OK' (339.4 ms, +13% vs the goal)")
                // errors<5% holds overall but not for the failing label JR-KO (100 %).
                .contains("'JR-KO' (100.00%");
    }

    @Test
    void allGoalsMetExitsZero() throws Exception {
        CommandRun run = CommandRun.of(
                "analyze", fixture("HTMLReportTestFile.csv").toString(), "--goal", "p(99)<400", "--goal", "avg<250");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("Recommendations");
    }

    @Test
    void unreadableInputExitsWith2() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "timeStamp,elapsed,label\n1,two,a\n");

        CommandRun badNumber = CommandRun.of("analyze", bad.toString());
        CommandRun missing = CommandRun.of("analyze", dir.resolve("none.jtl").toString());
        CommandRun badGoal = CommandRun.of("analyze", bad.toString(), "--goal", "fast please");

        assertThat(badNumber.exitCode()).isEqualTo(2);
        assertThat(badNumber.err()).contains("bad.csv: line 2: column 'elapsed'");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        assertThat(badGoal.exitCode()).isEqualTo(2);
        assertThat(badGoal.err()).contains("bad --goal 'fast please'");
    }

    @Test
    void readsXmlJtlsByContentWithTheSameFiguresAsTheirCsvTwinAndNamesThePercentileMethod() throws IOException {
        Path csv = dir.resolve("run.csv");
        Files.writeString(csv, """
                timeStamp,elapsed,label,responseCode,responseMessage,success,bytes,sentBytes
                1000,120,home,200,OK,true,500,90
                1100,80,home-0,200,OK,true,300,60
                1400,950,search,500,Server Error,false,40,70
                """);
        Path xml = dir.resolve("run.jtl");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <testResults version="1.2">
                <httpSample t="120" it="0" lt="30" ct="4" ts="1000" s="true" lb="home" rc="200" rm="OK" tn="t 1-1" dt="text" by="500" sby="90" ng="1" na="1">
                  <httpSample t="80" ts="1100" s="true" lb="home-0" rc="200" rm="OK" by="300" sby="60"/>
                </httpSample>
                <httpSample t="950" ts="1400" s="false" lb="search" rc="500" rm="Server Error" by="40" sby="70"/>
                </testResults>
                """);
        Path broken = dir.resolve("broken.jtl");
        Files.writeString(broken, "<testResults>\n<httpSample t=\"1\" ts=\"1\" lb=\"a\">\n");

        CommandRun fromCsv = CommandRun.of("analyze", csv.toString());
        CommandRun fromXml = CommandRun.of("analyze", xml.toString(), "--goal", "p(99)<1000");
        CommandRun bad = CommandRun.of("analyze", broken.toString());

        assertThat(fromXml.exitCode()).isZero();
        assertThat(fromXml.out()).startsWith(fromCsv.out()).contains("search").contains("500/Server Error");
        assertThat(fromXml.out())
                .contains("commons-math LEGACY estimator over each label's last 20,000 samples")
                .contains("HdrHistogram");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("broken.jtl: line 3").contains("not well-formed XML");
    }
}
