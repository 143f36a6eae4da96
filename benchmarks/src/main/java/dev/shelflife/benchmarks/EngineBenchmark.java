package dev.shelflife.benchmarks;

import dev.shelflife.ImageRecord;
import dev.shelflife.Stage;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The policy engine's throughput on one thread: the default policy evaluating image records of
 * {@link EngineRecords} of one shape at one stage, forecast included. One operation is one record's evaluation;
 * {@link EngineTable} turns evaluations per second into findings per second. The benchmark cycles
 * through {@value #RING} different records, so that no record's objects stay hot in the cache.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EngineBenchmark -p shape=violating -p findings=300 -p stage=deploy -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineBenchmark {

    /** How many different records an evaluation cycles through. */
    static final int RING = 64;

    /** The findings in each record's latest reports. */
    @Param({"30", "300", "1000"})
    public int findings;

    /**
     * The records' shape ({@link EngineRecords.Shape}): {@code synthetic} (two corpus reports, most
     * findings pass), {@code violating} (ten corpus reports of five formats, most findings past
     * their SLA) or {@code passing} (the same mix, most deadlines ahead).
     */
    @Param({"synthetic", "violating", "passing"})
    public String shape;

    /** The stage of the default policy: {@code build}, {@code deploy} or {@code run}. */
    @Param({"build", "deploy", "run"})
    public String stage;

    private final PolicyEngine engine = PolicyEngine.of(Policies.defaults());
    private List<ImageRecord> records;
    private Stage evaluated;
    private int next;

    /** Builds the records. */
    @Setup
    public void setUp() {
        records = EngineRecords.load().fleet(EngineRecords.Shape.of(shape), RING, findings);
        evaluated = Stage.of(stage);
    }

    /**
     * Evaluates the next record.
     *
     * @return the verdict
     */
    @Benchmark
    public Verdict evaluate() {
        ImageRecord record = records.get(next);
        next = (next + 1) % RING;
        return engine.evaluate(record, evaluated, EngineRecords.AT);
    }
}
