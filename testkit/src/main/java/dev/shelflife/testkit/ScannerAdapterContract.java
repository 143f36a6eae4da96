package dev.shelflife.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shelflife.Finding;
import dev.shelflife.ReportParseException;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The checks every scanner adapter must pass. Extend it in the adapter's tests, give it the
 * adapter and a few reports it reads, and the same checks ShelfLife's own adapters pass run
 * against yours: discovery, detection, entry accounting, determinism, thread safety, streaming
 * that agrees with reading, and located errors for truncated, garbage, foreign and too deeply
 * nested input.
 *
 * <pre>{@code
 * class AcmeScannerAdapterTest extends ScannerAdapterContract {
 *     protected ScannerAdapter adapter() { return new AcmeScannerAdapter(); }
 *     protected List<ContractSample> samples() {
 *         return List.of(ContractSample.ofResource(getClass(), "two-findings.json", 2));
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public abstract class ScannerAdapterContract {

    /** Inputs that are no scanner's report: no adapter may claim them or fail on detecting them. */
    private static final List<String> FOREIGN = List.of(
            "",
            "   ",
            "hello, world",
            "{\"name\":\"not a report\",\"values\":[1,2,3]}",
            "<?xml version=\"1.0\"?><note><to>you</to></note>",
            "\u0000\u0001\u0002",
            "{\"unterminated\": ");

    /**
     * The adapter under test.
     *
     * @return a new or shared instance
     */
    protected abstract ScannerAdapter adapter();

    /**
     * Reports the adapter must read, with their raw entry counts; include at least one with
     * findings.
     *
     * @return the samples
     */
    protected abstract List<ContractSample> samples();

    /**
     * Whether an empty document (no bytes, or white space only) is a document of the adapter's
     * format that it reads, with no entries, rather than garbage: an empty ignore file ignores
     * nothing. When it is, the garbage check reads the empty inputs instead of expecting them to
     * be refused.
     *
     * @return {@code false} by default
     * @since 0.2
     */
    protected boolean readsEmptyDocuments() {
        return false;
    }

    /**
     * The checks of this kit that cannot apply to the adapter's formats, by the name of the check's
     * method, each with the reason (a depth limit means nothing to a format that does not nest). An
     * opted-out check is reported as skipped with its reason.
     *
     * @return the checks that do not apply, and why; none by default
     * @since 0.2
     */
    protected Map<String, String> checksThatDoNotApply() {
        return Map.of();
    }

    private void requireApplies(String check) {
        String reason = checksThatDoNotApply().get(check);
        if (reason != null) {
            Assumptions.abort(check + " does not apply to " + adapter().id() + ": " + reason);
        }
    }

    @Test
    void hasALowerCaseIdAndIsDiscoverable() {
        ScannerAdapter adapter = adapter();
        assertThat(adapter.id()).matches("[a-z][a-z0-9-]*");
        assertThat(ScannerAdapters.load().find(adapter.id()))
                .as(
                        "ServiceLoader finds %s under its id (META-INF/services/%s)",
                        adapter.getClass().getName(), ScannerAdapter.class.getName())
                .hasValueSatisfying(found -> assertThat(found).isInstanceOf(adapter.getClass()));
    }

    @TestFactory
    Stream<DynamicTest> detectsAndReadsEverySample() {
        return samples().stream()
                .map(sample -> DynamicTest.dynamicTest(sample.name(), () -> {
                    Detection detection = adapter().detect(sample.source());
                    assertThat(detection.isMatch())
                            .as("detects %s (%s)", sample, detection)
                            .isTrue();
                    ScanReport report = adapter().read(sample.source());
                    assertThat(report.format().adapterId()).isEqualTo(adapter().id());
                    assertThat(report.counts().entries())
                            .as("raw entries of %s", sample)
                            .isEqualTo(sample.entries());
                }));
    }

    @TestFactory
    Stream<DynamicTest> readsDeterministically() {
        return samples().stream()
                .map(sample -> DynamicTest.dynamicTest(
                        sample.name(),
                        () -> assertThat(adapter().read(sample.source()))
                                .isEqualTo(adapter().read(sample.source()))));
    }

    @TestFactory
    Stream<DynamicTest> streamsWhatItReads() {
        return samples().stream()
                .map(sample -> DynamicTest.dynamicTest(sample.name(), () -> {
                    ScanReport report = adapter().read(sample.source());
                    List<Finding> streamed = new ArrayList<>();
                    ReportSummary summary = adapter().stream(sample.source(), streamed::add);

                    // A stream may hand over an exact duplicate more than once, and counts what it hands over.
                    assertThat(new LinkedHashSet<>(streamed))
                            .as("distinct findings streamed from %s", sample)
                            .containsExactlyElementsOf(report.findings());
                    assertThat(summary.counts().findings()).isEqualTo(streamed.size());
                    assertThat(summary.counts().entries())
                            .isEqualTo(report.counts().entries());
                    assertThat(summary.counts().skipped())
                            .isEqualTo(report.counts().skipped());
                    assertThat(summary)
                            .usingRecursiveComparison()
                            .ignoringFields("counts")
                            .isEqualTo(report.summary());
                }));
    }

    @Test
    void readsFromManyThreadsAsFromOne() throws Exception {
        List<ScanReport> expected =
                samples().stream().map(s -> adapter().read(s.source())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ScanReport>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() ->
                        samples().stream().map(s -> adapter().read(s.source())).toList()));
            }
            for (Future<List<ScanReport>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void neitherClaimsNorFailsOnForeignInput() {
        for (String text : FOREIGN) {
            ReportSource source = ReportSource.of("foreign.txt", text.getBytes(StandardCharsets.UTF_8));
            assertThatCode(() -> assertThat(adapter().detect(source).isMatch())
                            .as("claims %s", text)
                            .isFalse())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void endsGarbageInALocatedException() {
        requireApplies("endsGarbageInALocatedException");
        for (String text : FOREIGN) {
            ReportSource source = ReportSource.of("garbage.json", text.getBytes(StandardCharsets.UTF_8));
            if (text.isBlank() && readsEmptyDocuments()) {
                assertThat(adapter().read(source).counts().entries())
                        .as("reading the empty document %s", text)
                        .isZero();
                continue;
            }
            assertThatThrownBy(() -> adapter().read(source))
                    .as("reading %s", text)
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageStartingWith("garbage.json");
        }
    }

    @TestFactory
    Stream<DynamicTest> endsEveryTruncationInALocatedExceptionOrAReport() {
        return samples().stream()
                .map(sample -> DynamicTest.dynamicTest(sample.name(), () -> {
                    byte[] bytes = sample.bytes();
                    int step = Math.max(1, bytes.length / 64);
                    for (int length = 0; length < bytes.length; length += step) {
                        ReportSource cut = ReportSource.of("cut.json", Arrays.copyOf(bytes, length));
                        Throwable thrown = catchThrowable(() -> adapter().read(cut));
                        if (thrown != null) {
                            assertThat(thrown)
                                    .as("cut at %d bytes", length)
                                    .isInstanceOf(ReportParseException.class)
                                    .hasMessageStartingWith("cut.json");
                        }
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> endsEveryTruncatedStreamInALocatedExceptionOrASummary() {
        return samples().stream()
                .map(sample -> DynamicTest.dynamicTest(sample.name(), () -> {
                    byte[] bytes = sample.bytes();
                    int step = Math.max(1, bytes.length / 64);
                    for (int length = 0; length < bytes.length; length += step) {
                        ReportSource cut = ReportSource.of("cut.json", Arrays.copyOf(bytes, length));
                        Throwable thrown = catchThrowable(() -> adapter().stream(cut, finding -> {}));
                        if (thrown != null) {
                            assertThat(thrown)
                                    .as("cut at %d bytes", length)
                                    .isInstanceOf(ReportParseException.class)
                                    .hasMessageStartingWith("cut.json");
                        }
                    }
                }));
    }

    @Test
    void endsDeepNestingInALocatedException() {
        requireApplies("endsDeepNestingInALocatedException");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String deepInObject = "{\"x\":" + deep + "}";
        for (String text : List.of(deep, deepInObject)) {
            ReportSource source = ReportSource.of("deep.json", text.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> adapter().read(source)).isInstanceOf(ReportParseException.class);
        }
    }

    @TestFactory
    Stream<DynamicTest> enforcesTheDepthLimit() {
        requireApplies("enforcesTheDepthLimit");
        ReadLimits shallow = ReadLimits.DEFAULT.withMaxDepth(2);
        return samples().stream()
                .filter(s -> s.entries() > 0)
                .map(sample -> DynamicTest.dynamicTest(
                        sample.name(),
                        () -> assertThatThrownBy(
                                        () -> adapter().read(sample.source().withLimits(shallow)))
                                .isInstanceOf(ReportParseException.class)
                                .hasMessageContaining("limit")));
    }
}
