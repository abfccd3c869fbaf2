package io.headroom.load.scaling;

import io.headroom.load.scenario.ScenarioException;

/**
 * What {@code headroom advise} is asked to plan for, and the facts about the deployment it cannot measure.
 *
 * @param targetRate requests per second the service must carry
 * @param p95GoalMs the latency goal that defines the knee: p95 at or under it
 * @param errorGoal the error-rate goal of the knee (a fraction)
 * @param margin safety margin: plan each instance at (1 − margin) of its measured capacity
 * @param maxConnections the database's max_connections
 * @param reservedConnections connections kept out of the pools (superuser, migrations, psql, monitoring)
 * @param cpuRequestCores the pods' CPU request (HPA utilisation is relative to it)
 * @param instanceCores cores of the machine the measured instances ran on (the stats document's CPU is
 *                      a share of them)
 * @param spikeFactor maxReplicas over minReplicas: how large a spike above the target the HPA may follow
 */
public record AdviseOptions(
        double targetRate,
        double p95GoalMs,
        double errorGoal,
        double margin,
        int maxConnections,
        int reservedConnections,
        double cpuRequestCores,
        int instanceCores,
        double spikeFactor) {

    public AdviseOptions {
        if (!(targetRate > 0)) {
            throw new ScenarioException("--target-rate must be above 0 requests per second");
        }
        if (!(p95GoalMs > 0)) {
            throw new ScenarioException("--p95-goal must be above 0 ms");
        }
        if (!(margin >= 0 && margin < 0.9)) {
            throw new ScenarioException("--margin must be from 0% to 90%, got " + Math.round(margin * 100) + "%");
        }
        if (maxConnections <= reservedConnections) {
            throw new ScenarioException("--max-connections " + maxConnections + " leaves nothing after "
                    + reservedConnections + " reserved connections");
        }
        if (!(cpuRequestCores > 0) || instanceCores < 1 || spikeFactor < 1) {
            throw new ScenarioException("--cpu-request, --instance-cores and --spike-factor must be positive "
                    + "(spike factor at least 1)");
        }
    }
}
