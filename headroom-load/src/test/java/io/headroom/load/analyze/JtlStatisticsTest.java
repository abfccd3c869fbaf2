package io.headroom.load.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JtlStatisticsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(JtlStatisticsTest.class.getResource("/jmeter/" + name).toURI());
    }

    @Test
    void reproducesJmeterHtmlReportStatisticsExactly() throws Exception {
        JtlStatistics statistics = JtlStatistics.of(resource("HTMLReportTestFile.csv"));

        JsonNode ours = MAPPER.readTree(StatisticsJson.write(statistics));
        JsonNode jmeter = MAPPER.readTree(Files.readString(resource("HTMLReportExpect.json")));

        // Tree equality compares every number as parsed from text: exact, not within a tolerance.
        assertThat(ours).isEqualTo(jmeter);
    }

    @Test
    void readsColumnsByNameInAnyOrderWithQuotedCommasAndNewlinesAndUtf8Labels() throws IOException {
        Path jtl = write("""
                label,success,elapsed,responseMessage,timeStamp
                "Käse, bitte",true,100,"line one
                line two, with comma",1000
                "Käse, bitte",false,300,"say \"\"hi\"\"",2000
                Ümlaut,true,200,OK,1500
                """);

        JtlStatistics s = JtlStatistics.of(jtl);

        assertThat(s.labels()).containsOnlyKeys("Käse, bitte", "Ümlaut");
        LabelStatistics cheese = s.labels().get("Käse, bitte");
        assertThat(cheese.sampleCount()).isEqualTo(2);
        assertThat(cheese.errorCount()).isEqualTo(1);
        assertThat(cheese.maxResTime()).isEqualTo(300.0);
        assertThat(s.total().sampleCount()).isEqualTo(3);
        // rows out of order: first start = 1000, last end = max(1100, 2300, 1700) = 2300 → 3 samples in 1.3 s
        assertThat(s.total().throughput()).isEqualTo(3 / 1300.0 * 1000.0);
    }

    @Test
    void countsSubResultsAndExcludesTransactionControllersFromTotal() throws IOException {
        Path jtl = write("""
                timeStamp,elapsed,label,responseCode,responseMessage,success
                1000,100,page,200,OK,true
                1000,60,page-0,200,OK,true
                1000,40,page-1,200,OK,true
                1100,200,Checkout,,"Number of samples in transaction : 2, number of failing samples : 0",true
                1200,0,Empty,,"Number of samples in transaction : 0, number of failing samples : 0",true
                """);

        JtlStatistics s = JtlStatistics.of(jtl);

        assertThat(s.labels()).containsOnlyKeys("page", "page-0", "page-1", "Checkout");
        assertThat(s.labels().get("Checkout").sampleCount()).isEqualTo(1);
        assertThat(s.total().sampleCount()).isEqualTo(3);
        assertThat(s.total().maxResTime()).isEqualTo(100.0);
    }

    @Test
    void percentilesUseOnlyTheLastTwentyThousandSamplesLikeJmeter() throws IOException {
        StringBuilder csv = new StringBuilder("timeStamp,elapsed,label\n");
        for (int i = 0; i < 5_000; i++) {
            csv.append(1000 + i).append(",9000,a\n"); // slow, then pushed out of the window
        }
        for (int i = 0; i < 20_000; i++) {
            csv.append(10_000 + i).append(",10,a\n");
        }
        JtlStatistics s = JtlStatistics.of(write(csv.toString()));

        assertThat(s.total().pct3ResTime()).isEqualTo(10.0);
        assertThat(s.total().maxResTime()).isEqualTo(9000.0);
        assertThat(s.total().meanResTime()).isGreaterThan(10.0);
    }

    @Test
    void namesFileLineAndColumnWhenANumberIsBad() throws IOException {
        Path jtl = write("timeStamp,elapsed,label\n1000,100,a\n1001,fast,a\n");

        assertThatThrownBy(() -> JtlStatistics.of(jtl))
                .isInstanceOf(JtlFormatException.class)
                .hasMessageContaining(jtl.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("'elapsed'");
    }

    @Test
    void rejectsAFileWithoutTheRequiredColumns() throws IOException {
        Path jtl = write("time,elapsed,label\n1000,100,a\n");

        assertThatThrownBy(() -> JtlStatistics.of(jtl)).hasMessageContaining("no 'timeStamp' column");
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("results.jtl");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
