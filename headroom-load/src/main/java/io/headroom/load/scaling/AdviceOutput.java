package io.headroom.load.scaling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Locale;

/** {@code headroom advise}'s three outputs: the reasoning as text, JSON, and an HPA patch for deploy/k8s. */
public final class AdviceOutput {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AdviceOutput() {}

    public static void text(ScalingAdvice a, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "Scaling advice for %.0f req/s with p95 <= %.0f ms and a %.0f %% safety margin%n%n",
                a.options().targetRate(),
                a.options().p95GoalMs(),
                a.options().margin() * 100);
        out.println("Measured");
        a.evidence().notes().forEach(n -> out.println("  " + n));
        out.println();
        out.println("Recommendations (and why)");
        a.reasoning().forEach(r -> out.println("  " + r));
        out.println();
        out.printf(Locale.ROOT, "  replicas        min %d, max %d%n", a.minReplicas(), a.maxReplicas());
        out.printf(
                Locale.ROOT,
                "  DB_POOL_MAX     %d per instance (%d x %d = %d of max_connections %d)%n",
                a.poolPerInstance(),
                a.maxReplicas(),
                a.poolPerInstance(),
                a.maxReplicas() * a.poolPerInstance(),
                a.options().maxConnections());
        out.printf(
                Locale.ROOT,
                "  HPA             cpu %s, %d req/s per pod, p95 %d ms%n",
                a.hpaCpuUtilisation() == null ? "unchanged" : a.hpaCpuUtilisation() + " %",
                a.hpaRequestsPerPod(),
                a.hpaP95Millis());
        out.printf(
                Locale.ROOT,
                "  Redis maxmemory %s%n",
                a.redisMaxMemoryBytes() == null ? "unchanged" : (a.redisMaxMemoryBytes() >> 20) + "mb");
    }

    public static String json(ScalingAdvice a) {
        ObjectNode root = JSON.createObjectNode();
        root.set("options", JSON.valueToTree(a.options()));
        ObjectNode evidence = JSON.valueToTree(a.evidence());
        evidence.properties()
                .removeIf(e ->
                        e.getValue().isNumber() && Double.isNaN(e.getValue().asDouble()));
        root.set("measured", evidence);
        ObjectNode r = root.putObject("recommendations");
        r.put("capacityPerInstance", a.capacityPerInstance());
        r.put("plannedPerInstance", a.plannedPerInstance());
        r.put("minReplicas", a.minReplicas());
        r.put("maxReplicas", a.maxReplicas());
        r.put("dbPoolMax", a.poolPerInstance());
        r.put("dbPoolBudgetPerInstance", a.poolBudgetPerInstance());
        if (a.hpaCpuUtilisation() != null) {
            r.put("hpaCpuUtilisation", a.hpaCpuUtilisation());
        }
        r.put("hpaRequestsPerPod", a.hpaRequestsPerPod());
        r.put("hpaP95Millis", a.hpaP95Millis());
        if (a.redisMaxMemoryBytes() != null) {
            r.put("redisMaxMemoryBytes", a.redisMaxMemoryBytes());
        }
        root.set("reasoning", JSON.valueToTree(a.reasoning()));
        return root.toPrettyString();
    }

    /**
     * A strategic-merge patch for deploy/k8s's HorizontalPodAutoscaler (an overlay's {@code patches:}). The
     * metrics list has no merge key, so the patch carries all four metrics of the base, memory unchanged.
     */
    public static String hpaPatch(ScalingAdvice a) {
        StringBuilder y = new StringBuilder();
        y.append("# headroom advise: ")
                .append(String.format(
                        Locale.ROOT,
                        "%.0f req/s, p95 <= %.0f ms, margin %.0f %%",
                        a.options().targetRate(),
                        a.options().p95GoalMs(),
                        a.options().margin() * 100))
                .append('\n');
        y.append("# from ").append(a.evidence().source()).append('\n');
        y.append("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: headroom\nspec:\n");
        y.append("  minReplicas: ").append(a.minReplicas()).append('\n');
        y.append("  maxReplicas: ").append(a.maxReplicas()).append('\n');
        y.append("  metrics:\n");
        y.append("    - type: Resource\n      resource:\n        name: cpu\n        target: { type: Utilization, "
                        + "averageUtilization: ")
                .append(a.hpaCpuUtilisation() == null ? 70 : a.hpaCpuUtilisation())
                .append(" }\n");
        y.append("    - type: Resource\n      resource:\n        name: memory\n        target: { type: Utilization, "
                + "averageUtilization: 80 }\n");
        y.append("    - type: Pods\n      pods:\n        metric: { name: http_server_requests_per_second }\n"
                        + "        target: { type: AverageValue, averageValue: \"")
                .append(a.hpaRequestsPerPod())
                .append("\" }\n");
        y.append("    - type: Pods\n      pods:\n        metric: { name: http_server_requests_p95_seconds }\n"
                        + "        target: { type: AverageValue, averageValue: ")
                .append(a.hpaP95Millis())
                .append("m }\n");
        return y.toString();
    }
}
