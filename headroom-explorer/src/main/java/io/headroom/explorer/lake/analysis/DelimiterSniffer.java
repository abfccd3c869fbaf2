package io.headroom.explorer.lake.analysis;

import io.headroom.csv.CsvReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the delimiter of a delimited text file among {@code , ; \t |}: each candidate parses the
 * first lines (quotes respected, so a comma inside {@code "a, b"} does not count), and the one whose
 * records most consistently have the same number (> 1) of fields wins; ties go to more fields, then
 * to the preferred delimiter of the extension, then to the order , \t ; |.
 */
public final class DelimiterSniffer {
    static final char[] CANDIDATES = {',', '\t', ';', '|'};
    private static final int SAMPLE_RECORDS = 50;

    /**
     * @param fields the usual number of fields per record with this delimiter (1: not delimited)
     * @param consistency the share of sampled records with that number of fields, 0..1
     */
    public record Sniffed(char delimiter, int fields, double consistency) {
        /** At least two columns in at least 80 % of the lines: worth calling a table. */
        public boolean isTable() {
            return fields > 1 && consistency >= 0.8;
        }
    }

    private DelimiterSniffer() {}

    public static Sniffed sniff(String head, boolean headTruncated, char preferred) {
        Sniffed best = new Sniffed(preferred, 1, 0);
        for (char candidate : order(preferred)) {
            Sniffed sniffed = measure(head, headTruncated, candidate);
            if (sniffed.fields() > 1 && better(sniffed, best)) {
                best = sniffed;
            }
        }
        return best;
    }

    private static boolean better(Sniffed a, Sniffed b) {
        if (b.fields() <= 1) {
            return true;
        }
        if (Math.abs(a.consistency() - b.consistency()) > 1e-9) {
            return a.consistency() > b.consistency();
        }
        return a.fields() > b.fields();
    }

    private static char[] order(char preferred) {
        char[] order = new char[CANDIDATES.length];
        order[0] = preferred;
        int i = 1;
        for (char c : CANDIDATES) {
            if (c != preferred) {
                order[i++] = c;
            }
        }
        return order;
    }

    static Sniffed measure(String head, boolean headTruncated, char delimiter) {
        CsvReader parser = CsvReader.lenient(new StringReader(head), delimiter);
        Map<Integer, Integer> histogram = new HashMap<>();
        int[] counts = new int[SAMPLE_RECORDS + 1];
        int records = 0;
        try {
            List<String> record;
            while (records <= SAMPLE_RECORDS && (record = parser.next()) != null) {
                counts[records++] = record.size();
            }
        } catch (IOException e) {
            return new Sniffed(delimiter, 1, 0); // a field longer than the head: not this delimiter
        }
        boolean lastIsWhole = !headTruncated || records > SAMPLE_RECORDS;
        int usable = Math.min(records, SAMPLE_RECORDS);
        if (!lastIsWhole && usable == records && usable > 1) {
            usable--; // the head cut the last record short
        }
        for (int i = 0; i < usable; i++) {
            histogram.merge(counts[i], 1, Integer::sum);
        }
        int modeFields = 1;
        int modeCount = 0;
        for (Map.Entry<Integer, Integer> e : histogram.entrySet()) {
            if (e.getValue() > modeCount || (e.getValue() == modeCount && e.getKey() > modeFields)) {
                modeFields = e.getKey();
                modeCount = e.getValue();
            }
        }
        return new Sniffed(delimiter, modeFields, usable == 0 ? 0 : modeCount / (double) usable);
    }
}
