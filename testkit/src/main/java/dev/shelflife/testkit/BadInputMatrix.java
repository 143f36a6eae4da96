package dev.shelflife.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.MatrixTemplate.Syntax;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input matrix every scanner adapter must pass: truncation at every byte, trailing
 * content, byte-order marks and UTF-16, invalid UTF-8 (overlong forms, encoded surrogates and code
 * points above U+10FFFF too) and unpaired UTF-16 surrogates, NUL characters, non-ASCII text,
 * 5,000-deep nesting inside unknown fields, 2,000-digit numbers, duplicate keys, every
 * {@link ReadLimits} limit enforced and named in its error, another scanner's report, a first entry
 * longer than any fixed window detection might read, containers of entries spelled in another
 * case and another format's entries beside the report's own (reported or refused, never read as
 * nothing found), and all of it from many threads at once. Extend it in the adapter's tests and give it {@link MatrixTemplate}s, one per
 * format the adapter reads; each row runs against each template it applies to and asserts the
 * exact outcome: the report, or a {@link ReportParseException} of the right type at the right
 * location.
 *
 * <pre>{@code
 * class AcmeBadInputMatrixTest extends BadInputMatrix {
 *     AcmeBadInputMatrixTest() {
 *         super(new AcmeScannerAdapter(), EntryFrame.of("acme.json", "{\"findings\": [\n", "]}"));
 *     }
 *     protected List<MatrixTemplate> templates() {
 *         return List.of(MatrixTemplate.json("acme.json", """
 *                 {$TOP$"findings": [{$ENTRY$"cve": "CVE-2024-0001", "package": "musl$TEXT$"},
 *                                    {"cve": "CVE-2024-0002", "package": "busybox"}]}""",
 *                 2, "", "/findings/0", "/findings/0/package"));
 *     }
 *     @Test
 *     void readsAnUnknownSeverityAsUnknown() {
 *         assertThat(readEntries("{\"cve\": \"CVE-1\", \"package\": \"a\", \"severity\": \"dire\"}")
 *                 .findings()).singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.UNKNOWN));
 *     }
 * }
 * }</pre>
 *
 * Rows that depend on the format (null, missing and empty values, wrongly typed and unknown
 * values, schema versions) belong in the subclass, beside the adapter's own knowledge; the
 * {@link EntryFrame} given to the constructor lets them write only the entries they are about,
 * read with {@link #readEntries(String)}, or a whole report, read with {@link #readDocument(String)}.
 * One more shared row needs an entry written with the format's own field names: override
 * {@link #entryOfNumbersWhereTextBelongs()} to run it.
 *
 * @since 0.1
 */
public abstract class BadInputMatrix {

    /** The name of every field or element the matrix adds. */
    protected static final String PROBE = "x-shelflife-probe";

    private static final int DEEP = 5000;
    private static final int MAX_CUTS = 4096;
    private static final int HUGE_PADDING = 16 << 20;
    private static final String NON_ASCII = "caf\u00e9-\u00df-\u65e5\u672c-\uD83D\uDC33";

    private final ScannerAdapter adapter;
    private final EntryFrame frame;

    /**
     * Sets the matrix up for one adapter.
     *
     * @param adapter the adapter under test, shared by every row
     * @param frame the report that the subclass's own rows put their entries in
     */
    protected BadInputMatrix(ScannerAdapter adapter, EntryFrame frame) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.frame = Objects.requireNonNull(frame, "frame");
    }

    /**
     * The adapter under test.
     *
     * @return the adapter given to the constructor
     */
    protected final ScannerAdapter adapter() {
        return adapter;
    }

    /**
     * Reads entries inside the constructor's {@link EntryFrame}.
     *
     * @param entries the entries, as written in the format
     * @return the report
     * @throws dev.shelflife.ReportParseException as the adapter throws it
     */
    protected final ScanReport readEntries(String entries) {
        return adapter.read(frame.around(entries));
    }

    /**
     * Reads a whole report under the name of the constructor's {@link EntryFrame}.
     *
     * @param text the report
     * @return the report
     * @throws dev.shelflife.ReportParseException as the adapter throws it
     */
    protected final ScanReport readDocument(String text) {
        return adapter.read(frame.document(text));
    }

    /**
     * What a template's {@linkplain MatrixTemplate#entries() entries} count in a report the adapter
     * read: its raw entries, {@code counts().entries()}, for scans, assessments and ignore files.
     * An inventory has no raw entries (its count is 0, whatever it lists): an adapter of
     * inventories overrides this to count what its templates hold instead, such as
     * {@code report.components().size()}, and applies {@link ReadLimits#maxEntries()} to them.
     *
     * @param report a report the adapter read
     * @return what the rows compare with the template's entries
     * @since 0.2
     */
    protected int entriesOf(ScanReport report) {
        return report.counts().entries();
    }

    /**
     * One template per format the adapter reads.
     *
     * @return the templates
     */
    protected abstract List<MatrixTemplate> templates();

    /**
     * The rows of this matrix that cannot apply to the adapter's formats, by the name of the row's
     * method, each with the reason: a row that cuts a document at every byte cannot apply to a
     * format of lines, where a cut document is a shorter one. An opted-out row is reported as
     * skipped with its reason; test what it would have tested in the adapter's own way.
     *
     * @return the rows that do not apply, and why; none by default
     * @since 0.2
     */
    protected Map<String, String> rowsThatDoNotApply() {
        return Map.of();
    }

    @TestFactory
    Stream<DynamicTest> readsEveryTemplateWithItsEntries() {
        return rows(t -> true, t -> {
            assertThat(adapter().detect(source(t, t.plain())).isMatch())
                    .as("detects %s", t)
                    .isTrue();
            assertThat(entriesOf(read(t, t.plain()))).as("raw entries of %s", t).isEqualTo(t.entries());
        });
    }

    @TestFactory
    Stream<DynamicTest> endsATruncationAtEveryByteInALocatedException() {
        return rows(t -> true, t -> {
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
        return rows(t -> true, t -> {
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
        return rows(t -> true, t -> {
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
        return rows(t -> true, t -> {
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
        return rows(t -> true, t -> {
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
        return rows(t -> true, t -> {
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
        return rows(t -> true, t -> {
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
        return rows(t -> true, t -> {
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
        return rows(t -> t.syntax() == Syntax.JSON, t -> {
            for (String[] container : FOREIGN_CONTAINERS) {
                ScanReport report;
                try {
                    report = read(t, t.withTop(t.syntax().field(container[0], container[1])));
                } catch (ReportParseException refused) {
                    continue;
                }
                boolean reported =
                        report.problems().stream().anyMatch(p -> p.kind() != Problem.Kind.IGNORED_BY_SCANNER);
                assertThat(reported || entriesOf(report) > t.entries())
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
        return rows(t -> true, t -> {
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
        return rows(t -> t.syntax() == Syntax.JSON, t -> {
            ScanReport report = read(t, t.withText("\\u0000"));
            assertThat(report.counts()).isEqualTo(read(t, t.plain()).counts());
            assertThat(report.toString()).contains("\u0000");
        });
    }

    @TestFactory
    Stream<DynamicTest> endsANulCharacterReferenceOfXmlInALocatedException() {
        return rows(t -> t.syntax() == Syntax.XML, t -> {
            ReportParseException failure = failure(t, t.withText("&#0;"), ReadLimits.DEFAULT);
            assertThat(failure.problem())
                    .startsWith("malformed XML: Character reference \"&#0\" is an invalid XML character");
            assertThat(failure.location().path()).isEqualTo(t.textPath());
        });
    }

    @TestFactory
    Stream<DynamicTest> keepsNonAsciiTextAsWritten() {
        return rows(t -> true, t -> {
            ScanReport report = read(t, t.withText(NON_ASCII));
            assertThat(report.counts()).isEqualTo(read(t, t.plain()).counts());
            assertThat(report.toString()).contains(NON_ASCII);
        });
    }

    @TestFactory
    Stream<DynamicTest> endsDeepNestingInUnknownFieldsAtTheDepthLimit() {
        return rows(t -> true, t -> {
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
        return rows(t -> t.syntax() == Syntax.JSON, t -> {
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
        return rows(t -> t.syntax() == Syntax.JSON, t -> {
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
        return rows(t -> true, t -> {
            ReadLimits limits = ReadLimits.DEFAULT.withMaxStringLength(MatrixTemplate.MAX_PLAIN_STRING);
            assertThat(read(t, t.plain(), limits)).isEqualTo(read(t, t.plain()));
            ReportParseException failure =
                    failure(t, t.withText("x".repeat(MatrixTemplate.MAX_PLAIN_STRING + 1)), limits);
            assertThat(failure.problem())
                    .as("%s", failure)
                    .startsWith("limit exceeded")
                    .contains("ReadLimits.maxStringLength");
            assertThat(failure.location().path()).isEqualTo(t.textPath());
        });
    }

    @TestFactory
    Stream<DynamicTest> enforcesAndNamesTheDocumentSizeLimit() {
        return rows(t -> true, t -> {
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
        return rows(t -> true, t -> {
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
        return rows(t -> true, t -> {
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
        return rows(t -> true, t -> {
            int depth = 1;
            while (!reads(t, depthLimit(depth))) {
                assertThat(depth).as("%s reads at some depth up to 64", t).isLessThan(64);
                depth++;
            }
            assertThat(depth).as("%s nests at least one level", t).isGreaterThan(1);
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
        Set<Syntax> syntaxes = templates().stream().map(MatrixTemplate::syntax).collect(Collectors.toSet());
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
        return rows(t -> true, t -> {
            List<Callable<String>> reads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ReadLimits limits = ReadLimits.DEFAULT.withMaxStringLength(MatrixTemplate.MAX_PLAIN_STRING + i);
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

    /**
     * One entry of the format, to stand alone in the constructor's {@link EntryFrame}, whose
     * package name is the JSON number {@code 42}, its version the number {@code 1.5}, its
     * severity the number {@code 3} and its CVSS score the string {@code "7.5"}: text written as
     * numbers, and a number written as text. Override it when the format has these four fields.
     *
     * @return the entry, or empty (the default) to leave the row out
     */
    protected Optional<String> entryOfNumbersWhereTextBelongs() {
        return Optional.empty();
    }

    @TestFactory
    Stream<DynamicTest> readsNumbersWhereTextBelongsAsTheirDigitsAndANumericStringAsAScore() {
        return entryOfNumbersWhereTextBelongs().stream()
                .map(entry -> DynamicTest.dynamicTest(frame.name(), () -> {
                    ScanReport report = readEntries(entry);

                    assertThat(report.findings()).singleElement().satisfies(finding -> {
                        assertThat(finding.pkg().name()).isEqualTo("42");
                        assertThat(finding.pkg().version()).hasValue("1.5");
                        assertThat(finding.severity()).isEqualTo(Severity.UNKNOWN);
                        assertThat(finding.vulnerability().ratings())
                                .extracting(Rating::score)
                                .contains(Optional.of(7.5));
                    });
                    // A severity of 3 is no word the adapter knows: UNKNOWN, and said so where it stands.
                    assertThat(report.problems()).singleElement().satisfies(problem -> {
                        assertThat(problem.message()).startsWith("unknown severity \"3\"");
                        assertThat(problem.location().path()).endsWithIgnoringCase("/severity");
                        assertThat(problem.location().line()).isEqualTo(lines(frame.head()));
                    });
                }));
    }

    private Stream<DynamicTest> rows(Predicate<MatrixTemplate> applies, TemplateCheck check) {
        // The row is the method that called: every row's method calls this directly.
        String row = StackWalker.getInstance()
                .walk(frames -> frames.skip(1).findFirst())
                .map(StackWalker.StackFrame::getMethodName)
                .orElse("");
        String reason = rowsThatDoNotApply().get(row);
        if (reason != null) {
            return Stream.of(DynamicTest.dynamicTest(
                    row, () -> Assumptions.abort(row + " does not apply to " + adapter.id() + ": " + reason)));
        }
        return templates().stream().filter(applies).map(t -> DynamicTest.dynamicTest(t.name(), () -> check.run(t)));
    }

    /** How a syntax that is neither JSON nor XML names itself in an adapter's messages. */
    private static String label(Syntax syntax) {
        return syntax == Syntax.YAML ? "YAML" : "text";
    }

    /** One row's check of one template. */
    @FunctionalInterface
    private interface TemplateCheck {
        void run(MatrixTemplate template) throws Exception;
    }

    private boolean reads(MatrixTemplate t, ReadLimits limits) {
        return catchThrowable(() -> read(t, t.plain(), limits)) == null;
    }

    private static ReadLimits depthLimit(int depth) {
        return ReadLimits.DEFAULT.withMaxDepth(depth);
    }

    private static ReportSource source(MatrixTemplate t, byte[] bytes) {
        return ReportSource.of(t.name(), bytes);
    }

    private ScanReport read(MatrixTemplate t, byte[] bytes) {
        return read(t, bytes, ReadLimits.DEFAULT);
    }

    private ScanReport read(MatrixTemplate t, byte[] bytes, ReadLimits limits) {
        return adapter().read(source(t, bytes).withLimits(limits));
    }

    /** Reads and expects a located exception that names the template as its source. */
    private ReportParseException failure(MatrixTemplate t, byte[] bytes, ReadLimits limits) {
        Throwable thrown = catchThrowable(() -> read(t, bytes, limits));
        assertThat(thrown).as("reading %s", t).isInstanceOf(ReportParseException.class);
        ReportParseException failure = (ReportParseException) thrown;
        assertThat(failure.location().source()).as("%s", failure).isEqualTo(t.name());
        return failure;
    }

    /** The report, or the exception's class and message: what a read gives, for comparison. */
    private String outcome(MatrixTemplate t, byte[] bytes, ReadLimits limits) {
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
