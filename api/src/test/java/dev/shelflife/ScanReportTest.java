package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanReportTest {

    private static final ReportFormat FORMAT = ReportFormat.of("trivy", "trivy-json", "2");
    private static final ScannerTool TRIVY = ScannerTool.of("Trivy", "0.58.1");
    private static final Instant SCANNED = Instant.parse("2025-01-14T09:12:44Z");

    private static Finding finding(String id, String pkg, String version) {
        return new Finding(
                Vulnerability.builder(id).severity(Severity.HIGH).build(),
                InstalledPackage.of(pkg, version),
                Fix.fixed("2.0"),
                "debian 12.8");
    }

    @Test
    void collapsesExactDuplicatesAndCountsThem() {
        ScanReport report = ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY)
                .finding(finding("CVE-2024-2961", "libc6", "2.36-9+deb12u4"))
                .finding(finding("CVE-2024-2961", "libc6", "2.36-9+deb12u4"))
                .finding(finding("CVE-2024-2961", "libc6", "2.36-9+deb12u4"))
                .build();

        assertThat(report.findings()).hasSize(1);
        assertThat(report.counts()).isEqualTo(new ReportCounts(3, 1, 2, 0));
    }

    @Test
    void collapsesDuplicatesAmongThousandsOfFindingsKeepingReportOrder() {
        ScanReport.Builder builder = ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY);
        List<Finding> distinct = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            distinct.add(finding("CVE-2024-" + i, "pkg" + i % 7, "1." + i % 13));
        }
        distinct.forEach(builder::finding);
        for (int i = distinct.size() - 1; i >= 0; i--) {
            builder.finding(distinct.get(i));
        }

        ScanReport report = builder.build();

        assertThat(report.findings()).containsExactlyElementsOf(distinct);
        assertThat(report.counts()).isEqualTo(new ReportCounts(10_000, 5_000, 5_000, 0));
    }

    @Test
    void keepsFindingsThatDifferOnlyInPartsNotHashed() {
        Finding high = finding("CVE-2024-2961", "libc6", "2.36-9+deb12u4");
        Finding low = new Finding(
                Vulnerability.builder("CVE-2024-2961").severity(Severity.LOW).build(),
                high.pkg(),
                high.fix(),
                high.target());
        Finding unfixed = new Finding(high.vulnerability(), high.pkg(), Fix.of(FixState.NOT_FIXED), high.target());

        ScanReport report = ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY)
                .finding(high)
                .finding(low)
                .finding(unfixed)
                .finding(low)
                .build();

        assertThat(report.findings()).containsExactly(high, low, unfixed);
        assertThat(report.counts()).isEqualTo(new ReportCounts(4, 3, 1, 0));
    }

    @Test
    void keepsTheSameVulnerabilityInEachPackage() {
        ScanReport report = ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY)
                .finding(finding("CVE-2024-2961", "libc6", "2.36-9+deb12u4"))
                .finding(finding("CVE-2024-2961", "libc-bin", "2.36-9+deb12u4"))
                .build();

        assertThat(report.findings()).extracting(f -> f.pkg().name()).containsExactly("libc6", "libc-bin");
        assertThat(report.counts()).isEqualTo(new ReportCounts(2, 2, 0, 0));
    }

    @Test
    void takesAFormatAndScannerNamedAfterTheEntries() {
        ReportFormat legacy = ReportFormat.of("trivy", "trivy-legacy-array", null);
        ScanReport report = ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY)
                .finding(finding("CVE-1", "a", "1"))
                .format(legacy)
                .scanner(ScannerTool.of("Trivy", null))
                .build();

        assertThat(report.format()).isEqualTo(legacy);
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", null));
        assertThat(report.findings()).hasSize(1);
    }

    @Test
    void keepsFindingsInReportOrder() {
        ScanReport report = ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY)
                .finding(finding("CVE-3", "c", "1"))
                .finding(finding("CVE-1", "a", "1"))
                .finding(finding("CVE-3", "c", "1"))
                .finding(finding("CVE-2", "b", "1"))
                .build();

        assertThat(report.findings())
                .extracting(f -> f.vulnerability().id())
                .containsExactly("CVE-3", "CVE-1", "CVE-2");
    }

    @Test
    void countsSkippedEntriesAndRecordsWhy() {
        ReportLocation where = new ReportLocation("trivy.json", 40, 9, "/Results/0/Vulnerabilities/2");

        ScanReport report = ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY)
                .finding(finding("CVE-2024-2961", "libc6", "2.36-9+deb12u4"))
                .skipped("no VulnerabilityID", where)
                .build();

        assertThat(report.counts()).isEqualTo(new ReportCounts(2, 1, 0, 1));
        assertThat(report.problems())
                .containsExactly(new Problem(Problem.Kind.SKIPPED_ENTRY, "no VulnerabilityID", where));
    }

    @Test
    void recordsOtherProblemsWithoutCountingThemAsEntries() {
        Problem coerced =
                new Problem(Problem.Kind.COERCED_VALUE, "unknown severity \"SEVERE\"", ReportLocation.of("t.json"));

        ScanReport report = ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY)
                .finding(finding("CVE-2024-2961", "libc6", "2.36-9+deb12u4"))
                .problem(coerced)
                .build();

        assertThat(report.problems()).containsExactly(coerced);
        assertThat(report.counts()).isEqualTo(new ReportCounts(1, 1, 0, 0));
    }

    @Test
    void refusesASkippedEntryPassedAsAPlainProblem() {
        Problem skipped = new Problem(Problem.Kind.SKIPPED_ENTRY, "x", ReportLocation.of("t.json"));

        assertThatThrownBy(() ->
                        ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY).problem(skipped))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skipped(...)");
    }

    @Test
    void buildsAnEmptyReportWithUnknownParts() {
        ScanReport report = ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY).build();

        assertThat(report.findings()).isEmpty();
        assertThat(report.counts()).isEqualTo(new ReportCounts(0, 0, 0, 0));
        assertThat(report.artifact()).isEqualTo(Artifact.unknown());
        assertThat(report.image()).isEqualTo(Image.unknown());
        assertThat(report.scannedAt()).isEmpty();
        assertThat(report.databaseBuiltAt()).isEmpty();
    }

    @Test
    void rejectsCountsThatDisagreeWithTheFindings() {
        List<Finding> one = List.of(finding("CVE-1", "a", "1"));

        assertThatThrownBy(() -> report(one, List.of(), new ReportCounts(2, 2, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts.findings (2) != findings (1)");
    }

    @Test
    void rejectsCountsThatDisagreeWithTheSkippedEntries() {
        List<Finding> one = List.of(finding("CVE-1", "a", "1"));

        assertThatThrownBy(() -> report(one, List.of(), new ReportCounts(2, 1, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts.skipped (1) != skipped-entry problems (0)");
    }

    @Test
    void rejectsCountsThatDoNotAddUp() {
        assertThatThrownBy(() -> new ReportCounts(5, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entries (5) != findings (1) + statements (0) + rules (0) + duplicates (1) + skipped (1)");
        assertThatThrownBy(() -> new ReportCounts(0, 1, -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts must not be negative");
    }

    @Test
    void countsStatementsAndRulesThatAreEntriesOfTheirOwn() {
        VexStatement statement = new VexStatement(
                "CVE-1",
                List.of(),
                List.of("pkg:deb/debian/bash"),
                VexStatement.State.NOT_AFFECTED,
                java.util.Optional.empty(),
                List.of(),
                java.util.Optional.empty(),
                java.util.Optional.empty());
        ReportLocation at = new ReportLocation(".trivyignore", 3, 1, "");
        IgnoreRule rule =
                IgnoreRule.builder(".trivyignore:3", at).vulnerability("CVE-2").build();

        ScanReport vex = ScanReport.builder(EvidenceKind.ASSESSMENT, FORMAT, TRIVY)
                .statement(statement)
                .vexStatement(statement)
                .skipped("a statement without a vulnerability", at)
                .build();
        ScanReport ignores = ScanReport.builder(EvidenceKind.ASSESSMENT, FORMAT, TRIVY)
                .ignoreRule(rule)
                .build();

        assertThat(vex.counts()).isEqualTo(new ReportCounts(2, 0, 1, 0, 0, 1));
        assertThat(vex.vexStatements()).hasSize(2);
        assertThat(ignores.counts()).isEqualTo(new ReportCounts(1, 0, 0, 1, 0, 0));
        assertThat(ignores.ignoreRules()).containsExactly(rule);
        assertThat(rule.hasConditions()).isTrue();
        assertThat(IgnoreRule.builder("empty", at).build().hasConditions()).isFalse();
        assertThatThrownBy(() -> new ReportSummary(
                        EvidenceKind.ASSESSMENT,
                        FORMAT,
                        TRIVY,
                        Artifact.unknown(),
                        Image.unknown(),
                        java.util.Optional.empty(),
                        java.util.Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(),
                        new ReportCounts(1, 0, 0, 1, 0, 0),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("counts.rules (1) != ignore rules (0)");
    }

    @Test
    void copiesItsLists() {
        List<Finding> findings = new java.util.ArrayList<>(List.of(finding("CVE-1", "a", "1")));
        ScanReport report = report(findings, List.of(), new ReportCounts(1, 1, 0, 0));

        findings.clear();

        assertThat(report.findings()).hasSize(1);
        assertThatThrownBy(() -> report.findings().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void replacesTheImageAndTheScanInstantAndKeepsTheRest() {
        ScanReport report = ScanReport.builder(EvidenceKind.SCAN, FORMAT, TRIVY)
                .finding(finding("CVE-1", "a", "1"))
                .build();
        Image built =
                Image.builder().createdAt(Instant.parse("2025-01-10T08:00:00Z")).build();

        ScanReport changed = report.withImage(built).withScannedAt(SCANNED);

        assertThat(changed.image()).isEqualTo(built);
        assertThat(changed.scannedAt()).contains(SCANNED);
        assertThat(changed.findings()).isEqualTo(report.findings());
        assertThat(changed.counts()).isEqualTo(report.counts());
        assertThat(changed.format()).isEqualTo(FORMAT);
    }

    private static ScanReport report(List<Finding> findings, List<Problem> problems, ReportCounts counts) {
        return new ScanReport(
                new ReportSummary(
                        EvidenceKind.SCAN,
                        FORMAT,
                        TRIVY,
                        Artifact.unknown(),
                        Image.unknown(),
                        Optional.of(SCANNED),
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        problems,
                        counts,
                        List.of()),
                findings);
    }
}
