package io.headroom.load.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replicas, pool sizes, HPA targets and Redis memory from measured {@link Evidence}, each with the
 * reasoning that produced it (SCALE-4). The rules are the ones an engineer would apply by hand:
 * <ul>
 *   <li>replicas: the target rate over each instance's capacity at the knee less the safety margin;
 *       at least 3, so that the PodDisruptionBudget's minAvailable 2 still lets a node drain;</li>
 *   <li>pool: the database's max_connections less the reserved ones, shared by the most pods the HPA may
 *       run, and no larger than the connections busy at the knee (Little's law) with room for bursts;</li>
 *   <li>HPA: the CPU utilisation (of the pod's request) and requests/s per pod at the knee, less the margin,
 *       so the HPA adds pods before any instance reaches the knee; p95 at the goal;</li>
 *   <li>Redis: the cache's working set plus Redis's per-key overhead and fragmentation.</li>
 * </ul>
 */
public record ScalingAdvice(
        AdviseOptions options,
        Evidence evidence,
        double capacityPerInstance,
        double plannedPerInstance,
        int minReplicas,
        int maxReplicas,
        int poolPerInstance,
        int poolBudgetPerInstance,
        double poolNeededAtKnee,
        Integer hpaCpuUtilisation,
        long hpaRequestsPerPod,
        long hpaP95Millis,
        Long redisMaxMemoryBytes,
        List<String> reasoning) {

    /** Redis's own cost per key beyond the value: key string, dict entry, object header, expiry entry. */
    static final long REDIS_BYTES_PER_KEY = 120;
    /** Allocator fragmentation and the room maxmemory needs above the data (mem_fragmentation_ratio ~1.1-1.5). */
    static final double REDIS_FRAGMENTATION = 1.5;
    /** Bursts above the mean number of busy connections at the knee. */
    static final double POOL_BURST = 2.0;

    public static ScalingAdvice of(AdviseOptions o, Evidence e) {
        List<String> why = new ArrayList<>();
        double perInstance = e.capacityRps() / e.instances();
        double planned = perInstance * (1 - o.margin());
        int needed = (int) Math.ceil(o.targetRate() / planned);
        int min = Math.max(3, needed);
        int max = (int) Math.ceil(min * o.spikeFactor());
        why.add(f(
                "Capacity: %.0f req/s at the knee over %d instance(s) = %.1f req/s per instance%s.",
                e.capacityRps(),
                e.instances(),
                perInstance,
                e.capacityIsLowerBound() ? " (a lower bound: the knee was not reached)" : ""));
        why.add(f(
                "Replicas: %.0f req/s / (%.1f x (1 - %.0f %% margin) = %.1f req/s per instance) = %.2f -> %d; "
                        + "minReplicas %d (at least 3: the PDB keeps 2 available during a drain), maxReplicas %d "
                        + "(x %.1f for spikes).",
                o.targetRate(),
                perInstance,
                o.margin() * 100,
                planned,
                o.targetRate() / planned,
                needed,
                min,
                max,
                o.spikeFactor()));

        int budget = o.maxConnections() - o.reservedConnections();
        int perPodBudget = Math.max(1, budget / max);
        double busy = e.poolActiveAtKnee();
        if (Double.isNaN(busy) && !Double.isNaN(e.dbMsPerRequest())) {
            busy = perInstance * e.dbMsPerRequest() / 1000; // Little's law: rate x time in the database
        }
        int pool;
        if (Double.isNaN(busy)) {
            pool = Math.min(perPodBudget, 10);
            why.add(f(
                    "Pool: database budget %d - %d reserved = %d connections over at most %d pods = %d per pod; "
                            + "no busy-connection figure (monitor the ramp), so %d.",
                    o.maxConnections(), o.reservedConnections(), budget, max, perPodBudget, pool));
        } else {
            int wanted = Math.max(2, (int) Math.ceil(busy * POOL_BURST));
            // A ramp on a warm cache hardly touches the database; after an invalidation every instance misses
            // at once. HikariCP's sizing rule (cores x 2 + 1) is the floor for that moment.
            int floor = o.instanceCores() * 2 + 1;
            pool = Math.min(perPodBudget, Math.max(wanted, floor));
            why.add(f(
                    "Pool: %.2f connections busy per instance at the knee, x %.0f for bursts = %d; at least %d "
                            + "(HikariCP's cores x 2 + 1, for the misses after an invalidation); database budget "
                            + "%d - %d reserved = %d over at most %d pods = %d per pod; DB_POOL_MAX=%d.%s",
                    busy,
                    POOL_BURST,
                    wanted,
                    floor,
                    o.maxConnections(),
                    o.reservedConnections(),
                    budget,
                    max,
                    perPodBudget,
                    pool,
                    Math.max(wanted, floor) > perPodBudget
                            ? " The database budget is the limit: raise "
                                    + "max_connections, put PgBouncer in front, or run fewer, larger pods."
                            : ""));
        }

        Integer cpuTarget = null;
        if (!Double.isNaN(e.cpuAtKnee())) {
            double cores = e.cpuAtKnee() * o.instanceCores();
            cpuTarget = (int) Math.max(10, Math.round(100 * cores * (1 - o.margin()) / o.cpuRequestCores()));
            why.add(f(
                    "HPA CPU: %.1f %% of %d cores at the knee = %.2f cores per instance; less the margin = %.2f "
                            + "cores = %d %% of the %.2f-core request.",
                    e.cpuAtKnee() * 100,
                    o.instanceCores(),
                    cores,
                    cores * (1 - o.margin()),
                    cpuTarget,
                    o.cpuRequestCores()));
        } else {
            why.add("HPA CPU: no CPU at the knee measured (run the ramp with --monitor); left as it is.");
        }
        long rpsTarget = Math.max(1, Math.round(planned));
        why.add(f(
                "HPA requests/s per pod: %d (capacity per instance less the margin); p95 target %d ms (the goal).",
                rpsTarget, Math.round(o.p95GoalMs())));

        Long redis = null;
        if (!Double.isNaN(e.cacheBytes())) {
            double raw = e.cacheBytes() + e.cacheEntries() * REDIS_BYTES_PER_KEY;
            redis = Math.max(64L << 20, (long) Math.ceil(raw * REDIS_FRAGMENTATION / (1 << 20)) << 20);
            why.add(f(
                    "Redis: %.1f MiB of cached values + %.0f keys x %d B of Redis overhead = %.1f MiB, x %.1f for "
                            + "fragmentation -> maxmemory %dmb (at least 64mb), allkeys-lru.",
                    e.cacheBytes() / (1 << 20),
                    e.cacheEntries(),
                    REDIS_BYTES_PER_KEY,
                    raw / (1 << 20),
                    REDIS_FRAGMENTATION,
                    redis >> 20));
        } else {
            why.add("Redis: no cache working set measured (give --url with a token); left as it is.");
        }
        return new ScalingAdvice(
                o,
                e,
                perInstance,
                planned,
                min,
                max,
                pool,
                perPodBudget,
                Double.isNaN(busy) ? -1 : busy,
                cpuTarget,
                rpsTarget,
                Math.round(o.p95GoalMs()),
                redis,
                List.copyOf(why));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
