package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.Scanner;
import dev.shelflife.Severity;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluateInputTest {

    private static final VexStatement NOT_AFFECTED = new VexStatement(
            "CVE-2026-1002",
            List.of("GHSA-aaaa-bbbb-cccc"),
            List.of(),
            VexStatement.State.NOT_AFFECTED,
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty());

    @Test
    void takesAReportWhoseFindingsAllHaveStatementsForAVexDocument() {
        assertThat(EvaluateInput.Report.of("vex.json", EvaluateFixtures.vexDocument())
                        .role())
                .isEqualTo(EvaluateInput.Role.VEX);
        ScanReport statementsOnly = ScanReport.builder(
                        ReportFormat.of("cyclonedx", "cyclonedx-json", "1.6"), Scanner.of("unknown", null))
                .vexStatement(NOT_AFFECTED)
                .build();
        assertThat(EvaluateInput.Report.of("vex.json", statementsOnly).role()).isEqualTo(EvaluateInput.Role.VEX);
    }

    @Test
    void takesAReportWithFindingsBeyondItsStatementsForAScan() {
        ScanReport mixed = EvaluateFixtures.scan(report -> report.vexStatement(NOT_AFFECTED)
                .finding(EvaluateFixtures.finding(
                        "CVE-2026-1002", Severity.MEDIUM, "zlib1g", "1.2.13", Fix.of(FixState.NOT_FIXED)))
                .finding(EvaluateFixtures.finding(
                        "CVE-2026-1003", Severity.LOW, "tar", "1.34", Fix.of(FixState.NOT_FIXED))));

        assertThat(EvaluateInput.Report.of("scan.json", mixed).role()).isEqualTo(EvaluateInput.Role.SCAN);
        assertThat(EvaluateInput.Report.of("scan.json", EvaluateFixtures.shopApiScan())
                        .role())
                .isEqualTo(EvaluateInput.Role.SCAN);
    }

    @Test
    void putsOnlyTheStatementsOfAVexDocumentIntoTheRecord() {
        ImageRecord record = EvaluateFixtures.shopApi().record();

        assertThat(record.reports()).containsExactly(EvaluateFixtures.shopApiScan());
        assertThat(record.vexStatements())
                .containsExactlyElementsOf(EvaluateFixtures.vexDocument().vexStatements());
        assertThat(record.image().ref()).map(Object::toString).contains("ghcr.io/acme/shop-api:1.4.2");
    }

    @Test
    void tracesAFindingToEveryScanThatReportsItUnderAnyOfItsIds() {
        ScanReport grype = ScanReport.builder(
                        ReportFormat.of("grype", "grype-json", null), Scanner.of("Grype", "0.87.0"))
                .finding(EvaluateFixtures.finding(
                        "GHSA-xxxx-yyyy-zzzz", Severity.HIGH, "openssl", "3.0.13", Fix.fixed("3.0.15")))
                .build();
        EvaluateInput input = new EvaluateInput(
                List.of(
                        EvaluateInput.Report.of("trivy.json", EvaluateFixtures.shopApiScan()),
                        EvaluateInput.Report.of("vex.json", EvaluateFixtures.vexDocument()),
                        EvaluateInput.Report.of("grype.json", grype)),
                Optional.empty());
        Finding merged = new Finding(
                Vulnerability.builder("CVE-2026-1000")
                        .alias("ghsa-xxxx-yyyy-zzzz")
                        .severity(Severity.HIGH)
                        .build(),
                InstalledPackage.of("openssl", "3.0.13"),
                Fix.fixed("3.0.15"),
                "");

        assertThat(input.scansReporting().apply(merged))
                .extracting(EvaluateInput.Report::file)
                .containsExactly("trivy.json", "grype.json");
        assertThat(input.scansReporting()
                        .apply(EvaluateFixtures.vexDocument().findings().get(0)))
                .extracting(EvaluateInput.Report::file)
                .containsExactly("trivy.json");
        assertThat(input.imageFile()).isEqualTo("trivy.json");
    }
}
