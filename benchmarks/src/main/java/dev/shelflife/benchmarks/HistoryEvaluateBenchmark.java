package dev.shelflife.benchmarks;

import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.Stage;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import dev.shelflife.history.RecordContext;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluating an image from the store alone, warm: the record of the lineage's latest image
 * ({@code imageRecord}: its latest scan and what the lineage's 365 daily scans of 300 findings
 * remember) and the default policy's verdict on it at the run stage, forecast included. One
 * operation is one image's record and verdict.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HistoryEvaluateBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HistoryEvaluateBenchmark {

    /** How many daily scans the lineage holds. */
    @Param({"365"})
    public int days;

    /** {@code sqlite} or {@code postgresql}. */
    @Param({"sqlite"})
    public String store;

    private final PolicyEngine engine = PolicyEngine.of(Policies.defaults());
    private Path folder;
    private String url;
    private HistoryStore history;
    private ImageRef latest;
    private Instant at;

    /** Records the lineage's year of scans. */
    @Setup(Level.Trial)
    public void recordTheYear() {
        folder = HistoryStoreFiles.newFolder();
        url = HistoryStoreFiles.newStore(store, folder);
        history = HistoryStores.open(url);
        DailyScans scans = DailyScans.load();
        for (int day = 0; day < days; day++) {
            history.record(scans.scan(0, day, 300), RecordContext.of(DailyScans.DAY_0, "HistoryEvaluateBenchmark"));
        }
        latest = DailyScans.image(0, days - 1);
        at = DailyScans.DAY_0.plus(Duration.ofDays(days)).minusSeconds(60);
        ImageRecord record = history.imageRecord(latest, at).orElseThrow();
        if (record.lineage().orElseThrow().findings().isEmpty()
                || record.scans().size() != 1) {
            throw new IllegalStateException("the record holds no lineage history");
        }
    }

    /** Closes and removes the store. */
    @TearDown(Level.Trial)
    public void removeStore() {
        history.close();
        HistoryStoreFiles.remove(url, folder);
    }

    /**
     * Reads the image's record from the store and evaluates it.
     *
     * @return the verdict
     */
    @Benchmark
    public Verdict recordAndEvaluate() {
        ImageRecord record = history.imageRecord(latest, at).orElseThrow();
        return engine.evaluate(record, Stage.RUN, at);
    }
}
