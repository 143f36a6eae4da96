package dev.shelflife.benchmarks;

import dev.shelflife.ImageRecord;
import dev.shelflife.Stage;
import dev.shelflife.policy.Outcome;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The policy engine's figures for {@code docs/performance.md}, with the default policy on the
 * records of {@link EngineRecords}:
 *
 * <ul>
 * <li><b>throughput</b>: findings judged per second of one thread's CPU time, per stage and
 *     number of findings per record, best of N rounds, with the bytes allocated per finding. CPU
 *     time leaves out the time the thread waits for a core, which a shared machine inflates (and
 *     the garbage collector's threads: compare the bytes allocated);</li>
 * <li><b>fleet</b>: the wall-clock time to evaluate every record of a fleet at the three stages
 *     (each verdict with its forecast), on one thread and with a parallel stream over the records
 *     (the engine is pure, so records are evaluated independently on every core), best of N rounds;
 *     and the CPU time the parallel run took on all the process's threads (garbage collection
 *     included), which other work on the machine does not inflate: divided by the cores, it is
 *     the wall-clock time the run would take on a machine of its own.</li>
 * </ul>
 *
 * Both for every shape of record asked for ({@link EngineRecords.Shape}: {@code synthetic},
 * {@code violating}, {@code passing}; all three by default). The throughput table also gives the
 * share of the latest reports' findings that a violation names, and a SHA-256 of the text of every
 * verdict of the ring ({@code Verdict.toString()}), so that two versions of the engine can be shown
 * to decide the same.
 *
 * <p>With {@code first} as sixth argument, the throughput rounds judge each record as one the engine
 * has not seen (an equal copy), which is what the first evaluation of a record costs.
 *
 * <p>Prints two Markdown tables and writes the data {@code benchmarks/plot-engine.gp} draws (for
 * the synthetic shape, when it is measured).
 *
 * <pre>
 * java -Xms3g -Xmx3g -cp benchmarks/target/benchmarks.jar dev.shelflife.benchmarks.EngineFigures 5 30,300,1000 1000,3000,10000 engine.dat [synthetic,violating,passing [first]]
 * </pre>
 */
public final class EngineFigures {

    private static final List<Stage> STAGES = List.of(Stage.BUILD, Stage.DEPLOY, Stage.RUN);

    /** The findings of a fleet's records, as issue #10 sets them. */
    private static final int FLEET_FINDINGS = 300;

    /** Each throughput round judges at least this many findings, so that a round lasts long enough to time. */
    private static final long FINDINGS_PER_ROUND = 1_000_000;

    private static final int WARM_UP_ROUNDS = 3;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * Whether the throughput rounds judge a fresh copy of each record ({@code first}, the sixth
     * argument): the engine remembers what it worked out for the records it evaluated last, by their
     * identity, so the ring's records are judged as records seen before unless copied.
     */
    private static boolean firstEvaluations;

    /** Where verdicts go, so that the JIT cannot drop the evaluations that made them. */
    private static Object consumed;

    private EngineFigures() {}

    /** One throughput round: CPU nanoseconds and bytes allocated for a number of findings. */
    private record Round(long findings, long cpuNanos, long allocatedBytes) {

        double findingsPerSecond() {
            return findings * 1e9 / cpuNanos;
        }
    }

    /** What a fleet's verdicts said, to show the work was done. */
    private record Tally(long verdicts, long failed, long warned, long forecasts) {

        static Tally of(Verdict verdict) {
            return new Tally(
                    1,
                    verdict.outcome() == Outcome.FAIL ? 1 : 0,
                    verdict.outcome() == Outcome.WARN ? 1 : 0,
                    verdict.nextChange().isPresent() ? 1 : 0);
        }

        Tally plus(Tally other) {
            return new Tally(
                    verdicts + other.verdicts,
                    failed + other.failed,
                    warned + other.warned,
                    forecasts + other.forecasts);
        }
    }

    /**
     * Measures, prints the tables and writes the plot data.
     *
     * @param args the rounds, the findings per record for the throughput (comma-separated), the fleet
     *     sizes (comma-separated) and the plot data file
     * @throws IOException if the data file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 4 || args.length > 6 || (args.length == 6 && !args[5].equals("first"))) {
            System.err.println("usage: EngineFigures ROUNDS FINDINGS[,FINDINGS…] RECORDS[,RECORDS…] PLOT_DATA.dat"
                    + " [SHAPE[,SHAPE…] [first]]");
            System.exit(2);
        }
        firstEvaluations = args.length == 6;
        int rounds = Integer.parseInt(args[0]);
        List<Integer> findingCounts = numbers(args[1]);
        List<Integer> fleetSizes = numbers(args[2]);
        List<EngineRecords.Shape> shapes = args.length >= 5
                ? Arrays.stream(args[4].split(",")).map(EngineRecords.Shape::of).toList()
                : List.of(EngineRecords.Shape.values());
        EngineRecords source = EngineRecords.load();
        PolicyEngine engine = PolicyEngine.of(Policies.defaults());
        StringBuilder data = new StringBuilder(
                "# throughput: findings-per-record build deploy run (million findings/s, one thread's CPU time)\n");
        StringBuilder fleetData = new StringBuilder();

        System.out.println("""
                | shape | findings per record | stage | evaluations / s | findings / s | allocated per finding | findings violating | verdicts (SHA-256 of the ring's, first 12) | load (1 min) |
                |---|--:|---|--:|--:|--:|--:|---|--:|""");
        for (EngineRecords.Shape shape : shapes) {
            throughputTable(
                    source, shape, engine, rounds, findingCounts, shape == EngineRecords.Shape.SYNTHETIC ? data : null);
        }
        System.out.printf(Locale.ROOT, """

                | shape | records × findings | verdicts (3 stages) | one thread | parallel stream, %d cores | parallel: CPU time, all threads | verdicts: fail / warn / with forecast | load (1 min) |
                |---|--:|--:|--:|--:|--:|--:|--:|%n""", Runtime.getRuntime().availableProcessors());
        for (EngineRecords.Shape shape : shapes) {
            fleetTable(
                    source,
                    shape,
                    engine,
                    rounds,
                    fleetSizes,
                    shape == EngineRecords.Shape.SYNTHETIC ? fleetData : new StringBuilder());
        }
        if (!fleetData.isEmpty()) {
            data.append("\n\n# fleet: records one-thread parallel parallel-cpu-per-core (seconds, ")
                    .append(FLEET_FINDINGS)
                    .append(" findings per record, three stages)\n")
                    .append(fleetData);
        }
        Files.writeString(Path.of(args[3]), data);
    }

    /** Prints the throughput table and adds its plot data. */
    private static void throughputTable(
            EngineRecords source,
            EngineRecords.Shape shape,
            PolicyEngine engine,
            int rounds,
            List<Integer> findingCounts,
            StringBuilder data) {
        for (int findings : findingCounts) {
            List<ImageRecord> ring = source.fleet(shape, EngineBenchmark.RING, findings);
            if (data != null) {
                data.append(findings);
            }
            for (Stage stage : STAGES) {
                double loadAtStart = loadAverage();
                Round best = null;
                for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
                    Round measured = throughput(engine, ring, stage, findings);
                    if (round >= 0 && (best == null || measured.cpuNanos() < best.cpuNanos())) {
                        best = measured;
                    }
                }
                if (data != null) {
                    data.append(String.format(Locale.ROOT, " %.3f", best.findingsPerSecond() / 1e6));
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %,d | %s | %,.0f | %,.0f | %,.0f B | %.0f %% | `%s` | %s |%n",
                        shape,
                        findings,
                        stage,
                        best.findingsPerSecond() / findings,
                        best.findingsPerSecond(),
                        (double) best.allocatedBytes() / best.findings(),
                        100.0 * violating(engine, ring, stage) / ((long) findings * ring.size()),
                        digest(engine, ring, stage).substring(0, 12),
                        loads(loadAtStart));
            }
            if (data != null) {
                data.append('\n');
            }
        }
    }

    /** The findings of the ring's latest reports that a violation of their verdicts names. */
    private static long violating(PolicyEngine engine, List<ImageRecord> ring, Stage stage) {
        long violating = 0;
        for (ImageRecord record : ring) {
            violating += engine.evaluate(record, stage, EngineRecords.AT).violations().stream()
                    .filter(violation -> violation.finding().isPresent())
                    .count();
        }
        return violating;
    }

    /** The SHA-256 of the text of every verdict of the ring, in hexadecimal. */
    static String digest(PolicyEngine engine, List<ImageRecord> ring, Stage stage) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (ImageRecord record : ring) {
                sha256.update(engine.evaluate(record, stage, EngineRecords.AT)
                        .toString()
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints the fleet table and adds its plot data. */
    private static void fleetTable(
            EngineRecords source,
            EngineRecords.Shape shape,
            PolicyEngine engine,
            int rounds,
            List<Integer> fleetSizes,
            StringBuilder data) {
        for (int size : fleetSizes) {
            List<ImageRecord> fleet = source.fleet(shape, size, FLEET_FINDINGS);
            double loadAtStart = loadAverage();
            double sequential = Double.MAX_VALUE;
            double parallel = Double.MAX_VALUE;
            double parallelCpu = Double.MAX_VALUE;
            Tally tally = null;
            for (int round = -1; round < Math.max(1, rounds / 2); round++) {
                long start = System.nanoTime();
                tally = evaluate(engine, fleet.stream());
                double oneThread = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                long cpu = PROCESS.getProcessCpuTime();
                Tally again = evaluate(engine, fleet.parallelStream());
                double allCores = (System.nanoTime() - start) / 1e9;
                double allCoresCpu = (PROCESS.getProcessCpuTime() - cpu) / 1e9;
                if (!again.equals(tally)) {
                    throw new IllegalStateException("a parallel evaluation disagrees: " + again + " vs " + tally);
                }
                if (round >= 0) {
                    sequential = Math.min(sequential, oneThread);
                    parallel = Math.min(parallel, allCores);
                    parallelCpu = Math.min(parallelCpu, allCoresCpu);
                }
            }
            data.append(String.format(
                    Locale.ROOT,
                    "%d %.3f %.3f %.3f%n",
                    size,
                    sequential,
                    parallel,
                    parallelCpu / Runtime.getRuntime().availableProcessors()));
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %,d × %d | %,d | %.2f s | %.2f s | %.2f s | %,d / %,d / %,d | %s |%n",
                    shape,
                    size,
                    FLEET_FINDINGS,
                    tally.verdicts(),
                    sequential,
                    parallel,
                    parallelCpu,
                    tally.failed(),
                    tally.warned(),
                    tally.forecasts(),
                    loads(loadAtStart));
        }
    }

    private static Round throughput(PolicyEngine engine, List<ImageRecord> ring, Stage stage, int findings) {
        long evaluations = Math.max(ring.size(), FINDINGS_PER_ROUND / findings);
        long thread = Thread.currentThread().getId();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getThreadAllocatedBytes(thread);
        for (long i = 0; i < evaluations; i++) {
            ImageRecord record = ring.get((int) (i % ring.size()));
            if (firstEvaluations) {
                // An equal record the engine has not seen: its lists are shared, not copied.
                record = new ImageRecord(
                        record.image(),
                        record.reports(),
                        record.vexStatements(),
                        record.deployedSince(),
                        record.lineage());
            }
            consumed = engine.evaluate(record, stage, EngineRecords.AT);
        }
        return new Round(
                evaluations * findings,
                THREADS.getCurrentThreadCpuTime() - cpu,
                THREADS.getThreadAllocatedBytes(thread) - allocated);
    }

    private static Tally evaluate(PolicyEngine engine, Stream<ImageRecord> records) {
        return records.flatMap(record -> STAGES.stream().map(stage -> engine.evaluate(record, stage, EngineRecords.AT)))
                .map(Tally::of)
                .reduce(new Tally(0, 0, 0, 0), Tally::plus);
    }

    private static List<Integer> numbers(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(Integer::valueOf).toList();
    }

    /** The 1-minute load average, as {@code /proc/loadavg} and the JMX bean give it. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String loads(double atStart) {
        double atEnd = loadAverage();
        return String.format(Locale.ROOT, "%.1f–%.1f", Math.min(atStart, atEnd), Math.max(atStart, atEnd));
    }
}
