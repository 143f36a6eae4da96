package dev.shelflife.testkit;

import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * The contract a fuzzer checks, for any bytes: {@link ScannerAdapter#detect} answers without
 * throwing, and {@link ScannerAdapter#read} returns a report or throws a
 * {@link ReportParseException}, within a time budget and under small {@link #LIMITS}. Anything
 * else that escapes (a {@link NullPointerException}, a {@link ClassCastException}, a
 * {@link StackOverflowError}, an {@link OutOfMemoryError}, an {@link AssertionError} for an input
 * that took too long) is a finding. Call it from a fuzz test of your fuzzer's choice, such as
 * Jazzer's:
 *
 * <pre>{@code
 * class AcmeFuzzTest {
 *     private static final FuzzTarget TARGET = FuzzTarget.of(new AcmeScannerAdapter());
 *
 *     static Stream<Named<byte[]>> seeds() {
 *         return FuzzTarget.seeds(AcmeFuzzTest.class, List.of("two-findings.json"));
 *     }
 *
 *     @MethodSource("seeds")
 *     @FuzzTest
 *     void readsAnyBytesIntoAReportOrALocatedException(byte[] input) {
 *         TARGET.accept(input);
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class FuzzTarget {

    /**
     * The limits inputs are read under: 64 KiB, depth 64, 4,096-character strings, 100-digit
     * numbers, 256 entries. Small, so that every input that could exhaust the heap or take long
     * meets a limit first, and the fuzzer spends its time on the adapter rather than on bulk.
     */
    public static final ReadLimits LIMITS = new ReadLimits(64 << 10, 64, 4096, 100, 256);

    /** The longest one input may take to detect and read; an input that takes longer is a finding. */
    public static final Duration BUDGET = Duration.ofSeconds(5);

    /** The largest seed taken from the corpus: larger reports only meet {@link #LIMITS} and slow the fuzzer. */
    public static final int MAX_SEED_BYTES = 32 << 10;

    private final ScannerAdapter adapter;

    private FuzzTarget(ScannerAdapter adapter) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
    }

    /**
     * A target for an adapter.
     *
     * @param adapter the adapter
     * @return the target
     */
    public static FuzzTarget of(ScannerAdapter adapter) {
        return new FuzzTarget(adapter);
    }

    /**
     * Detects and reads one input, and lets through whatever breaks the contract.
     *
     * @param input any bytes
     * @throws AssertionError if detection and reading took longer than {@link #BUDGET} twice in a row, or a report
     *     breaks the limits
     */
    public void accept(byte[] input) {
        // The first inputs also load the classes they reach, which under a fuzzer's instrumentation
        // takes tens of seconds: an input is too slow only if it is slow again once they are loaded.
        if (timed(input).compareTo(BUDGET) > 0) {
            Duration again = timed(input);
            if (again.compareTo(BUDGET) > 0) {
                throw new AssertionError("detecting and reading " + input.length + " bytes took " + again.toMillis()
                        + " ms, more than the budget of " + BUDGET.toMillis() + " ms");
            }
        }
    }

    private Duration timed(byte[] input) {
        ReportSource source = ReportSource.of("fuzz.json", input).withLimits(LIMITS);
        long start = System.nanoTime();
        adapter.detect(source);
        try {
            ScanReport report = adapter.read(source);
            if (report.counts().entries() > LIMITS.maxEntries()) {
                throw new AssertionError(
                        "read " + report.counts().entries() + " entries under a limit of " + LIMITS.maxEntries());
            }
        } catch (ReportParseException expected) {
            // A located failure is an allowed answer to bad input.
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Seeds for a fuzz test: the named class-path resources, such as the adapter's own unit test
     * reports, and, where the corpus is present ({@link Corpus#find()}), the files of the named
     * corpus folders of at most {@link #MAX_SEED_BYTES}. Nothing is copied: the corpus is read
     * where it lies, each time.
     *
     * @param anchor a class next to the resources
     * @param resources the resource names, relative to the anchor's package
     * @param corpusFolders corpus folders, such as {@code trivy}
     * @return the seeds, each named after its file
     */
    public static Stream<Named<byte[]>> seeds(Class<?> anchor, List<String> resources, String... corpusFolders) {
        List<Named<byte[]>> seeds = new ArrayList<>();
        for (String resource : resources) {
            try (InputStream in = anchor.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no resource " + resource + " next to " + anchor.getName());
                }
                seeds.add(Named.of(resource, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Corpus.find().ifPresent(corpus -> {
            for (String folder : corpusFolders) {
                for (Corpus.CorpusFile file : corpus.files(folder)) {
                    try {
                        if (Files.size(file.path()) <= MAX_SEED_BYTES) {
                            seeds.add(Named.of(file.name(), Files.readAllBytes(file.path())));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        });
        return seeds.stream();
    }
}
