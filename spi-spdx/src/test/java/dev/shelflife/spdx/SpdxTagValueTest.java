package dev.shelflife.spdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shelflife.Component;
import dev.shelflife.Problem;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bad-input rows of SPDX's tag-value syntax, which is a line format, not JSON.
 *
 * <p>The JSON rows of checks of {@link dev.shelflife.testkit.ScannerAdapterKit} do not apply, and are left out
 * for these reasons: a line format has no nesting, so no depth limit and no deep nesting; no
 * numbers, so no number limit; no keys to duplicate (tags repeat by design: {@code Creator},
 * {@code ExternalRef}); no escapes, so no escaped NUL; and it is UTF-8 by its specification, so
 * UTF-16 is refused rather than read. Its truncation differs too: a document cut at a line break
 * is a shorter well-formed document, which nothing in it can tell from a whole one (tag-value has
 * no closing token; Trivy writes no final line break), so the row asserts that every cut ends in a
 * located exception or in an inventory of the packages before the cut, and that a cut inside a
 * {@code <text>} is a truncated document. The rows that do apply are here: truncation, NUL and
 * other control characters, invalid UTF-8 at its line and column, an overlong line, a huge
 * document, the entry limit on packages, and malformed lines located by line number.
 */
class SpdxTagValueTest {

    private static final String DOCUMENT = """
            SPDXVersion: SPDX-2.2
            DataLicense: CC0-1.0
            SPDXID: SPDXRef-DOCUMENT
            DocumentName: alpine:3.19
            Creator: Tool: syft-1.4.1
            Created: 2025-01-14T08:03:51Z

            PackageName: musl
            SPDXID: SPDXRef-musl
            PackageVersion: 1.2.4-r2
            PackageComment: <text>The C library,
            in two lines.</text>
            ExternalRef: PACKAGE-MANAGER purl pkg:apk/alpine/musl@1.2.4-r2

            PackageName: alpine:3.19
            SPDXID: SPDXRef-image
            PrimaryPackagePurpose: CONTAINER

            Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-image
            """;

    private static final List<byte[]> ILL_FORMED_UTF8 = List.of(
            bytes(0xC3, 0x28),
            bytes(0xC0, 0xAF),
            bytes(0xC0, 0x80),
            bytes(0xE0, 0x80, 0xAF),
            bytes(0xED, 0xA0, 0x80),
            bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xF5, 0x80, 0x80, 0x80),
            bytes(0xFF));

    private final SpdxScannerAdapter adapter = new SpdxScannerAdapter();

    private ScanReport read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8), ReadLimits.DEFAULT);
    }

    private ScanReport read(byte[] bytes, ReadLimits limits) {
        return adapter.read(ReportSource.of("sbom.spdx", bytes).withLimits(limits));
    }

    private ReportParseException failure(byte[] bytes, ReadLimits limits) {
        Throwable thrown = catchThrowable(() -> read(bytes, limits));
        assertThat(thrown).isInstanceOf(ReportParseException.class);
        ReportParseException failure = (ReportParseException) thrown;
        assertThat(failure.location().source()).isEqualTo("sbom.spdx");
        return failure;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** The document with {@code inserted} written into the first package's name, on line 8. */
    private static byte[] withName(byte[] inserted) {
        String text = DOCUMENT;
        int at = text.indexOf("musl") + "musl".length();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(inserted);
        out.writeBytes(text.substring(at).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void readsTheDocument() {
        ScanReport report = read(DOCUMENT);

        assertThat(report.components()).extracting(Component::name).containsExactly("musl", "alpine:3.19");
        assertThat(report.image().ref()).isPresent();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void endsEveryCutInALocatedExceptionOrAnInventoryOfThePackagesBeforeIt() {
        byte[] whole = DOCUMENT.getBytes(StandardCharsets.UTF_8);
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            Throwable thrown = catchThrowable(() -> read(cut, ReadLimits.DEFAULT));
            if (thrown == null) {
                assertThat(read(cut, ReadLimits.DEFAULT).components())
                        .as("cut at %d bytes", length)
                        .hasSizeLessThanOrEqualTo(2);
            } else {
                assertThat(thrown).as("cut at %d bytes", length).isInstanceOf(ReportParseException.class);
                assertThat(((ReportParseException) thrown).location().source()).isEqualTo("sbom.spdx");
            }
        }
    }

    @Test
    void endsACutInsideATextBlockAsATruncatedDocumentAtTheLineItReached() {
        String cut = DOCUMENT.substring(0, DOCUMENT.indexOf("in two lines."));

        ReportParseException failure = failure(cut.getBytes(StandardCharsets.UTF_8), ReadLimits.DEFAULT);

        assertThat(failure.problem())
                .isEqualTo("truncated document: the <text> of PackageComment opened at line 11 is not closed");
        assertThat(failure.location().line()).isEqualTo(11);
    }

    @Test
    void endsANulOrAnotherControlCharacterInALocatedExceptionAtItsLineAndColumn() {
        for (int control : new int[] {0x00, 0x01, 0x1B, 0x7F}) {
            ReportParseException failure = failure(withName(bytes(control)), ReadLimits.DEFAULT);

            assertThat(failure.problem()).as("U+%04X", control).startsWith("malformed tag-value: a ");
            assertThat(failure.location().line()).isEqualTo(8);
            assertThat(failure.location().column()).isEqualTo(18);
        }
        assertThat(failure(withName(bytes(0x00)), ReadLimits.DEFAULT).problem())
                .isEqualTo("malformed tag-value: a NUL character (U+0000)");
    }

    @Test
    void endsInvalidUtf8InALocatedExceptionAtItsLineAndColumn() {
        for (byte[] bad : ILL_FORMED_UTF8) {
            ReportParseException failure = failure(withName(bad), ReadLimits.DEFAULT);

            assertThat(failure.problem()).startsWith("malformed tag-value: Invalid UTF-8");
            assertThat(failure.location().line()).isEqualTo(8);
            assertThat(failure.location().column()).isEqualTo(18);
        }
    }

    @Test
    void keepsNonAsciiTextAsWritten() {
        String name = "caf\u00e9-\u00df-\u65e5\u672c-\uD83D\uDC33";

        ScanReport report = read(withName(name.getBytes(StandardCharsets.UTF_8)), ReadLimits.DEFAULT);

        assertThat(report.components().get(0).name()).isEqualTo("musl" + name);
    }

    @Test
    void readsAByteOrderMarkAndCrLfLineEndingsAndRefusesUtf16() {
        byte[] withMark = new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = DOCUMENT.getBytes(StandardCharsets.UTF_8);
        byte[] marked = Arrays.copyOf(withMark, withMark.length + text.length);
        System.arraycopy(text, 0, marked, withMark.length, text.length);

        assertThat(read(marked, ReadLimits.DEFAULT)).isEqualTo(read(DOCUMENT));
        assertThat(read(DOCUMENT.replace("\n", "\r\n"))).isEqualTo(read(DOCUMENT));
        assertThatThrownBy(() -> read(("\uFEFF" + DOCUMENT).getBytes(StandardCharsets.UTF_16LE), ReadLimits.DEFAULT))
                .isInstanceOf(ReportParseException.class);
    }

    @Test
    void enforcesAndNamesTheLineLengthLimit() {
        ReadLimits limits = ReadLimits.DEFAULT.withMaxStringLength(100);
        assertThat(read(DOCUMENT.getBytes(StandardCharsets.UTF_8), limits)).isEqualTo(read(DOCUMENT));

        ReportParseException failure = failure(withName("x".repeat(200).getBytes(StandardCharsets.UTF_8)), limits);

        assertThat(failure.problem())
                .isEqualTo("limit exceeded: line 8 is longer than 100 characters (ReadLimits.maxStringLength)");
        assertThat(failure.location().line()).isEqualTo(8);
        ReportParseException endless =
                failure(("SPDXVersion: SPDX-2.2\n" + "y".repeat(100_000)).getBytes(StandardCharsets.UTF_8), limits);
        assertThat(endless.problem()).startsWith("limit exceeded: line 2 is longer than 100 characters");
        String lines = ("z".repeat(60) + "\n").repeat(3);
        ReportParseException text = failure(
                DOCUMENT.replace("in two lines.", lines + "in two lines.").getBytes(StandardCharsets.UTF_8), limits);
        assertThat(text.problem())
                .isEqualTo("limit exceeded: the <text> of PackageComment opened at line 11 is longer than 100"
                        + " characters (ReadLimits.maxStringLength)");
    }

    @Test
    void enforcesAndNamesTheDocumentSizeLimitOfAHugeDocument() {
        byte[] plain = DOCUMENT.getBytes(StandardCharsets.UTF_8);
        assertThat(read(plain, ReadLimits.DEFAULT.withMaxDocumentBytes(plain.length)))
                .isEqualTo(read(DOCUMENT));
        byte[] huge = Arrays.copyOf(plain, plain.length + (16 << 20));
        Arrays.fill(huge, plain.length, huge.length, (byte) '\n');

        ReportParseException failure = failure(huge, ReadLimits.DEFAULT.withMaxDocumentBytes(1 << 20));

        assertThat(failure.problem()).startsWith("limit exceeded").contains("ReadLimits.maxDocumentBytes");
    }

    @Test
    void enforcesAndNamesTheEntryLimitOnPackages() {
        assertThat(read(DOCUMENT.getBytes(StandardCharsets.UTF_8), ReadLimits.DEFAULT.withMaxEntries(2)))
                .isEqualTo(read(DOCUMENT));

        ReportParseException failure =
                failure(DOCUMENT.getBytes(StandardCharsets.UTF_8), ReadLimits.DEFAULT.withMaxEntries(1));

        assertThat(failure.problem()).isEqualTo("limit exceeded: more than 1 packages (ReadLimits.maxEntries)");
        assertThat(failure.location().line()).isEqualTo(15);
    }

    @Test
    void endsAMalformedLineInALocatedExceptionAtItsLine() {
        ReportParseException noColon = failure(
                DOCUMENT.replace("PackageVersion: 1.2.4-r2", "PackageVersion 1.2.4-r2")
                        .getBytes(StandardCharsets.UTF_8),
                ReadLimits.DEFAULT);
        assertThat(noColon)
                .hasMessage("sbom.spdx:10:1 (/): malformed tag-value: expected \"Tag: value\", found"
                        + " \"PackageVersion 1.2.4-r2\"");

        ReportParseException badRef = failure(
                DOCUMENT.replace("purl pkg:apk", "purlpkg:apk").getBytes(StandardCharsets.UTF_8), ReadLimits.DEFAULT);
        assertThat(badRef.location().line()).isEqualTo(13);
        assertThat(badRef.location().path()).isEqualTo("/packages/0/ExternalRef");
        assertThat(badRef.problem()).startsWith("malformed ExternalRef: expected \"CATEGORY TYPE LOCATOR\"");

        ReportParseException badRelationship = failure(
                DOCUMENT.replace("DESCRIBES SPDXRef-image", "DESCRIBES").getBytes(StandardCharsets.UTF_8),
                ReadLimits.DEFAULT);
        assertThat(badRelationship.location().line()).isEqualTo(19);

        ReportParseException afterText = failure(
                DOCUMENT.replace("in two lines.</text>", "in two lines.</text> more")
                        .getBytes(StandardCharsets.UTF_8),
                ReadLimits.DEFAULT);
        assertThat(afterText.problem()).isEqualTo("malformed tag-value: \"more\" after </text>");
        assertThat(afterText.location().line()).isEqualTo(12);
    }

    @Test
    void skipsUnknownTagsAndReportsAKnownTagSpelledInAnotherCase() {
        ScanReport report = read(DOCUMENT.replace("PackageVersion:", "X-Acme-Note: hi\npackageVersion:"));

        assertThat(report.components().get(0).version()).isEmpty();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(p.location().line()).isEqualTo(11);
            assertThat(p.message()).startsWith("\"packageVersion\" is not \"PackageVersion\"");
        });
    }

    @Test
    void refusesTextWhoseFirstTagIsNotSpdxVersionAndAnEmptyDocument() {
        assertThatThrownBy(() -> read("DataLicense: CC0-1.0\nSPDXVersion: SPDX-2.2\n"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("sbom.spdx:1:1 (/): not an SPDX tag-value document: its first tag is SPDXVersion, found"
                        + " \"DataLicense: CC0-1.0\"");
        assertThatThrownBy(() -> read("# only a comment\n\n"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("empty document");
    }
}
