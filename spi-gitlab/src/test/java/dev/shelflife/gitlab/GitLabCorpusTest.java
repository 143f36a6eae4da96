package dev.shelflife.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRef;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.testkit.Corpus.CorpusFile;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Reads every GitLab report of the shared corpus; skipped, visibly, where the corpus is absent. */
class GitLabCorpusTest {

    private static final GitLabScannerAdapter ADAPTER = new GitLabScannerAdapter();

    private static ScanReport read(String name) {
        return Corpus.require().read(ADAPTER, "gitlab/" + name);
    }

    @TestFactory
    Stream<DynamicTest> detectsEveryFileAndAccountsForEveryRawEntry() {
        List<CorpusFile> files = Corpus.require().files("gitlab");
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        return Corpus.detectsAndReadsEach(files, ADAPTER, (file, report) -> {
            assertThat(report.counts().entries())
                    .as("raw entries of %s (%s)", file, file.notes())
                    .isEqualTo(file.rawEntries());
            assertThat(report.counts().findings()).isEqualTo(file.rawEntries());
            assertThat(report.isScan()).isTrue();
            assertThat(report.problems()).as("%s", file).isEmpty();
        });
    }

    @TestFactory
    Stream<DynamicTest> claimsNoFileOfAnotherFolder() {
        return Corpus.require().claimedByNoneOutside("gitlab", ADAPTER);
    }

    @Test
    void readsGitLabsOwnAnalyzerInBothLayoutsAlike() {
        ScanReport v14 = read("dd-gl-container-scanning-report-5-vuln_v14.json");
        ScanReport v15 = read("dd-gl-container-scanning-report-5-vuln_v15.json");

        assertThat(v14.format()).isEqualTo(ReportFormat.of("gitlab", "gitlab-container-scanning", "3.0.0"));
        assertThat(v14.scanner()).isEqualTo(ScannerTool.of("Trivy", "0.16.0"));
        assertThat(v14.scannedAt()).hasValue(Instant.parse("2021-06-01T21:21:00Z"));
        assertThat(v14.image().ref()).hasValue(ImageRef.parse("registry/vulnerable-project:latest"));
        assertThat(v14.findings().get(0)).satisfies(libc -> {
            assertThat(libc.toString()).isEqualTo("CVE-2020-1751 HIGH in libc6 2.28-10 (UNKNOWN)");
            assertThat(libc.target()).isEqualTo("registry/vulnerable-project:latest (debian 10.9)");
            assertThat(libc.vulnerability().title()).hasValue("CVE-2020-1751 in libc6-2.28-10");
        });
        assertThat(v15.findings())
                .extracting(f -> f.vulnerability().id(), f -> f.pkg(), Finding::fix, Finding::severity)
                .isEqualTo(v14.findings().stream()
                        .map(f -> tuple(f.vulnerability().id(), f.pkg(), f.fix(), f.severity()))
                        .toList());
    }

    @Test
    void readsTrivysTemplateWithItsUpgradeSolutionsAsFixedVersions() {
        ScanReport report = read("trivy-head-alpine-310-gitlab-tpl.json");

        assertThat(report.format().schemaVersion()).hasValue("15.0.7");
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", "dev"));
        assertThat(report.image().ref()).as("the image is an archive's path").isEmpty();
        assertThat(report.artifact().name()).isEqualTo("testdata/fixtures/images/alpine-310.tar.gz");
        assertThat(report.findings())
                .extracting(Finding::toString, Finding::fix)
                .containsExactly(
                        tuple("CVE-2019-1549 MEDIUM in libcrypto1.1 1.1.1c-r0 (FIXED)", Fix.fixed("1.1.1d-r0")),
                        tuple("CVE-2019-1551 MEDIUM in libcrypto1.1 1.1.1c-r0 (FIXED)", Fix.fixed("1.1.1d-r2")),
                        tuple("CVE-2019-1549 MEDIUM in libssl1.1 1.1.1c-r0 (FIXED)", Fix.fixed("1.1.1d-r0")),
                        tuple("CVE-2019-1551 MEDIUM in libssl1.1 1.1.1c-r0 (FIXED)", Fix.fixed("1.1.1d-r2")));
    }

    @Test
    void readsALanguagePackageWhoseImageAndOsAreUnknown() {
        ScanReport report = read("trivy-head-npm-gitlab-tpl.json");

        assertThat(report.findings()).singleElement().satisfies(jquery -> {
            assertThat(jquery.toString()).isEqualTo("CVE-2019-11358 MEDIUM in jquery 3.3.9 (FIXED)");
            assertThat(jquery.fix()).isNotEqualTo(Fix.of(FixState.UNKNOWN));
            assertThat(jquery.target()).isEmpty();
        });
        assertThat(report.image().ref()).isEmpty();
    }
}
