package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluateInputTest {

    @Test
    void judgesOnlyTheScansAsScansAndTakesTheStatementsOfTheVexDocument() {
        ImageRecord record = EvaluateFixtures.shopApi().record();

        assertThat(record.scans()).containsExactly(EvaluateFixtures.shopApiScan());
        assertThat(record.assessments()).containsExactly(EvaluateFixtures.vexDocument());
        assertThat(record.statements())
                .containsExactlyElementsOf(EvaluateFixtures.vexDocument().vexStatements());
        assertThat(record.image().ref()).map(Object::toString).contains("ghcr.io/acme/shop-api:1.4.2");
    }

    @Test
    void refusesReportsOfTwoImagesNamingBothFilesUnlessTheCallerSaysTheyAreOne() {
        ScanReport other = EvaluateFixtures.shopApiScan()
                .withImage(Image.builder()
                        .ref(ImageRef.parse("ghcr.io/acme/billing:3.2.1"))
                        .build());
        List<ImageEvidence.Report> reports = List.of(
                new ImageEvidence.Report("trivy.json", EvaluateFixtures.shopApiScan()),
                new ImageEvidence.Report("billing.json", other));

        assertThatThrownBy(() -> EvaluateInput.of(reports, false, Optional.empty()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("trivy.json (Trivy 0.58.1 scan of ghcr.io/acme/shop-api:1.4.2")
                .hasMessageContaining("billing.json (Trivy 0.58.1 scan of ghcr.io/acme/billing:3.2.1")
                .hasMessageContaining("different repositories: ghcr.io/acme/shop-api vs ghcr.io/acme/billing")
                .hasMessageEndingWith("give --same-image if they are one image");
        assertThat(EvaluateInput.of(reports, true, Optional.empty()).record().scans())
                .hasSize(2);
    }

    @Test
    void tracesAFindingToEveryScanThatReportsItUnderAnyOfItsIds() {
        ScanReport grype = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("grype", "grype-json", null),
                        ScannerTool.of("Grype", "0.87.0"))
                .finding(EvaluateFixtures.finding(
                        "GHSA-xxxx-yyyy-zzzz", Severity.HIGH, "openssl", "3.0.13", Fix.fixed("3.0.15")))
                .build();
        EvaluateInput input = EvaluateInput.of(
                List.of(
                        new ImageEvidence.Report("trivy.json", EvaluateFixtures.shopApiScan()),
                        new ImageEvidence.Report("vex.json", EvaluateFixtures.vexDocument()),
                        new ImageEvidence.Report("grype.json", grype)),
                false,
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
                .extracting(ImageEvidence.Report::file)
                .containsExactly("trivy.json", "grype.json");
        assertThat(input.scansReporting()
                        .apply(EvaluateFixtures.vexDocument().findings().get(0)))
                .extracting(ImageEvidence.Report::file)
                .containsExactly("trivy.json");
        assertThat(input.imageFile()).isEqualTo("trivy.json");
    }
}
