package io.headroom.load.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes statistics in the shape of JMeter's dashboard {@code statistics.json}: label → statistics. */
public final class StatisticsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StatisticsJson() {}

    public static String write(JtlStatistics statistics) {
        ObjectNode root = MAPPER.createObjectNode();
        statistics.labels().forEach((label, s) -> root.set(label, MAPPER.valueToTree(s)));
        root.set(JtlStatistics.TOTAL, MAPPER.valueToTree(statistics.total()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("statistics are plain numbers and strings", e);
        }
    }
}
