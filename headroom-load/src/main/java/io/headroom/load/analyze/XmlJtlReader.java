package io.headroom.load.analyze;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads JMeter's XML JTL ({@code <testResults version="1.2">} holding {@code <httpSample>} and
 * {@code <sample>} elements) with a StAX cursor: one element at a time, nothing kept, so a file of
 * gigabytes reads in constant memory.
 *
 * <p>Every sample element is one sample, sub-results included, in document order (a parent before its
 * sub-results). That is exactly the row sequence JMeter's {@code CSVSaveService.saveSampleResult}
 * writes for the same results when saving CSV (parent row, then its sub-results depth-first, up to
 * {@value #MAX_SUB_RESULT_DEPTH} levels below it), and JMeter's HTML report generator, which reads only
 * CSV, counts every row under its own label. So a run saved as XML gets the statistics its CSV twin
 * would get. Transaction-controller parents are recognised by their response message, as in CSV.
 *
 * <p>Attributes (JMeter's {@code SampleResultConverter} names): {@code ts} start time (epoch ms, whatever
 * the CSV timestamp format), {@code t} elapsed ms, {@code lb} label, {@code rc} response code,
 * {@code rm} message, {@code s} success, {@code by} bytes, {@code sby} sent bytes. {@code ts}, {@code t}
 * and {@code lb} are required; the others default as in the CSV reader.
 */
final class XmlJtlReader {

    /** {@code CSVSaveService} stops recursing after this many sub-result levels (recursionLevel > 10). */
    static final int MAX_SUB_RESULT_DEPTH = 11;

    private XmlJtlReader() {}

    static void read(Path file, Consumer<JtlSample> sink) {
        XMLStreamReader xml = null;
        try (InputStream in = Files.newInputStream(file)) {
            xml = factory().createXMLStreamReader(in);
            readDocument(file, xml, sink);
        } catch (XMLStreamException e) {
            throw new JtlFormatException(file + ": " + where(e.getLocation()) + "not well-formed XML: "
                    + e.getMessage().replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message: ", ""));
        } catch (IOException e) {
            throw new JtlFormatException(file + ": " + e.getMessage());
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // the stream itself is closed by try-with-resources
                }
            }
        }
    }

    /** A plain StAX parser that never resolves DTDs or external entities (a JTL has neither; refusing is safer). */
    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    private static void readDocument(Path file, XMLStreamReader xml, Consumer<JtlSample> sink)
            throws XMLStreamException {
        boolean root = true;
        int sampleDepth = 0; // how many sample elements enclose the cursor
        int skipDepth = 0; // > 0 while inside an element we do not read (assertions, response data)
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if (root) {
                    root = false;
                    if (!name.equals("testResults")) {
                        throw new JtlFormatException(file + ": " + where(xml.getLocation()) + "the root element is <"
                                + name + ">; a JMeter XML JTL starts with <testResults>");
                    }
                } else if (skipDepth > 0) {
                    skipDepth++;
                } else if (name.equals("httpSample") || name.equals("sample")) {
                    sampleDepth++;
                    if (sampleDepth <= MAX_SUB_RESULT_DEPTH + 1) {
                        sink.accept(sample(file, xml));
                    }
                } else {
                    skipDepth = 1;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                if (skipDepth > 0) {
                    skipDepth--;
                } else if (sampleDepth > 0) {
                    sampleDepth--;
                }
            }
        }
    }

    private static JtlSample sample(Path file, XMLStreamReader xml) {
        String ts = null;
        String t = null;
        String lb = null;
        String rc = "";
        String rm = null;
        String s = null;
        String by = null;
        String sby = null;
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            String value = xml.getAttributeValue(i);
            switch (xml.getAttributeLocalName(i)) {
                case "ts" -> ts = value;
                case "t" -> t = value;
                case "lb" -> lb = value;
                case "rc" -> rc = value;
                case "rm" -> rm = value;
                case "s" -> s = value;
                case "by" -> by = value;
                case "sby" -> sby = value;
                default -> {
                    // it, lt, ct, tn, dt, ng, na, hn, sc, ec, de: not needed for the statistics
                }
            }
        }
        Location at = xml.getLocation();
        if (lb == null) {
            throw missing(file, at, xml.getLocalName(), "lb", "the label");
        }
        return new JtlSample(
                number(file, at, "ts", required(file, at, xml.getLocalName(), "ts", ts, "the start time stamp")),
                number(file, at, "t", required(file, at, xml.getLocalName(), "t", t, "the elapsed time")),
                lb,
                rc,
                s == null || !"false".equalsIgnoreCase(s.strip()),
                by == null || by.isBlank() ? 0 : number(file, at, "by", by),
                sby == null || sby.isBlank() ? 0 : number(file, at, "sby", sby),
                rm,
                Double.NaN, // Server-Timing figures are written to CSV JTLs only
                Double.NaN);
    }

    private static String required(
            Path file, Location at, String element, String attribute, String value, String meaning) {
        if (value == null) {
            throw missing(file, at, element, attribute, meaning);
        }
        return value;
    }

    private static JtlFormatException missing(
            Path file, Location at, String element, String attribute, String meaning) {
        return new JtlFormatException(file + ": " + where(at) + "<" + element + "> has no '" + attribute
                + "' attribute (" + meaning + "); save it with JMeter's default jmeter.save.saveservice settings");
    }

    private static long number(Path file, Location at, String attribute, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new JtlFormatException(file + ": " + where(at) + "attribute '" + attribute
                    + "' must be a whole number, got '" + value + "'");
        }
    }

    private static String where(Location at) {
        return at == null || at.getLineNumber() < 0
                ? ""
                : "line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ": ";
    }
}
