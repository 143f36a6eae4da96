package dev.shelflife.benchmarks;

import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import edu.hm.hafner.analysis.Report;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reads one large report in the ways of {@link Reads}, on the same bytes in memory: a bare
 * Jackson pass over every token (the limit), ShelfLife's adapter (read and stream), and the peer,
 * analysis-model's parser for the format.
 *
 * <p>Each trial first reads the report once with the method it measures and prints what that
 * method made of it, so the figures always come with the work they stand for. The machine may be
 * shared, so each trial also notes the system load average at its start and end in
 * {@value #LOAD_LOG}, beside the generated reports, for {@link PerformanceTable}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class ReadBenchmark {

    /** The file, in {@link LargeReports#directory()}, where each trial appends its method, parameters and load. */
    static final String LOAD_LOG = "load.tsv";

    /** The format: {@code trivy}, {@code grype} (0.7.0), {@code grype_094} or {@code snyk}. */
    @Param({"trivy", "grype", "grype_094", "snyk", "cyclonedx"})
    public String format;

    /** The report's size in MiB, roughly: the corpus entries are repeated until it is reached. */
    @Param({"10", "50", "100"})
    public int mebibytes;

    private Reads reads;
    private String method;
    private double loadAtStart;

    /**
     * Grows (or finds) the report, loads it, and reads it once with the measured method.
     *
     * @param params which benchmark this trial runs
     * @throws IOException if the report cannot be read
     */
    @Setup
    public void load(BenchmarkParams params) throws IOException {
        reads = Reads.load(Format.named(format), mebibytes);
        method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        System.out.printf(Locale.ROOT, "%n%s %s: %s%n", method, reads.report(), reads.outcome(method));
        loadAtStart = loadAverage();
    }

    /**
     * Notes the trial's load average, from its start to its end.
     *
     * @throws IOException if the log cannot be written
     */
    @TearDown
    public void noteLoad() throws IOException {
        String line = String.format(
                Locale.ROOT, "%s\t%s\t%d\t%.2f\t%.2f%n", method, format, mebibytes, loadAtStart, loadAverage());
        Files.writeString(
                LargeReports.directory().resolve(LOAD_LOG), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * The limit: a bare Jackson streaming pass over every token.
     *
     * @param sink consumes every name, string and number
     * @return the number of tokens
     * @throws IOException never, for a well-formed report
     */
    @Benchmark
    public long limit(Blackhole sink) throws IOException {
        return reads.limit(sink::consume);
    }

    /**
     * ShelfLife: the adapter reads the whole report into the model.
     *
     * @return the report
     */
    @Benchmark
    public ScanReport shelflife() {
        return reads.shelflife();
    }

    /**
     * ShelfLife streaming: the adapter hands each finding over and keeps none.
     *
     * @param sink consumes the findings
     * @return the summary
     */
    @Benchmark
    public ReportSummary shelflifeStream(Blackhole sink) {
        return reads.shelflifeStream(sink::consume);
    }

    /**
     * The peer: analysis-model's parser for the format, over the same bytes.
     *
     * @return the peer's report
     */
    @Benchmark
    public Report peer() {
        return reads.peer();
    }
}
