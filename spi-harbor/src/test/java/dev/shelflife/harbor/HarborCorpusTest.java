package dev.shelflife.harbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.testkit.Corpus.CorpusFile;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Reads every Harbor report of the shared corpus; skipped, visibly, where the corpus is absent. */
class HarborCorpusTest {

    private static final HarborScannerAdapter ADAPTER = new HarborScannerAdapter();

    private static ScanReport read(String name) {
        return Corpus.require().read(ADAPTER, "harbor/" + name);
    }

    @TestFactory
    Stream<DynamicTest> detectsEveryFileAndAccountsForEveryRawEntry() {
        List<CorpusFile> files = Corpus.require().files("harbor");
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        return Corpus.detectsAndReadsEach(files, ADAPTER, (file, report) -> {
            assertThat(report.counts().entries())
                    .as("raw entries of %s (%s)", file, file.notes())
                    .isEqualTo(file.rawEntries());
            assertThat(report.counts().findings()).isEqualTo(file.rawEntries());
            assertThat(report.isScan()).isTrue();
        });
    }

    @TestFactory
    Stream<DynamicTest> claimsNoFileOfAnotherFolder() {
        return Corpus.require().claimedByNoneOutside("harbor", ADAPTER);
    }

    @Test
    void readsTheWrappedV11ReportWithItsCvssAndCwes() {
        ScanReport report = read("dd-harbor-trivy-v0.44-report-v1.1-mime-wrapped.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("harbor", "harbor-json", "1.1"));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", "v0.44.0"));
        assertThat(report.scannedAt()).hasValue(Instant.parse("2023-09-08T00:19:11.258693685Z"));
        assertThat(report.image().manifestDigest())
                .as("the one digest every entry names")
                .hasValue("sha256:711103cfce07dc03d61f51e819fad7d6fbbad20fc99caa039cc8da77e7a1c51b");
        Finding e2fsprogs = report.findings().get(0);
        assertThat(e2fsprogs.toString()).isEqualTo("CVE-2022-1304 HIGH in e2fsprogs 1.46.2-2 (NOT_FIXED)");
        assertThat(e2fsprogs.vulnerability().cwes()).containsExactly("CWE-125", "CWE-787");
        assertThat(e2fsprogs.vulnerability().ratings())
                .containsExactly(
                        Rating.of("nvd", null, 7.8, "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H"),
                        Rating.of("nvd", null, 6.8, "AV:N/AC:M/Au:N/C:P/I:P/A:P"),
                        Rating.of("redhat", null, 5.8, "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:L/I:L/A:H"));
        assertThat(report.findings())
                .extracting(Finding::severity)
                .containsExactly(Severity.HIGH, Severity.LOW, Severity.LOW);
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsTheBareReportAndSaysItsEntriesNameTwoDigests() {
        ScanReport report = read("dd-harborapipip-unwrapped-report.json");

        assertThat(report.format().schemaVersion()).isEmpty();
        assertThat(report.scannedAt()).hasValue(Instant.parse("2023-11-16T00:14:12.726598Z"));
        assertThat(report.findings())
                .extracting(Finding::toString)
                .containsExactly(
                        "CVE-1999-123 MEDIUM in libs 1.2.3.4.5.6 (NOT_FIXED)",
                        "CVE-1999-1234 HIGH in asdf 1.2.3.4.5 (NOT_FIXED)");
        assertThat(report.image().manifestDigest()).isEmpty();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.COERCED_VALUE);
            assertThat(problem.message()).startsWith("the entries name 2 different artifact_digests (");
        });
    }

    @Test
    void readsTheV10SampleWithNegligibleAsNegligibleAndAnEmptyFixVersionAsNotFixed() {
        ScanReport report = read("dd-harbor-5-vuln-clair-adapter-v1.0.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("harbor", "harbor-json", "1.0"));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Clair", "2.x"));
        assertThat(report.findings())
                .extracting(Finding::severity, Finding::fix)
                .containsExactly(
                        tuple(Severity.NEGLIGIBLE, Fix.fixed("unexploitable-version-1")),
                        tuple(Severity.HIGH, Fix.of(FixState.NOT_FIXED)),
                        tuple(Severity.HIGH, Fix.fixed("unexploitable-version-3")),
                        tuple(Severity.CRITICAL, Fix.fixed("unexploitable-version-4")),
                        tuple(Severity.CRITICAL, Fix.fixed("unexploitable-version-5")));
        assertThat(report.findings().get(1).vulnerability().primaryUrl())
                .as("no links")
                .isEmpty();
        assertThat(report.problems()).isEmpty();
    }
}
