package dev.shelflife.benchmarks;

import dev.shelflife.ImageRecord;
import dev.shelflife.Stage;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Judging the three stages of the default policy for one record at one instant, forecasts
 * included: three separate {@code evaluate(record, stage, at)} calls against one
 * {@code evaluate(record, stages, at)} pass, which works out the evidence, the merge, the
 * history and the remedies once. One operation is one record judged at the three stages; the
 * records are those of {@link EngineBenchmark} ({@link EngineRecords}), cycled through a ring of
 * {@value EngineBenchmark#RING}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar StagesBenchmark -p shape=violating -p findings=300 -prof gc
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
public class StagesBenchmark {

    private static final List<Stage> STAGES = List.of(Stage.BUILD, Stage.DEPLOY, Stage.RUN);

    /** The findings in each record's latest reports. */
    @Param({"300", "1000"})
    public int findings;

    /** The records' shape: {@code violating} (most findings past their SLA) or {@code passing} (most deadlines ahead). */
    @Param({"violating", "passing"})
    public String shape;

    private final PolicyEngine engine = PolicyEngine.of(Policies.defaults());
    private List<ImageRecord> records;
    private int next;

    /** Builds the records. */
    @Setup
    public void setUp() {
        records = EngineRecords.load().fleet(EngineRecords.Shape.of(shape), EngineBenchmark.RING, findings);
    }

    /**
     * Judges the next record at each stage with its own call.
     *
     * @param verdicts where the verdicts go
     */
    @Benchmark
    public void separate(Blackhole verdicts) {
        ImageRecord record = nextRecord();
        for (Stage stage : STAGES) {
            verdicts.consume(engine.evaluate(record, stage, EngineRecords.AT));
        }
    }

    /**
     * Judges the next record at the three stages in one pass.
     *
     * @return the verdicts
     */
    @Benchmark
    public Map<Stage, Verdict> onePass() {
        return engine.evaluate(nextRecord(), STAGES, EngineRecords.AT);
    }

    private ImageRecord nextRecord() {
        ImageRecord record = records.get(next);
        next = (next + 1) % EngineBenchmark.RING;
        return record;
    }
}
