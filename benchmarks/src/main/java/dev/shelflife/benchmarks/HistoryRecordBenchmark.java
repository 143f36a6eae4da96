package dev.shelflife.benchmarks;

import dev.shelflife.ScanReport;
import dev.shelflife.history.HistoryStore;
import dev.shelflife.history.HistoryStores;
import dev.shelflife.history.RecordContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * Recording 1,000 reports of 300 real findings ({@link DailyScans}) into a new store, one call
 * each, on one thread: one operation is the thousand records. Two shapes: {@code rescans}, ten
 * lineages scanned every day for a hundred days (most findings repeat, as a nightly rescan's do),
 * and {@code fleet}, a thousand lineages scanned once (every finding is new to the store).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar HistoryRecordBenchmark -p store=sqlite
 * SHELFLIFE_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/db?user=u&amp;password=p java -jar … -p store=postgresql
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HistoryRecordBenchmark {

    /** How many reports one operation records. */
    static final int REPORTS = 1_000;

    /** {@code sqlite} or {@code postgresql}. */
    @Param({"sqlite", "postgresql"})
    public String store;

    /** {@code rescans} or {@code fleet}. */
    @Param({"rescans", "fleet"})
    public String shape;

    private List<ScanReport> reports;
    private Path folder;
    private String url;
    private HistoryStore history;

    /** Builds the reports. */
    @Setup(Level.Trial)
    public void buildReports() {
        DailyScans scans = DailyScans.load();
        reports = new ArrayList<>(REPORTS);
        if (shape.equals("rescans")) {
            for (int day = 0; day < REPORTS / 10; day++) {
                for (int lineage = 0; lineage < 10; lineage++) {
                    reports.add(scans.scan(lineage, day, 300));
                }
            }
        } else {
            for (int lineage = 0; lineage < REPORTS; lineage++) {
                reports.add(scans.scan(lineage, 0, 300));
            }
        }
        folder = HistoryStoreFiles.newFolder();
    }

    /** Opens a new store for each iteration. */
    @Setup(Level.Iteration)
    public void openStore() {
        url = HistoryStoreFiles.newStore(store, folder);
        history = HistoryStores.open(url);
    }

    /** Closes and removes the iteration's store. */
    @TearDown(Level.Iteration)
    public void removeStore() {
        history.close();
        HistoryStoreFiles.remove(url, folder);
    }

    /**
     * Records the thousand reports.
     *
     * @return how many were added
     */
    @Benchmark
    public int recordThousand() {
        int added = 0;
        RecordContext context = RecordContext.of(DailyScans.DAY_0, "HistoryRecordBenchmark");
        for (ScanReport report : reports) {
            added += history.record(report, context).added() ? 1 : 0;
        }
        if (added != REPORTS) {
            throw new IllegalStateException("recorded " + added + " of " + REPORTS);
        }
        return added;
    }
}
