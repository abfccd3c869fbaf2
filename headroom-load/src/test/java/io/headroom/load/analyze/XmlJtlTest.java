package io.headroom.load.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.csv.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMeter's XML JTL format: the same statistics as its CSV twin, sub-results included. */
class XmlJtlTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(XmlJtlTest.class.getResource("/jmeter/" + name).toURI());
    }

    @Test
    void xmlTwinOfJmetersFixtureGivesJmetersStatisticsExactly() throws Exception {
        Path xml = dir.resolve("HTMLReportTestFile.jtl");
        writeXmlTwin(resource("HTMLReportTestFile.csv"), xml);

        JsonNode ours = MAPPER.readTree(StatisticsJson.write(JtlStatistics.of(xml)));

        assertThat(JtlReader.detect(xml)).isEqualTo(JtlReader.Format.XML);
        assertThat(ours).isEqualTo(MAPPER.readTree(Files.readString(resource("HTMLReportExpect.json"))));
    }

    @Test
    void nestedSubResultsAndTransactionControllersCountAsTheRowsJmeterWritesToCsv() throws IOException {
        Path xml = write("results.jtl", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testResults version="1.2">
                <httpSample t="300" it="0" lt="20" ct="5" ts="1000" s="true" lb="page" rc="200" rm="OK" tn="g 1-1" dt="text" by="900" sby="100" ng="1" na="1">
                  <httpSample t="120" ts="1010" s="true" lb="page-0" rc="200" rm="OK" by="400" sby="50">
                    <httpSample t="60" ts="1020" s="false" lb="page-0-0" rc="404" rm="Not Found" by="10" sby="40"/>
                  </httpSample>
                  <httpSample t="90" ts="1150" s="true" lb="page-1" rc="200" rm="OK" by="500" sby="50">
                    <responseHeader class="java.lang.String">HTTP/1.1 200 OK</responseHeader>
                    <responseData class="java.lang.String">&lt;httpSample t="1"/&gt; is text here</responseData>
                  </httpSample>
                  <assertionResult><name>size</name><failure>false</failure><error>false</error></assertionResult>
                  <URL>http://example.test/page</URL>
                </httpSample>
                <sample t="410" ts="2000" s="true" lb="Checkout" rc="200" rm="Number of samples in transaction : 2, number of failing samples : 0" by="30" sby="20">
                  <httpSample t="200" ts="2000" s="true" lb="cart" rc="200" rm="OK" by="10" sby="10"/>
                  <httpSample t="210" ts="2200" s="true" lb="pay" rc="200" rm="OK" by="20" sby="10"/>
                </sample>
                <sample t="0" ts="3000" s="true" lb="Empty" rc="200" rm="Number of samples in transaction : 0, number of failing samples : 0"/>
                </testResults>
                """);
        // What CSVSaveService writes for the same results: each parent, then its sub-results depth-first.
        Path csv = write("twin.csv", """
                timeStamp,elapsed,label,responseCode,responseMessage,success,bytes,sentBytes
                1000,300,page,200,OK,true,900,100
                1010,120,page-0,200,OK,true,400,50
                1020,60,page-0-0,404,Not Found,false,10,40
                1150,90,page-1,200,OK,true,500,50
                2000,410,Checkout,200,"Number of samples in transaction : 2, number of failing samples : 0",true,30,20
                2000,200,cart,200,OK,true,10,10
                2200,210,pay,200,OK,true,20,10
                3000,0,Empty,200,"Number of samples in transaction : 0, number of failing samples : 0",true,0,0
                """);

        JtlStatistics fromXml = JtlStatistics.of(xml);

        assertThat(MAPPER.readTree(StatisticsJson.write(fromXml)))
                .isEqualTo(MAPPER.readTree(StatisticsJson.write(JtlStatistics.of(csv))));
        assertThat(fromXml.labels())
                .containsOnlyKeys("page", "page-0", "page-0-0", "page-1", "Checkout", "cart", "pay");
        assertThat(fromXml.total().sampleCount()).isEqualTo(6); // the controller row is not in Total
        assertThat(fromXml.total().errorCount()).isEqualTo(1);
        assertThat(fromXml.errorsByType()).containsEntry("404/Not Found", 1L);
    }

    @Test
    void subResultsDeeperThanCsvSaveServiceWritesAreLeftOut() throws IOException {
        StringBuilder xml = new StringBuilder("<testResults version=\"1.2\">");
        for (int level = 0; level < 14; level++) {
            xml.append("<httpSample t=\"10\" ts=\"")
                    .append(1000 + level)
                    .append("\" lb=\"l")
                    .append(level)
                    .append("\">");
        }
        xml.append("</httpSample>".repeat(14)).append("</testResults>");

        JtlStatistics s = JtlStatistics.of(write("deep.jtl", xml.toString()));

        // The parent and 11 levels of sub-results; levels 12 and 13 are not written by JMeter's CSV saver.
        assertThat(s.total().sampleCount()).isEqualTo(1 + XmlJtlReader.MAX_SUB_RESULT_DEPTH);
        assertThat(s.labels()).containsKey("l11").doesNotContainKey("l12");
    }

    @Test
    void detectsXmlByContentAfterAByteOrderMarkAndBlankLinesWithoutADeclaration() throws IOException {
        Path file = dir.resolve("results.csv");
        Files.write(
                file,
                ("\uFEFF\n  \n<testResults version=\"1.2\"><sample t=\"5\" ts=\"1\" lb=\"a\" s=\"false\" rc=\"500\"/>"
                                + "</testResults>")
                        .getBytes(StandardCharsets.UTF_8));

        JtlStatistics s = JtlStatistics.of(file);

        assertThat(s.total().sampleCount()).isEqualTo(1);
        assertThat(s.total().errorCount()).isEqualTo(1);
    }

    @Test
    void namesFileLineAndAttributeWhenASampleIsBad() throws IOException {
        Path noStamp = write(
                "a.jtl",
                "<testResults version=\"1.2\">\n<httpSample t=\"1\" ts=\"1\" lb=\"a\"/>\n"
                        + "<httpSample t=\"1\" lb=\"b\"/>\n</testResults>\n");
        Path badNumber = write("b.jtl", "<testResults>\n<httpSample t=\"fast\" ts=\"1\" lb=\"a\"/>\n</testResults>\n");
        Path broken = write(
                "c.jtl",
                "<?xml version=\"1.0\"?>\n<testResults>\n<httpSample t=\"1\" ts=\"1\" lb=\"a\">\n"
                        + "</testResults>\n");
        Path otherRoot = write("d.jtl", "<jmeterTestPlan version=\"1.2\"/>");
        Path empty = write("e.jtl", "<testResults version=\"1.2\">\n</testResults>\n");

        assertThatThrownBy(() -> JtlStatistics.of(noStamp))
                .isInstanceOf(JtlFormatException.class)
                .hasMessageContaining(noStamp.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("'ts'");
        assertThatThrownBy(() -> JtlStatistics.of(badNumber))
                .hasMessageContaining("line 2")
                .hasMessageContaining("'t' must be a whole number, got 'fast'");
        assertThatThrownBy(() -> JtlStatistics.of(broken))
                .hasMessageContaining("line 4")
                .hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> JtlStatistics.of(otherRoot)).hasMessageContaining("<jmeterTestPlan>");
        assertThatThrownBy(() -> JtlStatistics.of(empty)).hasMessageContaining("no samples");
    }

    @Test
    void refusesExternalEntities() throws IOException {
        Path secret = write("secret.txt", "1");
        Path xml = write(
                "xxe.jtl",
                "<?xml version=\"1.0\"?><!DOCTYPE testResults [<!ENTITY x SYSTEM \"" + secret.toUri()
                        + "\">]><testResults><httpSample t=\"&x;\" ts=\"1\" lb=\"a\"/></testResults>");

        assertThatThrownBy(() -> JtlStatistics.of(xml)).isInstanceOf(JtlFormatException.class);
    }

    /** Writes the samples of a CSV JTL as JMeter's XML listener would: one {@code <httpSample>} per row. */
    static void writeXmlTwin(Path csv, Path xml) throws Exception {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                Writer out = Files.newBufferedWriter(xml, StandardCharsets.UTF_8)) {
            CsvReader rows = CsvReader.strict(in, ',');
            List<String> header = rows.next();
            XMLStreamWriter w = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testResults");
            w.writeAttribute("version", "1.2");
            Map<String, String> attributeOf = Map.ofEntries(
                    Map.entry("elapsed", "t"),
                    Map.entry("IdleTime", "it"),
                    Map.entry("Latency", "lt"),
                    Map.entry("Connect", "ct"),
                    Map.entry("timeStamp", "ts"),
                    Map.entry("success", "s"),
                    Map.entry("label", "lb"),
                    Map.entry("responseCode", "rc"),
                    Map.entry("responseMessage", "rm"),
                    Map.entry("threadName", "tn"),
                    Map.entry("dataType", "dt"),
                    Map.entry("bytes", "by"),
                    Map.entry("sentBytes", "sby"),
                    Map.entry("grpThreads", "ng"),
                    Map.entry("allThreads", "na"));
            for (List<String> row = rows.next(); row != null; row = rows.next()) {
                Map<String, String> field = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    field.put(header.get(i), row.get(i));
                }
                w.writeCharacters("\n");
                w.writeStartElement("httpSample");
                for (String column : List.of(
                        "elapsed",
                        "IdleTime",
                        "Latency",
                        "Connect",
                        "timeStamp",
                        "success",
                        "label",
                        "responseCode",
                        "responseMessage",
                        "threadName",
                        "dataType",
                        "bytes",
                        "sentBytes",
                        "grpThreads",
                        "allThreads")) {
                    w.writeAttribute(attributeOf.get(column), field.get(column));
                }
                w.writeStartElement("java.net.URL");
                w.writeCharacters(field.get("URL"));
                w.writeEndElement();
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        }
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
