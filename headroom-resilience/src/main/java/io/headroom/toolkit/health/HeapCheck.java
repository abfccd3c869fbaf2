package io.headroom.toolkit.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.OptionalLong;

/**
 * The heap is used below a fraction of its maximum <em>after</em> the last collection of the old
 * generation, so a heap that is merely full of garbage between collections does not count as down.
 */
public final class HeapCheck implements HealthCheck {
    private final double maxUsedFraction;

    public HeapCheck(double maxUsedFraction) {
        if (maxUsedFraction <= 0 || maxUsedFraction > 1) {
            throw new IllegalArgumentException("maxUsedFraction must be in (0, 1], was " + maxUsedFraction);
        }
        this.maxUsedFraction = maxUsedFraction;
    }

    @Override
    public String check() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        long live = liveAfterLastCollection().orElse(heap.getUsed());
        double fraction = (double) live / max;
        String detail = String.format(
                "%d of %d MiB used after the last old-generation collection (%.0f %%)",
                live >> 20, max >> 20, fraction * 100);
        if (fraction > maxUsedFraction) {
            throw new IllegalStateException(detail + ", above " + Math.round(maxUsedFraction * 100) + " %");
        }
        return detail;
    }

    /** The tenured pool's usage after its last collection (G1 Old Gen, ZGC's heap, ...), when the JVM reports one. */
    private static OptionalLong liveAfterLastCollection() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null)
                .filter(p -> p.getName().contains("Old")
                        || p.getName().contains("Tenured")
                        || p.getName().startsWith("ZHeap")
                        || p.getName().contains("ZGC Old"))
                .mapToLong(p -> p.getCollectionUsage().getUsed())
                .filter(used -> used > 0)
                .reduce(Long::sum);
    }
}
