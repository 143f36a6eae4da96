package dev.shelflife.output;

import static dev.shelflife.output.Records.finding;
import static dev.shelflife.output.Records.report;
import static dev.shelflife.output.Records.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.ImageRecord;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluatedEvidenceTest {

    private static final Finding OPENSSL = finding("CVE-2026-1000", Severity.HIGH, "openssl");

    private static EvaluatedEvidence evidence(List<ScanReport> reports, String... names) {
        return new EvaluatedEvidence(ImageRecord.of(reports), List.of(names), Optional.empty());
    }

    @Test
    void refusesAnotherNumberOfNamesThanOfReports() {
        ImageRecord record = ImageRecord.of(List.of(scan("Trivy", OPENSSL)));

        assertThatThrownBy(() -> new EvaluatedEvidence(record, List.of("a.json", "b.json"), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("one name per report: 1 reports, 2 names");
    }

    @Test
    void copiesTheNamesItIsGiven() {
        List<String> names = new ArrayList<>(List.of("trivy.json"));
        EvaluatedEvidence evidence =
                new EvaluatedEvidence(ImageRecord.of(List.of(scan("Trivy", OPENSSL))), names, Optional.empty());

        names.set(0, "changed.json");

        assertThat(evidence.reportNames()).containsExactly("trivy.json");
    }

    @Test
    void namesEveryScanThatReportsAFindingByAnyOfItsIdsIgnoringCase() {
        Finding byGhsa = finding("GHSA-aaaa-bbbb-cccc", Severity.HIGH, "openssl", "cve-2026-1000");
        Finding elsewhere = finding("CVE-2026-1000", Severity.HIGH, "zlib");
        EvaluatedEvidence evidence = evidence(
                List.of(scan("Trivy", OPENSSL), scan("Grype", byGhsa), scan("Snyk", elsewhere)),
                "trivy.json",
                "grype.json",
                "snyk.json");

        // Same package, one id shared as an alias: both scans; another package with the same id: not.
        assertThat(evidence.namesReporting(OPENSSL)).containsExactly("trivy.json", "grype.json");
        assertThat(evidence.namesReporting(byGhsa)).containsExactly("trivy.json", "grype.json");
        assertThat(evidence.namesReporting(finding("CVE-2026-9999", Severity.LOW, "openssl")))
                .isEmpty();
    }

    @Test
    void neverNamesAnInventoryOrAnAssessmentAsReportingAFinding() {
        EvaluatedEvidence evidence = evidence(
                List.of(report(EvidenceKind.INVENTORY, "syft", OPENSSL), scan("Trivy", OPENSSL)),
                "sbom.json",
                "trivy.json");

        assertThat(evidence.namesReporting(OPENSSL)).containsExactly("trivy.json");
    }

    @Test
    void findsAReportsNameByIdentityNotByEquality() {
        ScanReport trivy = scan("Trivy", OPENSSL);
        EvaluatedEvidence evidence = evidence(List.of(trivy), "trivy.json");

        assertThat(evidence.nameOf(trivy)).contains("trivy.json");
        assertThat(evidence.nameOf(scan("Trivy", OPENSSL))).isEmpty();
    }

    @Test
    void attributesImageViolationsToTheFirstScanElseTheFirstReport() {
        ScanReport sbom = report(EvidenceKind.INVENTORY, "syft");
        ScanReport trivy = scan("Trivy", OPENSSL);

        assertThat(evidence(List.of(sbom, trivy), "sbom.json", "trivy.json").imageReportName())
                .contains("trivy.json");
        assertThat(evidence(List.of(sbom), "sbom.json").imageReportName()).contains("sbom.json");
        assertThat(evidence(List.of()).imageReportName()).isEmpty();
    }
}
