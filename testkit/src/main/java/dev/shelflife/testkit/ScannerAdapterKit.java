package dev.shelflife.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shelflife.Finding;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportParseException;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.KitTemplate.Syntax;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The checks every scanner adapter must pass, in one kit. Extend it in the adapter's test, give
 * it a {@link KitSetup} (the adapter, a few reports it reads, templates of its formats), and the
 * same checks ShelfLife's own adapters pass run against yours.
 *
 * <p>On {@linkplain KitSample samples}, reports it reads whole: discovery under a lower-case id,
 * detection and reading with the raw entry count, determinism, reading from many threads, a
 * stream that agrees with the read, located errors for truncation at 64 points, and a depth
 * limit that is enforced. On {@linkplain KitTemplate templates}, small reports with marked places
 * for probes, each check asserting the exact outcome: truncation at every byte, trailing content,
 * byte-order marks and UTF-16, invalid UTF-8 (overlong forms, encoded surrogates and code points
 * above U+10FFFF too) and unpaired UTF-16 surrogates, NUL characters, non-ASCII text, 5,000-deep
 * nesting inside unknown fields, 2,000-digit numbers, duplicate keys, every {@link ReadLimits}
 * limit enforced and named in its error, a first entry longer than any fixed window detection
 * might read, containers of entries spelled in another case and another format's entries beside
 * the report's own (reported or refused, never read as nothing found), and all of it from many
 * threads at once. On the adapter: garbage and foreign input neither claimed nor read, another
 * scanner's report refused, 5,000-deep arrays refused.
 *
 * <pre>{@code
 * class AcmeScannerAdapterTest extends ScannerAdapterKit {
 *
 *     AcmeScannerAdapterTest() {
 *         super(KitSetup.of(new AcmeScannerAdapter())
 *                 .sample(KitSample.ofResource(AcmeScannerAdapterTest.class, "shop-api-1.4.2.acme.json").entries(6))
 *                 .template(KitTemplate.json("acme.json", """
 *                         {"acmeScan": "1", $TOP$"findings": [
 *                           {$ENTRY$"id": "CVE-2024-0001", "package": "musl$TEXT$"},
 *                           {"id": "CVE-2024-0002", "package": "busybox"}]}
 *                         """)
 *                         .entries(2)
 *                         .entryAt("/findings/0")
 *                         .textAt("/findings/0/package"))
 *                 .frame(EntryFrame.of("acme.json", "{\"acmeScan\": \"1\", \"findings\": [\n", "]}"))
 *                 .without(KitCheck.NUMBERS_WHERE_TEXT_BELONGS, "Acme findings carry no CVSS score")
 *                 .build());
 *     }
 *
 *     @Test
 *     void readsAnUnknownSeverityAsUnknown() {
 *         assertThat(readEntries("{\"id\": \"CVE-1\", \"package\": \"a\", \"severity\": \"dire\"}").findings())
 *                 .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.UNKNOWN));
 *     }
 * }
 * }</pre>
 *
 * Checks that depend on the format (null, missing and empty values, wrongly typed and unknown
 * values, schema versions) belong in the adapter's own tests, beside its own knowledge: the
 * {@link EntryFrame} of the setup lets them write only the entries they are about, read with
 * {@link #readEntries(String)}, or a whole report, read with {@link #readDocument(String)}. A check
 * that cannot apply (a depth limit to a format that does not nest) is opted out by name with its
 * reason, {@link KitSetup.Builder#without(KitCheck, String)}, for the adapter, a sample or a
 * template, and is reported as skipped with the reason.
 *
 * @since 0.2
 */
public abstract class ScannerAdapterKit {

    /** The name of every field or element the kit adds to a template. */
    protected static final String PROBE = "x-shelflife-probe";

    /** Inputs that are no scanner's report: no adapter may claim them or fail on detecting them. */
    private static final List<String> FOREIGN = List.of(
            "",
            "   ",
            "hello, world",
            "{\"name\":\"not a report\",\"values\":[1,2,3]}",
            "<?xml version=\"1.0\"?><note><to>you</to></note>",
            "\u0000\u0001\u0002",
            "{\"unterminated\": ");

    private static final int DEEP = 5000;
    private static final int MAX_CUTS = 4096;
    private static final int SAMPLE_CUTS = 64;
    private static final int HUGE_PADDING = 16 << 20;
    private static final String NON_ASCII = "caf\u00e9-\u00df-\u65e5\u672c-\uD83D\uDC33";

    private final KitSetup setup;

    /**
     * Sets the kit up for one adapter.
     *
     * @param setup the adapter and its reports, from {@link KitSetup#of(ScannerAdapter)}
     */
    protected ScannerAdapterKit(KitSetup setup) {
        this.setup = Objects.requireNonNull(setup, "setup");
    }

    /**
     * The adapter under test.
     *
     * @return the setup's adapter
     */
    protected final ScannerAdapter adapter() {
        return setup.adapter();
    }

    /**
     * The setup given to the constructor.
     *
     * @return the setup
     */
    protected final KitSetup setup() {
        return setup;
    }

    /**
     * Reads entries inside the setup's {@link EntryFrame}.
     *
     * @param entries the entries, as written in the format
     * @return the report
     * @throws dev.shelflife.ReportParseException as the adapter throws it
     */
    protected final ScanReport readEntries(String entries) {
        return setup.readEntries(entries);
    }

    /**
     * Reads a whole report under the name of the setup's {@link EntryFrame}.
     *
     * @param text the report
     * @return the report
     * @throws dev.shelflife.ReportParseException as the adapter throws it
     */
    protected final ScanReport readDocument(String text) {
        return setup.readDocument(text);
    }

    // ---- the adapter

    @Test
    void hasALowerCaseIdAndIsDiscoverable() {
        requireApplies(KitCheck.DISCOVERY);
        ScannerAdapter adapter = adapter();
        assertThat(adapter.id()).as("the adapter's id").matches("[a-z][a-z0-9-]*");
        assertThat(ScannerAdapters.load().find(adapter.id()))
                .as(
                        "ServiceLoader finds %s under its id (META-INF/services/%s)",
                        adapter.getClass().getName(), ScannerAdapter.class.getName())
                .hasValueSatisfying(found -> assertThat(found).isInstanceOf(adapter.getClass()));
    }

    @Test
    void neitherClaimsNorFailsOnForeignInput() {
        requireApplies(KitCheck.FOREIGN_INPUT);
        for (String text : FOREIGN) {
            ReportSource source = ReportSource.of("foreign.txt", text.getBytes(StandardCharsets.UTF_8));
            assertThatCode(() -> assertThat(adapter().detect(source).isMatch())
                            .as("claims %s", text)
                            .isFalse())
                    .as("detecting %s", text)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void endsGarbageInALocatedException() {
        requireApplies(KitCheck.GARBAGE);
        for (String text : FOREIGN) {
            ReportSource source = ReportSource.of("garbage.json", text.getBytes(StandardCharsets.UTF_8));
            if (text.isBlank() && setup.readsEmptyDocuments()) {
                assertThat(adapter().read(source).counts().entries())
                        .as("reading the empty document %s", text)
                        .isZero();
                continue;
            }
            assertThat(refused("reading \"" + text + "\"", () -> adapter().read(source)))
                    .as("reading \"%s\"", text)
                    .hasMessageStartingWith("garbage.json");
        }
    }

    @Test
    void endsDeepNestingInALocatedException() {
        requireApplies(KitCheck.DEEP_NESTING);
        String deep = "[".repeat(DEEP) + "]".repeat(DEEP);
        String deepInObject = "{\"x\":" + deep + "}";
        for (String text : List.of(deep, deepInObject)) {
            ReportSource source = ReportSource.of("deep.json", text.getBytes(StandardCharsets.UTF_8));
            refused("reading " + DEEP + " nested arrays", () -> adapter().read(source));
        }
    }

    @Test
    void readsFromManyThreadsAsFromOne() throws Exception {
        requireApplies(KitCheck.SAMPLE_THREADS);
        List<ScanReport> expected =
                setup.samples().stream().map(s -> adapter().read(s.source())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ScanReport>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> setup.samples().stream()
                        .map(s -> adapter().read(s.source()))
                        .toList()));
            }
            for (Future<List<ScanReport>> result : results) {
                assertThat(result.get())
                        .as("the samples read on another thread")
                        .isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- the samples

    @TestFactory
    Stream<DynamicTest> detectsAndReadsEverySample() {
        return eachSample(KitCheck.SAMPLE_READ, sample -> {
            Detection detection = adapter().detect(sample.source());
            assertThat(detection.isMatch())
                    .as("detects %s (%s)", sample, detection)
                    .isTrue();
            ScanReport report = adapter().read(sample.source());
            assertThat(report.format().adapterId())
                    .as("the adapter id in the format of the report read from %s", sample)
                    .isEqualTo(adapter().id());
            assertThat(report.counts().entries())
                    .as("raw entries of %s", sample)
                    .isEqualTo(sample.requireEntries());
        });
    }

    @TestFactory
    Stream<DynamicTest> readsDeterministically() {
        return eachSample(
                KitCheck.SAMPLE_DETERMINISM,
                sample -> assertThat(adapter().read(sample.source()))
                        .as("a second read of %s", sample)
                        .isEqualTo(adapter().read(sample.source())));
    }

    @TestFactory
    Stream<DynamicTest> streamsWhatItReads() {
        return eachSample(KitCheck.SAMPLE_STREAM, sample -> {
            ScanReport report = adapter().read(sample.source());
            List<Finding> streamed = new ArrayList<>();
            ReportSummary summary = adapter().stream(sample.source(), streamed::add);

            // A stream may hand over an exact duplicate more than once, and counts what it hands over.
            assertThat(new LinkedHashSet<>(streamed))
                    .as("distinct findings streamed from %s", sample)
                    .containsExactlyElementsOf(report.findings());
            assertThat(summary.counts().findings())
                    .as("findings counted by the stream of %s", sample)
                    .isEqualTo(streamed.size());
            assertThat(summary.counts().entries())
                    .as("entries counted by the stream of %s", sample)
                    .isEqualTo(report.counts().entries());
            assertThat(summary.counts().skipped())
                    .as("skipped entries counted by the stream of %s", sample)
                    .isEqualTo(report.counts().skipped());
            assertThat(summary)
                    .as("the summary of the stream of %s", sample)
                    .usingRecursiveComparison()
                    .ignoringFields("counts")
                    .isEqualTo(report.summary());
        });
    }

    @TestFactory
    Stream<DynamicTest> endsEveryTruncationInALocatedExceptionOrAReport() {
        return eachSample(
                KitCheck.SAMPLE_TRUNCATION,
                sample -> eachCut(sample, cut -> adapter().read(cut)));
    }

    @TestFactory
    Stream<DynamicTest> endsEveryTruncatedStreamInALocatedExceptionOrASummary() {
        return eachSample(
                KitCheck.SAMPLE_STREAM_TRUNCATION,
                sample -> eachCut(sample, cut -> adapter().stream(cut, finding -> {})));
    }

    @TestFactory
    Stream<DynamicTest> enforcesTheDepthLimit() {
        ReadLimits shallow = ReadLimits.DEFAULT.withMaxDepth(2);
        return eachSample(
                KitCheck.SAMPLE_DEPTH_LIMIT,
                sample -> sample.requireEntries() > 0,
                sample -> assertThat(refused(
                                "reading " + sample + " under a depth limit of 2",
                                () -> adapter().read(sample.source().withLimits(shallow))))
                        .as("reading %s under a depth limit of 2", sample)
                        .hasMessageContaining("limit"));
    }

    /** Reads (or streams) the sample cut at {@value #SAMPLE_CUTS} points: a report, or a located exception. */
    private static void eachCut(KitSample sample, CutRead read) {
        byte[] bytes = sample.bytes();
        int step = Math.max(1, bytes.length / SAMPLE_CUTS);
        for (int length = 0; length < bytes.length; length += step) {
            ReportSource cut = ReportSource.of("cut.json", Arrays.copyOf(bytes, length));
            Throwable thrown = catchThrowable(() -> read.read(cut));
            if (thrown != null) {
                assertThat(thrown)
                        .as("%s cut at %d bytes", sample, length)
                        .isInstanceOf(ReportParseException.class)
                        .hasMessageStartingWith("cut.json");
            }
        }
    }

    /** A read or a stream of a cut sample. */
    @FunctionalInterface
    private interface CutRead {
        void read(ReportSource cut);
    }

    // ---- the templates

    @TestFactory
    Stream<DynamicTest> readsEveryTemplateWithItsEntries() {
        return eachTemplate(KitCheck.TEMPLATE_READ, t -> true, t -> {
            assertThat(adapter().detect(source(t, t.plain())).isMatch())
                    .as("detects %s", t)
                    .isTrue();
            assertThat(setup.entriesOf(read(t, t.plain())))
                    .as("raw entries of %s", t)
                    .isEqualTo(t.entries());
        });
    }

    @TestFactory
    Stream<DynamicTest> endsATruncationAtEveryByteInALocatedException() {
        return eachTemplate(KitCheck.TRUNCATION, t -> true, t -> {
            byte[] whole = t.plain();
            int end = new String(whole, StandardCharsets.UTF_8).stripTrailing().getBytes(StandardCharsets.UTF_8).length;
            int step = Math.max(1, whole.length / MAX_CUTS);
            for (int length = 0; length < whole.length; length += step) {
                byte[] cut = Arrays.copyOf(whole, length);
                if (length >= end) {
                    assertThat(read(t, cut))
                            .as("cut in the trailing white space, at %d bytes", length)
                            .isEqualTo(read(t, whole));
                    continue;
                }
                ReportParseException failure = failure(t, cut, ReadLimits.DEFAULT);
                assertThat(failure).as("cut at %d bytes", length).isExactlyInstanceOf(ReportParseException.class);
                assertThat(failure.problem())
                        .as("cut at %d bytes: %s", length, failure)
                        .containsAnyOf("truncated", "malformed", "empty");
                if (length > 0) {
                    assertThat(failure.location().line())
                            .as("line of the cut at %d bytes: %s", length, failure)
                            .isBetween(1L, lines(cut));
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> endsTrailingContentInALocatedExceptionAtItsLine() {
        return eachTemplate(KitCheck.TRAILING_CONTENT, t -> true, t -> {
            String plain = new String(t.plain(), StandardCharsets.UTF_8);
            String trailing = t.syntax() == Syntax.JSON ? "{\"another\": \"document\"}" : "garbage";
            String text = plain + "\n" + trailing + "\n";
            ReportParseException failure = failure(t, text.getBytes(StandardCharsets.UTF_8), ReadLimits.DEFAULT);
            assertThat(failure.problem()).as("%s", failure).containsIgnoringCase("trailing");
            assertThat(failure.location().line()).as("%s", failure).isEqualTo(lines(plain + "\n" + trailing));
            assertThat(read(t, (plain + "\n \t\r\n  \n").getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(read(t, t.plain()));
        });
    }

    @TestFactory
    Stream<DynamicTest> readsByteOrderMarksAndUtf16LikeUtf8() {
        return eachTemplate(KitCheck.BYTE_ORDER_MARKS, t -> true, t -> {
            ScanReport plain = read(t, t.plain());
            String text = new String(t.plain(), StandardCharsets.UTF_8);
            byte[] utf8 = t.plain();
            byte[] withMark = new byte[utf8.length + 3];
            withMark[0] = (byte) 0xEF;
            withMark[1] = (byte) 0xBB;
            withMark[2] = (byte) 0xBF;
            System.arraycopy(utf8, 0, withMark, 3, utf8.length);
            assertThat(read(t, withMark)).as("UTF-8 with a byte-order mark").isEqualTo(plain);
            assertThat(read(t, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE)))
                    .as("UTF-16BE")
                    .isEqualTo(plain);
            assertThat(read(t, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE)))
                    .as("UTF-16LE")
                    .isEqualTo(plain);
        });
    }

    @TestFactory
    Stream<DynamicTest> endsInvalidUtf8InALocatedException() {
        return eachTemplate(KitCheck.INVALID_UTF8, t -> true, t -> {
            ReportParseException failure =
                    failure(t, t.withRawText(new byte[] {(byte) 0xC3, 0x28}), ReadLimits.DEFAULT);
            if (t.syntax() == Syntax.JSON) {
                assertThat(failure.problem()).startsWith("malformed JSON: Invalid UTF-8");
                assertThat(failure.location().path()).isEqualTo(t.textPath());
                assertThat(failure.location().line()).isEqualTo(t.textLine());
            } else if (t.syntax() == Syntax.XML) {
                // The decoder reads ahead of the parser: the bytes are named, not their place.
                assertThat(failure.problem())
                        .startsWith("malformed XML: bytes that are not valid in the document's encoding");
            } else {
                assertThat(failure.problem()).startsWith("malformed " + label(t.syntax()) + ": Invalid UTF-8");
                assertThat(failure.location().line()).isEqualTo(t.textLine());
            }
        });
    }

    /** UTF-8 that a lenient decoder reads as text: overlong forms, encoded surrogates, code points above U+10FFFF. */
    private static final List<byte[]> ILL_FORMED_UTF8 = List.of(
            bytes(0xC0, 0xAF),
            bytes(0xC0, 0x80),
            bytes(0xE0, 0x80, 0xAF),
            bytes(0xF0, 0x80, 0x80, 0xAF),
            bytes(0xED, 0xA0, 0x80),
            bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xF5, 0x80, 0x80, 0x80),
            bytes(0xFF));

    @TestFactory
    Stream<DynamicTest> endsOverlongSurrogateAndOutOfRangeUtf8InALocatedException() {
        return eachTemplate(KitCheck.ILL_FORMED_UTF8, t -> true, t -> {
            for (byte[] bad : ILL_FORMED_UTF8) {
                ReportParseException failure = failure(t, t.withRawText(bad), ReadLimits.DEFAULT);
                String what = hex(bad);
                if (t.syntax() == Syntax.JSON) {
                    assertThat(failure.problem()).as("%s", what).startsWith("malformed JSON: Invalid UTF-8");
                    assertThat(failure.location().path()).as("%s", what).isEqualTo(t.textPath());
                    assertThat(failure.location().line()).as("%s", what).isEqualTo(t.textLine());
                } else if (t.syntax() == Syntax.XML) {
                    assertThat(failure.problem())
                            .as("%s", what)
                            .startsWith("malformed XML: bytes that are not valid in the document's encoding");
                } else {
                    assertThat(failure.problem())
                            .as("%s", what)
                            .startsWith("malformed " + label(t.syntax()) + ": Invalid UTF-8");
                    assertThat(failure.location().line()).as("%s", what).isEqualTo(t.textLine());
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> endsAnUnpairedSurrogateInUtf16InALocatedException() {
        return eachTemplate(KitCheck.UNPAIRED_SURROGATE, t -> true, t -> {
            String marker = "x-shelflife-unpaired";
            String text = new String(t.withText(marker), StandardCharsets.UTF_8);
            int at = text.indexOf(marker);
            for (byte[] unpaired : List.of(bytes(0xD8, 0x00), bytes(0xDC, 0x00))) {
                java.io.ByteArrayOutputStream utf16 = new java.io.ByteArrayOutputStream();
                utf16.writeBytes(("\uFEFF" + text.substring(0, at)).getBytes(StandardCharsets.UTF_16BE));
                utf16.writeBytes(unpaired);
                utf16.writeBytes(text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_16BE));
                ReportParseException failure = failure(t, utf16.toByteArray(), ReadLimits.DEFAULT);
                if (t.syntax() == Syntax.JSON) {
                    assertThat(failure.problem()).as("%s", hex(unpaired)).startsWith("malformed JSON: Invalid UTF-16");
                    assertThat(failure.location().path()).isEqualTo(t.textPath());
                    assertThat(failure.location().line()).isEqualTo(t.textLine());
                } else if (t.syntax() != Syntax.XML) {
                    assertThat(failure.problem())
                            .as("%s", hex(unpaired))
                            .startsWith("malformed " + label(t.syntax()) + ": Invalid UTF-16");
                    assertThat(failure.location().line()).isEqualTo(t.textLine());
                } else {
                    assertThat(failure.problem())
                            .as("%s", hex(unpaired))
                            .startsWith("malformed XML: bytes that are not valid in the document's encoding");
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> detectsAReportWhoseFirstEntryOrFirstKeysOutgrowAnyFixedWindow() {
        return eachTemplate(KitCheck.LONG_FIRST_ENTRY, t -> true, t -> {
            for (int length : new int[] {8 * 1024 + 1, 64 * 1024, 1 << 20}) {
                String padding = "p".repeat(length);
                String field = t.syntax().field(PROBE, t.syntax() == Syntax.JSON ? "\"" + padding + "\"" : padding);
                for (byte[] padded : List.of(t.withEntry(field), t.withTop(field))) {
                    assertThat(adapter().detect(source(t, padded)).isMatch())
                            .as("detects %s with %d characters of padding", t, length)
                            .isTrue();
                }
                assertThat(read(t, t.withEntry(field)).counts())
                        .as("%d characters of padding in the first entry", length)
                        .isEqualTo(read(t, t.plain()).counts());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> reportsOrRefusesAContainerOfEntriesSpelledInAnotherCase() {
        return eachTemplate(KitCheck.CONTAINER_IN_ANOTHER_CASE, t -> true, t -> {
            String plain = new String(t.plain(), StandardCharsets.UTF_8);
            for (String name : containersOf(t.entryPath())) {
                for (String spelling : otherCases(name)) {
                    String misspelled = renamed(t.syntax(), plain, name, spelling);
                    if (misspelled.equals(plain)) {
                        continue;
                    }
                    ScanReport report;
                    try {
                        report = read(t, misspelled.getBytes(StandardCharsets.UTF_8));
                    } catch (ReportParseException refused) {
                        assertThat(refused.location().source()).isEqualTo(t.name());
                        continue;
                    }
                    assertThat(report.problems())
                            .as("%s with %s spelled %s: %s", t, name, spelling, report)
                            .anySatisfy(problem ->
                                    assertThat(problem.kind()).isNotEqualTo(Problem.Kind.IGNORED_BY_SCANNER));
                }
            }
        });
    }

    /** Another format's container, holding one of its entries, to put beside the report's own: Trivy's, Grype's, Snyk's or CycloneDX's, SARIF's. */
    private static final List<String[]> FOREIGN_CONTAINERS = List.of(
            new String[] {
                "Results",
                "[{\"Target\": \"x\", \"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-2024-9999\", \"PkgName\": \"x\"}]}]"
            },
            new String[] {
                "matches", "[{\"vulnerability\": {\"id\": \"CVE-2024-9999\"}, \"artifact\": {\"name\": \"x\"}}]"
            },
            new String[] {
                "vulnerabilities",
                "[{\"id\": \"CVE-2024-9999\", \"packageName\": \"x\", \"affects\": [{\"ref\": \"x\"}]}]"
            },
            new String[] {
                "runs", "[{\"tool\": {\"driver\": {\"name\": \"x\"}}, \"results\": [{\"ruleId\": \"CVE-2024-9999\"}]}]"
            });

    @TestFactory
    Stream<DynamicTest> reportsRefusesOrReadsAnotherFormatsEntriesBesideItsOwn() {
        return eachTemplate(KitCheck.FOREIGN_ENTRIES, t -> t.syntax() == Syntax.JSON, t -> {
            for (String[] container : FOREIGN_CONTAINERS) {
                ScanReport report;
                try {
                    report = read(t, t.withTop(t.syntax().field(container[0], container[1])));
                } catch (ReportParseException refused) {
                    continue;
                }
                boolean reported =
                        report.problems().stream().anyMatch(p -> p.kind() != Problem.Kind.IGNORED_BY_SCANNER);
                assertThat(reported || setup.entriesOf(report) > t.entries())
                        .as(
                                "%s with %s beside its own entries: reported, refused or read, never dropped: %s",
                                t, container[0], report)
                        .isTrue();
            }
        });
    }

    /** The names of the objects and arrays on the way to the first entry: {@code Results}, {@code Vulnerabilities}. */
    private static List<String> containersOf(String entryPath) {
        List<String> names = new ArrayList<>();
        for (String segment : entryPath.split("/")) {
            String name = segment.replaceAll("\\[\\d+]$", "");
            if (!name.isEmpty() && !name.chars().allMatch(Character::isDigit)) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> otherCases(String name) {
        char first = name.charAt(0);
        String flipped = (Character.isUpperCase(first) ? Character.toLowerCase(first) : Character.toUpperCase(first))
                + name.substring(1);
        return Stream.of(flipped, name.toLowerCase(java.util.Locale.ROOT), name.toUpperCase(java.util.Locale.ROOT))
                .filter(spelling -> !spelling.equals(name))
                .distinct()
                .toList();
    }

    /** The document with every key (JSON, YAML) or element (XML) of one name spelled otherwise. */
    private static String renamed(Syntax syntax, String document, String name, String spelling) {
        String quoted = java.util.regex.Pattern.quote(name);
        String replacement = java.util.regex.Matcher.quoteReplacement(spelling);
        return switch (syntax) {
            case JSON -> document.replaceAll("\"" + quoted + "\"(\\s*:)", "\"" + replacement + "\"$1");
            case XML -> document.replaceAll("<(/?)" + quoted + "([\\s>/])", "<$1" + replacement + "$2");
            case YAML -> document.replaceAll("(^|[\\s{,\"'])" + quoted + "([\"']?\\s*:)", "$1" + replacement + "$2");
            case TEXT -> document;
        };
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(text.length() == 0 ? "" : " ").append(String.format("%02X", b & 0xFF));
        }
        return text.toString();
    }

    @TestFactory
    Stream<DynamicTest> endsARawNulCharacterInALocatedException() {
        return eachTemplate(KitCheck.RAW_NUL, t -> true, t -> {
            ReportParseException failure = failure(t, t.withText("\u0000"), ReadLimits.DEFAULT);
            assertThat(failure.problem())
                    .startsWith(
                            switch (t.syntax()) {
                                case JSON -> "malformed JSON: Illegal unquoted character";
                                case XML -> "malformed XML: An invalid XML character (Unicode: 0x0)";
                                default -> "malformed " + label(t.syntax()) + ":";
                            });
            if (t.syntax() == Syntax.JSON || t.syntax() == Syntax.XML) {
                assertThat(failure.location().path()).isEqualTo(t.textPath());
            }
            assertThat(failure.location().line()).isEqualTo(t.textLine());
        });
    }

    @TestFactory
    Stream<DynamicTest> keepsAnEscapedNulCharacterOfJson() {
        return eachTemplate(KitCheck.ESCAPED_NUL, t -> t.syntax() == Syntax.JSON, t -> {
            ScanReport report = read(t, t.withText("\\u0000"));
            assertThat(report.counts()).isEqualTo(read(t, t.plain()).counts());
            assertThat(report.toString()).contains("\u0000");
        });
    }

    @TestFactory
    Stream<DynamicTest> endsANulCharacterReferenceOfXmlInALocatedException() {
        return eachTemplate(KitCheck.NUL_REFERENCE, t -> t.syntax() == Syntax.XML, t -> {
            ReportParseException failure = failure(t, t.withText("&#0;"), ReadLimits.DEFAULT);
            assertThat(failure.problem())
                    .startsWith("malformed XML: Character reference \"&#0\" is an invalid XML character");
            assertThat(failure.location().path()).isEqualTo(t.textPath());
        });
    }

    @TestFactory
    Stream<DynamicTest> keepsNonAsciiTextAsWritten() {
        return eachTemplate(KitCheck.NON_ASCII, t -> true, t -> {
            ScanReport report = read(t, t.withText(NON_ASCII));
            assertThat(report.counts()).isEqualTo(read(t, t.plain()).counts());
            assertThat(report.toString()).contains(NON_ASCII);
        });
    }

    @TestFactory
    Stream<DynamicTest> endsDeepNestingInUnknownFieldsAtTheDepthLimit() {
        return eachTemplate(KitCheck.DEEP_UNKNOWN_FIELDS, t -> true, t -> {
            String field = t.syntax().field(PROBE, t.syntax().nested(DEEP));
            for (byte[] deep : List.of(t.withTop(field), t.withEntry(field))) {
                ReportParseException failure = failure(t, deep, ReadLimits.DEFAULT);
                assertThat(failure.problem())
                        .as("%s", failure)
                        .startsWith("limit exceeded")
                        .contains("ReadLimits.maxDepth");
            }
            assertThat(failure(t, t.withTop(field), ReadLimits.DEFAULT)
                            .location()
                            .path())
                    .startsWith(t.syntax().child(t.topPath(), PROBE));
            assertThat(failure(t, t.withEntry(field), ReadLimits.DEFAULT)
                            .location()
                            .path())
                    .startsWith(t.syntax().child(t.entryPath(), PROBE));
        });
    }

    @TestFactory
    Stream<DynamicTest> endsA2000DigitNumberAtTheNumberLimitAndSkipsOverflowingUnknownNumbers() {
        return eachTemplate(KitCheck.NUMBER_LIMIT, t -> t.syntax() == Syntax.JSON, t -> {
            ReportParseException failure =
                    failure(t, t.withEntry(t.syntax().field(PROBE, "1".repeat(2000))), ReadLimits.DEFAULT);
            assertThat(failure.problem())
                    .as("%s", failure)
                    .startsWith("limit exceeded")
                    .contains("ReadLimits.maxNumberLength");
            assertThat(failure.location().path()).isEqualTo(t.syntax().child(t.entryPath(), PROBE));
            ScanReport plain = read(t, t.plain());
            for (String number :
                    List.of("9".repeat(40), "-9223372036854775809", "1e999", "-1e-999", "0.".concat("1".repeat(500)))) {
                assertThat(read(t, t.withEntry(t.syntax().field(PROBE, number))))
                        .as("unknown field %s", number)
                        .isEqualTo(plain);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> endsADuplicateKeyInALocatedException() {
        return eachTemplate(KitCheck.DUPLICATE_KEY, t -> t.syntax() == Syntax.JSON, t -> {
            String twice = t.syntax().field(PROBE, "1") + t.syntax().field(PROBE, "2");
            for (byte[] duplicated : List.of(t.withTop(twice), t.withEntry(twice))) {
                ReportParseException failure = failure(t, duplicated, ReadLimits.DEFAULT);
                assertThat(failure.problem())
                        .as("%s", failure)
                        .isEqualTo("malformed JSON: Duplicate field '" + PROBE + "'");
            }
            assertThat(failure(t, t.withEntry(twice), ReadLimits.DEFAULT)
                            .location()
                            .path())
                    .isEqualTo(t.syntax().child(t.entryPath(), PROBE));
        });
    }

    @TestFactory
    Stream<DynamicTest> enforcesAndNamesTheStringLengthLimit() {
        return eachTemplate(KitCheck.STRING_LIMIT, t -> true, t -> {
            ReadLimits limits = ReadLimits.DEFAULT.withMaxStringLength(KitTemplate.MAX_PLAIN_STRING);
            assertThat(read(t, t.plain(), limits)).isEqualTo(read(t, t.plain()));
            ReportParseException failure = failure(t, t.withText("x".repeat(KitTemplate.MAX_PLAIN_STRING + 1)), limits);
            assertThat(failure.problem())
                    .as("%s", failure)
                    .startsWith("limit exceeded")
                    .contains("ReadLimits.maxStringLength");
            assertThat(failure.location().path()).isEqualTo(t.textPath());
        });
    }

    @TestFactory
    Stream<DynamicTest> enforcesAndNamesTheDocumentSizeLimit() {
        return eachTemplate(KitCheck.DOCUMENT_LIMIT, t -> true, t -> {
            byte[] plain = t.plain();
            assertThat(read(t, plain, ReadLimits.DEFAULT.withMaxDocumentBytes(plain.length)))
                    .isEqualTo(read(t, plain));
            ReportParseException failure = failure(t, plain, ReadLimits.DEFAULT.withMaxDocumentBytes(plain.length - 1));
            assertThat(failure.problem())
                    .as("%s", failure)
                    .startsWith("limit exceeded")
                    .contains("ReadLimits.maxDocumentBytes");
        });
    }

    @TestFactory
    Stream<DynamicTest> endsAHugeDocumentAtTheDocumentSizeLimit() {
        return eachTemplate(KitCheck.HUGE_DOCUMENT, t -> true, t -> {
            byte[] plain = t.plain();
            byte[] huge = Arrays.copyOf(plain, plain.length + HUGE_PADDING);
            Arrays.fill(huge, plain.length, huge.length, (byte) ' ');
            ReportParseException failure = failure(t, huge, ReadLimits.DEFAULT.withMaxDocumentBytes(1 << 20));
            assertThat(failure.problem())
                    .as("%s", failure)
                    .startsWith("limit exceeded")
                    .contains("ReadLimits.maxDocumentBytes");
        });
    }

    @TestFactory
    Stream<DynamicTest> enforcesAndNamesTheEntryLimit() {
        return eachTemplate(KitCheck.ENTRY_LIMIT, t -> true, t -> {
            assertThat(read(t, t.plain(), ReadLimits.DEFAULT.withMaxEntries(t.entries())))
                    .isEqualTo(read(t, t.plain()));
            ReportParseException failure = failure(t, t.plain(), ReadLimits.DEFAULT.withMaxEntries(t.entries() - 1));
            assertThat(failure.problem())
                    .as("%s", failure)
                    .startsWith("limit exceeded")
                    .contains("ReadLimits.maxEntries");
            assertThat(failure.location().line()).as("%s", failure).isPositive();
        });
    }

    @TestFactory
    Stream<DynamicTest> enforcesAndNamesTheDepthLimit() {
        return eachTemplate(KitCheck.DEPTH_LIMIT, t -> true, t -> {
            int depth = 1;
            while (!reads(t, depthLimit(depth))) {
                assertThat(depth).as("%s reads at some depth up to 64", t).isLessThan(64);
                depth++;
            }
            assertThat(depth)
                    .as("%s reads under a depth limit of 1: the limit (ReadLimits.maxDepth) is not enforced", t)
                    .isGreaterThan(1);
            ReportParseException failure = failure(t, t.plain(), depthLimit(depth - 1));
            assertThat(failure.problem())
                    .as("%s", failure)
                    .startsWith("limit exceeded")
                    .contains("ReadLimits.maxDepth");
            assertThat(failure.location().line()).as("%s", failure).isPositive();
        });
    }

    @TestFactory
    Stream<DynamicTest> neitherClaimsNorReadsAnotherScannersReport() {
        return onAdapter(KitCheck.FOREIGN_REPORTS, this::anotherScannersReports);
    }

    private Stream<DynamicTest> anotherScannersReports() {
        Set<Syntax> syntaxes =
                setup.templates().stream().map(KitTemplate::syntax).collect(Collectors.toSet());
        return ForeignReports.ALL.stream()
                .filter(foreign -> !foreign.adapterId().equals(adapter().id()))
                .map(foreign -> DynamicTest.dynamicTest(foreign.toString(), () -> {
                    ReportSource source =
                            ReportSource.of(foreign.format(), foreign.text().getBytes(StandardCharsets.UTF_8));
                    assertThat(adapter().detect(source).isMatch())
                            .as("claims %s", foreign)
                            .isFalse();
                    Throwable thrown = catchThrowable(() -> adapter().read(source));
                    assertThat(thrown).as("reading %s", foreign).isInstanceOf(ReportParseException.class);
                    if (syntaxes.contains(foreign.syntax())) {
                        // Well formed in a syntax the adapter reads: not a broken report, another one.
                        assertThat(thrown).as("reading %s", foreign).isInstanceOf(UnsupportedReportException.class);
                    }
                    assertThat(((ReportParseException) thrown).location().source())
                            .isEqualTo(foreign.format());
                }));
    }

    @TestFactory
    Stream<DynamicTest> readsAndFailsFromManyThreadsAsFromOne() {
        return eachTemplate(KitCheck.TEMPLATE_THREADS, t -> true, t -> {
            List<Callable<String>> reads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ReadLimits limits = ReadLimits.DEFAULT.withMaxStringLength(KitTemplate.MAX_PLAIN_STRING + i);
                byte[] plain = t.plain();
                byte[] cut = Arrays.copyOf(plain, plain.length / 2 + i);
                reads.add(() -> outcome(t, plain, limits));
                reads.add(() -> outcome(t, cut, limits));
                reads.add(() -> outcome(
                        t, t.withEntry(t.syntax().field(PROBE, t.syntax().nested(DEEP))), limits));
                reads.add(() -> outcome(t, t.withText(NON_ASCII), limits.withMaxEntries(t.entries() - 1)));
            }
            List<String> expected = new ArrayList<>();
            for (Callable<String> read : reads) {
                expected.add(read.call());
            }
            List<Integer> order = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < reads.size(); i++) {
                    order.add(i);
                }
            }
            Collections.shuffle(order, new Random(reads.size()));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i : order) {
                    results.add(pool.submit(reads.get(i)));
                }
                for (int i = 0; i < order.size(); i++) {
                    assertThat(results.get(i).get()).as("read %d", order.get(i)).isEqualTo(expected.get(order.get(i)));
                }
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> readsNumbersWhereTextBelongsAsTheirDigitsAndANumericStringAsAScore() {
        return onAdapter(
                KitCheck.NUMBERS_WHERE_TEXT_BELONGS,
                () -> setup.numbersWhereTextBelong().stream()
                        .map(entry ->
                                DynamicTest.dynamicTest(setup.requireFrame().name(), () -> {
                                    ScanReport report = readEntries(entry);

                                    assertThat(report.findings())
                                            .as("the findings of %s", entry)
                                            .singleElement()
                                            .satisfies(finding -> {
                                                assertThat(finding.pkg().name()).isEqualTo("42");
                                                assertThat(finding.pkg().version())
                                                        .hasValue("1.5");
                                                assertThat(finding.severity()).isEqualTo(Severity.UNKNOWN);
                                                assertThat(finding.vulnerability()
                                                                .ratings())
                                                        .extracting(Rating::score)
                                                        .contains(Optional.of(7.5));
                                            });
                                    // A severity of 3 is no word the adapter knows: UNKNOWN, and said so where it
                                    // stands.
                                    assertThat(report.problems())
                                            .as("the problems of %s", entry)
                                            .singleElement()
                                            .satisfies(problem -> {
                                                assertThat(problem.message()).startsWith("unknown severity \"3\"");
                                                assertThat(problem.location().path())
                                                        .endsWithIgnoringCase("/severity");
                                                assertThat(problem.location().line())
                                                        .isEqualTo(lines(setup.requireFrame()
                                                                .head()));
                                            });
                                })));
    }

    // ---- how checks run, and are opted out of

    /** Aborts an adapter's check that does not apply, so that it shows as skipped with its reason. */
    private void requireApplies(KitCheck check) {
        setup.reasonNotToRun(check, Map.of()).ifPresent(reason -> Assumptions.abort(notApplying(check, reason)));
    }

    private String notApplying(KitCheck check, String reason) {
        return check + " does not apply to " + adapter().id() + ": " + reason;
    }

    /** An adapter's check given as dynamic tests, or one skipped test with the reason it does not apply. */
    private Stream<DynamicTest> onAdapter(KitCheck check, Supplier<Stream<DynamicTest>> tests) {
        return setup.reasonNotToRun(check, Map.of())
                .map(reason -> Stream.of(
                        DynamicTest.dynamicTest(check.testName(), () -> Assumptions.abort(notApplying(check, reason)))))
                .orElseGet(tests);
    }

    private Stream<DynamicTest> eachSample(KitCheck check, SampleCheck body) {
        return eachSample(check, sample -> true, body);
    }

    /** One test a sample, or a skipped one with the reason where the check does not apply to it. */
    private Stream<DynamicTest> eachSample(KitCheck check, Predicate<KitSample> applies, SampleCheck body) {
        return setup.samples().stream()
                .filter(applies)
                .map(sample -> DynamicTest.dynamicTest(sample.name(), () -> {
                    Optional<String> reason = setup.reasonNotToRun(check, sample.notApplicable());
                    if (reason.isPresent()) {
                        Assumptions.abort(check + " does not apply to " + sample + ": " + reason.get());
                    }
                    body.run(sample);
                }));
    }

    /** One test a template, or a skipped one with the reason where the check does not apply to it. */
    private Stream<DynamicTest> eachTemplate(KitCheck check, Predicate<KitTemplate> applies, TemplateCheck body) {
        return setup.templates().stream()
                .filter(applies)
                .map(t -> DynamicTest.dynamicTest(t.name(), () -> {
                    Optional<String> reason = setup.reasonNotToRun(check, t.notApplicable());
                    if (reason.isPresent()) {
                        Assumptions.abort(check + " does not apply to " + t + ": " + reason.get());
                    }
                    body.run(t);
                }));
    }

    /** One check of one sample. */
    @FunctionalInterface
    private interface SampleCheck {
        void run(KitSample sample) throws Exception;
    }

    /** How a syntax that is neither JSON nor XML names itself in an adapter's messages. */
    private static String label(Syntax syntax) {
        return syntax == Syntax.YAML ? "YAML" : "text";
    }

    /** One row's check of one template. */
    @FunctionalInterface
    private interface TemplateCheck {
        void run(KitTemplate template) throws Exception;
    }

    private boolean reads(KitTemplate t, ReadLimits limits) {
        return catchThrowable(() -> read(t, t.plain(), limits)) == null;
    }

    private static ReadLimits depthLimit(int depth) {
        return ReadLimits.DEFAULT.withMaxDepth(depth);
    }

    private static ReportSource source(KitTemplate t, byte[] bytes) {
        return ReportSource.of(t.name(), bytes);
    }

    private ScanReport read(KitTemplate t, byte[] bytes) {
        return read(t, bytes, ReadLimits.DEFAULT);
    }

    private ScanReport read(KitTemplate t, byte[] bytes, ReadLimits limits) {
        return adapter().read(source(t, bytes).withLimits(limits));
    }

    /** Reads and expects a located exception that names the template as its source. */
    private ReportParseException failure(KitTemplate t, byte[] bytes, ReadLimits limits) {
        ReportParseException failure =
                refused("reading " + t + " (" + bytes.length + " bytes)", () -> read(t, bytes, limits));
        assertThat(failure.location().source())
                .as("the source named by %s", failure)
                .isEqualTo(t.name());
        return failure;
    }

    /**
     * Runs a read that must end in a {@link ReportParseException}, and says what it did instead: a
     * report (a silent, partial result) or another exception (an unlocated failure).
     */
    private static ReportParseException refused(String what, Supplier<?> read) {
        Object result;
        try {
            result = read.get();
        } catch (ReportParseException failure) {
            return failure;
        } catch (RuntimeException | Error escaped) {
            throw new AssertionError(
                    what + " ended in " + escaped + ", not in a located ReportParseException", escaped);
        }
        String returned =
                result instanceof ScanReport report ? "a report of " + report.counts() : String.valueOf(result);
        throw new AssertionError(
                what + " returned " + returned + " instead of ending in a located ReportParseException");
    }

    /** The report, or the exception's class and message: what a read gives, for comparison. */
    private String outcome(KitTemplate t, byte[] bytes, ReadLimits limits) {
        try {
            return read(t, bytes, limits).toString();
        } catch (ReportParseException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static long lines(byte[] bytes) {
        return lines(new String(bytes, StandardCharsets.UTF_8));
    }

    private static long lines(String text) {
        return 1 + text.chars().filter(c -> c == '\n').count();
    }
}
