package io.headroom.examples.spring;

import java.util.Map;

/** Reads the Prometheus text format: sums a metric's samples whose labels include the given ones. */
final class Prometheus {
    private Prometheus() {}

    static double sum(String scrape, String metric, Map<String, String> labels) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(metric + "{")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            String labelText = line.substring(metric.length() + 1, close);
            boolean all = labels.entrySet().stream()
                    .allMatch(e -> labelText.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                total += Double.parseDouble(line.substring(close + 1).trim().split(" ")[0]);
            }
        }
        return total;
    }
}
