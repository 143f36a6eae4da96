package dev.shelflife.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Reads a very large report in a small heap, to show that {@link ScannerAdapter#stream} needs the
 * memory of one result, not of the report. Not a JMH benchmark: one read, timed, with the largest
 * heap that survived a garbage collection (the live set, garbage excluded).
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.shelflife.benchmarks.StreamingMemoryCheck trivy 1024 stream
 * </pre>
 *
 * <p>The same command with {@code read} instead of {@code stream} reads the report whole, for
 * comparison: at 1 GiB it ends in an {@link OutOfMemoryError} under {@code -Xmx256m}.
 */
public final class StreamingMemoryCheck {

    private StreamingMemoryCheck() {}

    /**
     * Grows the report if needed, reads it once and prints what it took.
     *
     * @param args the format ({@code trivy}), the size in MiB ({@code 1024}), and {@code stream} or {@code read}
     */
    public static void main(String[] args) {
        Format format = Format.named(args.length > 0 ? args[0] : "trivy");
        int mebibytes = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        boolean whole = args.length > 2 && args[2].equals("read");
        LargeReports.Report report = LargeReports.grow(format, mebibytes);
        System.out.printf(
                Locale.ROOT,
                "%s%nmax heap %d MiB; %s%n",
                report,
                Runtime.getRuntime().maxMemory() >> 20,
                whole ? "reading it whole" : "streaming it");
        AtomicLong liveAfterGc = watchLiveHeap();
        ScannerAdapter adapter = format.adapter();
        ReportSource source = ReportSource.of(report.path());
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        long start = System.nanoTime();
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        String counts;
        if (whole) {
            ScanReport read = adapter.read(source);
            read.findings().forEach(finding -> bySeverity.merge(finding.severity(), 1L, Long::sum));
            counts = read.counts().toString();
        } else {
            ReportSummary summary =
                    adapter.stream(source, finding -> bySeverity.merge(finding.severity(), 1L, Long::sum));
            counts = summary.counts().toString();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%s%nfindings by severity %s%n%.1f s (%.1f s of CPU in the reading thread),"
                        + " %.0f MB/s, %,.0f findings/s; largest heap after a GC %d MiB%n",
                counts,
                bySeverity,
                seconds,
                cpuSeconds,
                report.bytes() / 1e6 / seconds,
                bySeverity.values().stream().mapToLong(Long::longValue).sum() / seconds,
                liveAfterGc.get() >> 20);
    }

    /** Follows every garbage collection and keeps the largest heap left after one. */
    private static AtomicLong watchLiveHeap() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
        AtomicLong largest = new AtomicLong();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector)
                    .addNotificationListener(
                            (notification, handback) -> {
                                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                        (CompositeData) notification.getUserData());
                                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                        .filter(pool -> heapPools.contains(pool.getKey()))
                                        .mapToLong(pool -> pool.getValue().getUsed())
                                        .sum();
                                largest.accumulateAndGet(used, Math::max);
                            },
                            notification -> notification
                                    .getType()
                                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION),
                            null);
        }
        return largest;
    }
}
