package io.headroom.toolkit.monitor;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Samples process and system resources from the JDK's own management beans plus two Linux
 * files ({@code /proc/self/io}, {@code /proc/net/dev}); no native library. History is a ring of
 * {@code capacity} samples (720 × 5 s = 1 h by default).
 *
 * <p>GC pauses and the heap left after each collection come from GC notifications, which is
 * the only way to see the longest pause and a post-GC heap figure without polling at GC rate.
 */
public final class ResourceSampler implements AutoCloseable {
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Path diskPath;
    private final ResourceSample[] history;
    private long lastCpuNanos = -1; // for cpuOfAvailable: the previous sample's process CPU time and clock
    private long lastWallNanos;
    private int next;
    private int size;
    private final AtomicLong longestPauseMs = new AtomicLong();
    private final AtomicLong heapAfterGc = new AtomicLong(-1);
    private final List<Runnable> unsubscribe = new ArrayList<>();

    public ResourceSampler(int capacity, Path diskPath) {
        this.history = new ResourceSample[capacity];
        this.diskPath = diskPath;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                NotificationListener listener = (n, h) -> onGc(n);
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
        }
    }

    private void onGc(Notification n) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        // Concurrent cycles (e.g. "G1 Concurrent GC", ZGC "Cycles") are not pauses.
        if (info.getGcName().contains("Pauses")
                || (!info.getGcName().contains("Cycles") && !info.getGcName().contains("Concurrent"))) {
            longestPauseMs.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
        }
        long heap = 0;
        for (Map.Entry<String, MemoryUsage> e :
                info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (isHeapPool(e.getKey())) {
                heap += e.getValue().getUsed();
            }
        }
        heapAfterGc.set(heap);
    }

    private static boolean isHeapPool(String name) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals(name)) {
                return pool.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    /**
     * The process's CPU time since the previous sample over the time the CPUs it may use offered it, 0..1;
     * -1 for the first sample or where the platform gives no process CPU time.
     */
    private synchronized double cpuOfAvailable() {
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        double share = -1;
        if (cpu >= 0 && lastCpuNanos >= 0 && wall > lastWallNanos) {
            double offered =
                    (double) (wall - lastWallNanos) * Runtime.getRuntime().availableProcessors();
            share = Math.clamp((cpu - lastCpuNanos) / offered, 0, 1);
        }
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        return share;
    }

    /** Takes a sample and keeps it in the history. */
    public ResourceSample sample() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        long openFds = -1;
        long maxFds = -1;
        if (os instanceof UnixOperatingSystemMXBean unix) {
            openFds = unix.getOpenFileDescriptorCount();
            maxFds = unix.getMaxFileDescriptorCount();
        }
        long[] io = ProcFiles.processIo();
        long[] net = ProcFiles.networkBytes();
        ResourceSample sample = new ResourceSample(
                System.currentTimeMillis(),
                os.getProcessCpuLoad(),
                os.getCpuLoad(),
                cpuOfAvailable(),
                heap.getUsed(),
                heap.getMax(),
                heapAfterGc.get(),
                nonHeap.getUsed(),
                gcCount,
                gcTime,
                longestPauseMs.get(),
                ManagementFactory.getThreadMXBean().getThreadCount(),
                openFds,
                maxFds,
                io[0],
                io[1],
                net[0],
                net[1],
                diskUsedRatio());
        synchronized (this) {
            history[next] = sample;
            next = (next + 1) % history.length;
            size = Math.min(size + 1, history.length);
        }
        return sample;
    }

    private double diskUsedRatio() {
        try {
            Path existing = diskPath.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent(); // the data directory may not exist yet: measure its disk
            }
            if (existing == null) {
                return -1;
            }
            var store = Files.getFileStore(existing);
            long total = store.getTotalSpace();
            return total <= 0 ? -1 : 1.0 - (double) store.getUsableSpace() / total;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Oldest first. */
    public synchronized List<ResourceSample> history() {
        List<ResourceSample> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(history[Math.floorMod(next - size + i, history.length)]);
        }
        return out;
    }

    public synchronized ResourceSample latest() {
        return size == 0 ? null : history[Math.floorMod(next - 1, history.length)];
    }

    @Override
    public void close() {
        unsubscribe.forEach(Runnable::run);
    }
}
