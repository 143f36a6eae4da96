package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.finding;
import static dev.shelflife.policy.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRecord;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.policy.rule.Coverage;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {

    private static Verdict evaluate(Coverage rule, ImageRecord record) {
        return PolicyEngine.of(
                        Policy.builder().stage(Stage.DEPLOY, Mode.ENFORCE, rule).build())
                .evaluate(record, Stage.DEPLOY, T0);
    }

    private static ScanReport reportWithProblems() {
        ReportLocation at = new ReportLocation("trivy.json", 12, 5, "/Results/0/Vulnerabilities/3");
        return ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "trivy-json", "2"),
                        ScannerTool.of("Trivy", "0.49.1"))
                .scannedAt(T0)
                .finding(finding("CVE-1", Severity.UNKNOWN, "bash", "5.0", Fix.of(FixState.NOT_FIXED)))
                .skipped("no VulnerabilityID", at)
                .problem(new Problem(Problem.Kind.COERCED_VALUE, "unknown severity \"SEVERE\"", at.withPath("/x")))
                .problem(new Problem(Problem.Kind.IGNORED_BY_SCANNER, "ignored by .trivyignore", at))
                .build();
    }

    @Test
    void failsClosedWhenThereIsNoScan() {
        Verdict verdict = evaluate(Coverage.failClosed(), ImageRecord.of(List.of()));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.violations())
                .singleElement()
                .satisfies(
                        v -> assertThat(v.message()).isEqualTo("no vulnerability scan of this image (no-scan: fail)"));
        assertThat(verdict.actions()).extracting(Action::kind).containsExactly(Action.Kind.RESCAN);
    }

    @Test
    void failsClosedOnAnSbomOrAVexDocumentAloneForNeitherIsAScan() {
        ScanReport sbom = Records.ofKind(EvidenceKind.INVENTORY, "Trivy", T0.minusSeconds(60));
        ScanReport vex = Records.ofKind(EvidenceKind.ASSESSMENT, "acme-vex", T0.minusSeconds(60));

        Verdict verdict = evaluate(Coverage.failClosed(), record(sbom, vex));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(verdict.violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message())
                        .isEqualTo("no vulnerability scan of this image: 1 inventory and 1 assessment are not a scan"
                                + " (no-scan: fail)"));
    }

    @Test
    void failsOpenWhenToldTo() {
        Coverage open = Coverage.failClosed()
                .noScan(Treatment.IGNORE)
                .reportProblems(Treatment.IGNORE)
                .unknownSeverity(Treatment.IGNORE);

        assertThat(evaluate(open, ImageRecord.of(List.of())).outcome()).isEqualTo(Outcome.PASS);
        assertThat(evaluate(open, record(reportWithProblems())).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void reportsReportProblemsOncePerReportAndUnknownSeveritiesPerFinding() {
        Verdict verdict = evaluate(Coverage.failClosed().reportProblems(Treatment.WARN), record(reportWithProblems()));

        assertThat(verdict.violations()).hasSize(2);
        assertThat(verdict.violations().get(0)).satisfies(v -> {
            assertThat(v.isBlocking()).isFalse();
            assertThat(v.message())
                    .isEqualTo("the Trivy 0.49.1 report trivy-json (schema 2) has 2 problems, so findings"
                            + " may be missing: 1 coerced value, 1 skipped entry; first: trivy.json:12:5"
                            + " (/Results/0/Vulnerabilities/3): no VulnerabilityID (report-problems: warn)");
        });
        assertThat(verdict.violations().get(1)).satisfies(v -> {
            assertThat(v.isBlocking()).isTrue();
            assertThat(v.vulnerabilityId()).contains("CVE-1");
            assertThat(v.severity()).contains(Severity.UNKNOWN);
        });
        assertThat(verdict.outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void looksOnlyAtTheLatestReportOfEachScanner() {
        ScanReport clean = Records.report("Trivy", T0.plusSeconds(60));

        assertThat(evaluate(Coverage.failClosed(), record(reportWithProblems(), clean))
                        .outcome())
                .isEqualTo(Outcome.PASS);
    }
}
