package dev.shelflife.benchmarks;

import edu.hm.hafner.analysis.ParsingException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the reads of {@link Reads} in CPU time of the reading thread, the methods taking turns
 * round by round: on a machine busy with other work, wall-clock time counts the time a thread
 * waits for a core, and JMH's trials run minutes apart under different loads. CPU time does not
 * count the waiting, and taking turns puts every method under the same load. Each method first
 * reads at least 300 MB to warm up, then reports its best round and the bytes it allocates per
 * read; garbage collection, which runs on other threads, is left out, so compare those bytes too.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.shelflife.benchmarks.CpuTimeReads 10 10,50,100 cpu.dat trivy grype grype_094 snyk
 * </pre>
 */
public final class CpuTimeReads {

    private static final int WARM_UP_ROUNDS = 3;
    /**
     * Each method reads at least this many bytes before it is measured: three rounds of a 10 MiB
     * report leave the JIT compiler with a tenth of the warm-up that three rounds of 100 MiB give,
     * and the small reports were measured half-compiled.
     */
    private static final long WARM_UP_BYTES = 300_000_000L;

    /** Where consumed values go, so that the JIT cannot drop the work that made them (not volatile: no fence per token). */
    private static Object consumed;

    private CpuTimeReads() {}

    /** One method's best round. */
    private record Best(double cpuMillis, long allocatedBytes) {}

    /**
     * Measures, prints one Markdown table row per format and size, and writes the {@link PlotData}.
     *
     * @param args the rounds, the sizes in MiB separated by commas, the plot data file, and the formats (all if none)
     * @throws IOException if a report cannot be read or the data file written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: CpuTimeReads ROUNDS MEBIBYTES[,MEBIBYTES…] PLOT_DATA.dat [FORMAT…]");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        List<Integer> sizes =
                Arrays.stream(args[1].split(",")).map(Integer::valueOf).toList();
        Path dataFile = Path.of(args[2]);
        List<Format> formats = args.length > 3
                ? Arrays.stream(args, 3, args.length).map(Format::named).toList()
                : List.of(Format.values());
        PlotData data = new PlotData();
        System.out.println("""
                | report | size | entries | limit: bare Jackson | ShelfLife read | ShelfLife stream | peer: analysis-model \
                | read vs limit | read vs peer | allocated per read: limit / read / stream | load (1 min) |
                |---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|""");
        for (Format format : formats) {
            for (int mebibytes : sizes) {
                System.out.println(row(Reads.load(format, mebibytes), rounds, data));
            }
        }
        Files.writeString(dataFile, data.text());
    }

    private static String row(Reads reads, int rounds, PlotData data) throws IOException {
        List<String> methods = new ArrayList<>(List.of(Reads.LIMIT, Reads.SHELFLIFE, Reads.SHELFLIFE_STREAM));
        String noPeer = "—";
        if (reads.hasPeer()) {
            try {
                reads.peer();
                methods.add(Reads.PEER);
            } catch (ParsingException e) {
                noPeer = "fails: "
                        + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            }
        }
        double loadAtStart = ReadBenchmark.loadAverage();
        Map<String, Best> best = new LinkedHashMap<>();
        int warmUpRounds = (int) Math.max(
                WARM_UP_ROUNDS,
                (WARM_UP_BYTES + reads.report().bytes() - 1) / reads.report().bytes());
        for (int round = -warmUpRounds; round < rounds; round++) {
            for (String method : methods) {
                Best measured = measure(reads, method);
                if (round >= 0) {
                    best.merge(method, measured, (a, b) -> a.cpuMillis() <= b.cpuMillis() ? a : b);
                }
            }
        }
        LargeReports.Report report = reads.report();
        double megabytes = report.bytes() / 1e6;
        best.forEach((method, measured) -> data.add(report.format(), megabytes, method, measured.cpuMillis()));
        return String.format(
                Locale.ROOT,
                "| %s | %.1f MB | %,d | %s | %s | %s | %s | %.0f %% | %s | %s | %.1f–%.1f |",
                report.format(),
                megabytes,
                report.entries(),
                cell(best.get(Reads.LIMIT), megabytes),
                cell(best.get(Reads.SHELFLIFE), megabytes),
                cell(best.get(Reads.SHELFLIFE_STREAM), megabytes),
                best.containsKey(Reads.PEER) ? cell(best.get(Reads.PEER), megabytes) : noPeer,
                100
                        * best.get(Reads.LIMIT).cpuMillis()
                        / best.get(Reads.SHELFLIFE).cpuMillis(),
                best.containsKey(Reads.PEER)
                        ? String.format(
                                Locale.ROOT,
                                "%.1f×",
                                best.get(Reads.PEER).cpuMillis()
                                        / best.get(Reads.SHELFLIFE).cpuMillis())
                        : "—",
                String.format(
                        Locale.ROOT,
                        "%.0f / %.0f / %.0f MB",
                        best.get(Reads.LIMIT).allocatedBytes() / 1e6,
                        best.get(Reads.SHELFLIFE).allocatedBytes() / 1e6,
                        best.get(Reads.SHELFLIFE_STREAM).allocatedBytes() / 1e6),
                Math.min(loadAtStart, ReadBenchmark.loadAverage()),
                Math.max(loadAtStart, ReadBenchmark.loadAverage()));
    }

    private static Best measure(Reads reads, String method) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long cpu = threads.getCurrentThreadCpuTime();
        long allocated = threads.getThreadAllocatedBytes(thread);
        consumed = switch (method) {
            case Reads.LIMIT -> reads.limit(value -> consumed = value);
            case Reads.SHELFLIFE -> reads.shelflife();
            case Reads.SHELFLIFE_STREAM -> reads.shelflifeStream(finding -> consumed = finding);
            case Reads.PEER -> reads.peer();
            default -> throw new IllegalArgumentException("no method " + method);
        };
        return new Best(
                (threads.getCurrentThreadCpuTime() - cpu) / 1e6, threads.getThreadAllocatedBytes(thread) - allocated);
    }

    private static String cell(Best best, double megabytes) {
        return String.format(
                Locale.ROOT, "%,.0f ms (%,.0f MB/s)", best.cpuMillis(), megabytes / best.cpuMillis() * 1000);
    }
}
