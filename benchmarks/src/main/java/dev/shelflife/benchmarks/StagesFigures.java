package dev.shelflife.benchmarks;

import dev.shelflife.ImageRecord;
import dev.shelflife.Stage;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Three stages of one record judged separately against in one pass, in CPU time of the judging
 * thread (which other work on a shared machine disturbs far less than wall-clock time), with the
 * bytes allocated: for each shape and size, rounds of the two ways alternate over a ring of
 * {@value EngineBenchmark#RING} records of {@link EngineRecords}, and the table gives the best
 * round of each. Before measuring it checks that both ways give equal verdicts on the ring.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.shelflife.benchmarks.StagesFigures 5 300,1000 violating,passing
 * </pre>
 *
 * <p>With a fourth argument, a fleet size, it prints instead the CPU time one thread takes to judge
 * a fleet of that many 300-finding records of each shape at the three stages, both ways (after a
 * warm-up on a tenth of it), as {@link EngineFigures}' fleet table judges it with three calls.
 */
public final class StagesFigures {

    private static final List<Stage> STAGES = List.of(Stage.BUILD, Stage.DEPLOY, Stage.RUN);

    /** Each round judges at least this many findings at each stage. */
    private static final long FINDINGS_PER_ROUND = 1_000_000;

    private static final int WARM_UP_ROUNDS = 3;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Where verdicts go, so that the JIT cannot drop the evaluations that made them. */
    private static Object consumed;

    private StagesFigures() {}

    /** One round: the records judged at three stages, CPU nanoseconds and bytes allocated. */
    private record Round(long records, long cpuNanos, long allocatedBytes) {}

    /**
     * Measures and prints the table.
     *
     * @param args the rounds, the findings per record (comma-separated) and the shapes (comma-separated)
     */
    public static void main(String[] args) {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: StagesFigures ROUNDS FINDINGS[,FINDINGS…] SHAPE[,SHAPE…] [FLEET]");
            System.exit(2);
        }
        int rounds = Integer.parseInt(args[0]);
        List<Integer> sizes =
                Arrays.stream(args[1].split(",")).map(Integer::valueOf).toList();
        List<EngineRecords.Shape> shapes =
                Arrays.stream(args[2].split(",")).map(EngineRecords.Shape::of).toList();
        EngineRecords source = EngineRecords.load();
        PolicyEngine engine = PolicyEngine.of(Policies.defaults());
        if (args.length == 4) {
            fleet(source, engine, shapes, Integer.parseInt(args[3]));
            return;
        }
        System.out.println("""
                | shape | findings per record | three calls: records / s | one pass: records / s | one pass / three calls | allocated per record: three calls / one pass | load (1 min) |
                |---|--:|--:|--:|--:|--:|--:|""");
        for (EngineRecords.Shape shape : shapes) {
            for (int findings : sizes) {
                List<ImageRecord> ring = source.fleet(shape, EngineBenchmark.RING, findings);
                requireEqual(engine, ring);
                double loadAtStart = EngineFigures.loadAverage();
                Round separate = null;
                Round onePass = null;
                for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
                    Round a = round(engine, ring, findings, false);
                    Round b = round(engine, ring, findings, true);
                    if (round >= 0) {
                        separate = best(separate, a);
                        onePass = best(onePass, b);
                    }
                }
                double separateRate = separate.records() * 1e9 / separate.cpuNanos();
                double onePassRate = onePass.records() * 1e9 / onePass.cpuNanos();
                double loadAtEnd = EngineFigures.loadAverage();
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %,d | %,.0f | %,.0f | %.2f × | %,d KB / %,d KB | %.1f–%.1f |%n",
                        shape,
                        findings,
                        separateRate,
                        onePassRate,
                        onePassRate / separateRate,
                        separate.allocatedBytes() / separate.records() / 1024,
                        onePass.allocatedBytes() / onePass.records() / 1024,
                        Math.min(loadAtStart, loadAtEnd),
                        Math.max(loadAtStart, loadAtEnd));
            }
        }
    }

    /** Prints the CPU time of one thread judging a fleet at three stages, with three calls and in one pass. */
    private static void fleet(EngineRecords source, PolicyEngine engine, List<EngineRecords.Shape> shapes, int size) {
        System.out.println("""
                | shape | records × findings | three calls: CPU time | one pass: CPU time | one pass / three calls | load (1 min) |
                |---|--:|--:|--:|--:|--:|""");
        for (EngineRecords.Shape shape : shapes) {
            List<ImageRecord> fleet = source.fleet(shape, size, 300);
            double loadAtStart = EngineFigures.loadAverage();
            List<ImageRecord> warmUp = fleet.subList(0, Math.max(1, size / 10));
            round(engine, warmUp, 300 * warmUp.size(), false);
            round(engine, warmUp, 300 * warmUp.size(), true);
            Round separate = round(engine, fleet, 300 * fleet.size(), false);
            Round onePass = round(engine, fleet, 300 * fleet.size(), true);
            double loadAtEnd = EngineFigures.loadAverage();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %,d × 300 | %.2f s | %.2f s | %.2f | %.1f–%.1f |%n",
                    shape,
                    size,
                    separate.cpuNanos() / 1e9,
                    onePass.cpuNanos() / 1e9,
                    (double) onePass.cpuNanos() / separate.cpuNanos(),
                    Math.min(loadAtStart, loadAtEnd),
                    Math.max(loadAtStart, loadAtEnd));
        }
    }

    private static void requireEqual(PolicyEngine engine, List<ImageRecord> ring) {
        for (ImageRecord record : ring) {
            Map<Stage, Verdict> together = engine.evaluate(record, STAGES, EngineRecords.AT);
            for (Stage stage : STAGES) {
                if (!together.get(stage).equals(engine.evaluate(record, stage, EngineRecords.AT))) {
                    throw new IllegalStateException("one pass and a separate call disagree at " + stage);
                }
            }
        }
    }

    private static Round best(Round kept, Round candidate) {
        return kept == null || candidate.cpuNanos() < kept.cpuNanos() ? candidate : kept;
    }

    private static Round round(PolicyEngine engine, List<ImageRecord> ring, int findings, boolean onePass) {
        long records = Math.max(ring.size(), FINDINGS_PER_ROUND / findings);
        long thread = Thread.currentThread().getId();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long allocated = THREADS.getThreadAllocatedBytes(thread);
        for (long i = 0; i < records; i++) {
            ImageRecord record = ring.get((int) (i % ring.size()));
            if (onePass) {
                consumed = engine.evaluate(record, STAGES, EngineRecords.AT);
            } else {
                for (Stage stage : STAGES) {
                    consumed = engine.evaluate(record, stage, EngineRecords.AT);
                }
            }
        }
        return new Round(
                records, THREADS.getCurrentThreadCpuTime() - cpu, THREADS.getThreadAllocatedBytes(thread) - allocated);
    }
}
