package dev.shelflife;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageRecordTest {

    private static final Instant T0 = Instant.parse("2025-01-14T09:12:44Z");

    private static final VexStatement NOT_AFFECTED = new VexStatement(
            "CVE-2026-1",
            List.of(),
            List.of(),
            VexStatement.State.NOT_AFFECTED,
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty());

    private static ScanReport report(EvidenceKind kind, String scanner, String ref, Instant at) {
        return ScanReport.builder(kind, ReportFormat.of("x", "x-json", null), ScannerTool.of(scanner, "1.0"))
                .image(
                        ref == null
                                ? Image.unknown()
                                : Image.builder().ref(ImageRef.parse(ref)).build())
                .scannedAt(at)
                .build();
    }

    @Test
    void sortsTheEvidenceByKind() {
        ScanReport scan = report(EvidenceKind.SCAN, "Trivy", "ghcr.io/acme/app:1", T0);
        ScanReport sbom = report(EvidenceKind.INVENTORY, "Trivy", "ghcr.io/acme/app:1", T0.plusSeconds(47));
        ScanReport vex = ScanReport.builder(
                        EvidenceKind.ASSESSMENT,
                        ReportFormat.of("cyclonedx", "cyclonedx-json", "1.6"),
                        ScannerTool.of("acme", null))
                .vexStatement(NOT_AFFECTED)
                .build();

        ImageRecord record = ImageRecord.of(List.of(sbom, scan, vex));

        assertThat(record.reports()).containsExactly(sbom, scan, vex);
        assertThat(record.scans()).containsExactly(scan);
        assertThat(record.inventories()).containsExactly(sbom);
        assertThat(record.assessments()).containsExactly(vex);
        assertThat(record.statements()).containsExactly(NOT_AFFECTED);
        assertThat(record.latestReport()).containsSame(scan);
        assertThat(record.image().ref()).map(ImageRef::toString).contains("ghcr.io/acme/app:1");
    }

    @Test
    void takesTheImageFromAScanBeforeAnyOtherKindOfReport() {
        ScanReport sbom = report(EvidenceKind.INVENTORY, "Syft", "ghcr.io/acme/app@sha256:" + "a".repeat(64), T0);
        ScanReport scan = report(EvidenceKind.SCAN, "Grype", "ghcr.io/acme/app:1", T0);

        assertThat(ImageRecord.of(List.of(sbom, scan)).image()).isEqualTo(scan.image());
        assertThat(ImageRecord.of(List.of(sbom)).image()).isEqualTo(sbom.image());
    }

    @Test
    void refusesReportsOfTwoImagesUnlessTheCallerSaysTheyAreOne() {
        ScanReport app = report(EvidenceKind.SCAN, "Trivy", "ghcr.io/acme/app:1", T0);
        ScanReport other = report(EvidenceKind.SCAN, "Grype", "ghcr.io/acme/other:1", T0);
        ScanReport unnamed = report(EvidenceKind.ASSESSMENT, "acme", null, T0);

        assertThatThrownBy(() -> ImageRecord.of(List.of(app, unnamed, other)))
                .isInstanceOfSatisfying(ConflictingImagesException.class, e -> {
                    assertThat(e.first()).isSameAs(app);
                    assertThat(e.second()).isSameAs(other);
                    assertThat(e.reason()).isEqualTo("different repositories: ghcr.io/acme/app vs ghcr.io/acme/other");
                })
                .hasMessage("the Trivy 1.0 scan of ghcr.io/acme/app:1, made 2025-01-14T09:12:44Z and the Grype 1.0"
                        + " scan of ghcr.io/acme/other:1, made 2025-01-14T09:12:44Z describe different images"
                        + " (different repositories: ghcr.io/acme/app vs ghcr.io/acme/other); say that they belong"
                        + " together to judge them as one image");
        assertThat(ImageRecord.builder()
                        .reports(List.of(app, unnamed, other))
                        .sameImage()
                        .build()
                        .scans())
                .containsExactly(app, other);
    }

    @Test
    void letsTheCallerSetTheImageAndTheDeploymentAndAddStatements() {
        Image known = Image.builder()
                .ref(ImageRef.parse("ghcr.io/acme/app:1"))
                .createdAt(T0.minusSeconds(3600))
                .build();

        ImageRecord record = ImageRecord.builder()
                .report(report(EvidenceKind.SCAN, "Trivy", "ghcr.io/acme/app:1", T0))
                .image(known)
                .deployedSince(T0)
                .vexStatement(NOT_AFFECTED)
                .build();

        assertThat(record.image()).isEqualTo(known);
        assertThat(record.deployedSince()).contains(T0);
        assertThat(record.vexStatements()).containsExactly(NOT_AFFECTED);
        assertThat(record.statements()).containsExactly(NOT_AFFECTED);
    }

    @Test
    void hasNoLatestScanWhenOnlyAnSbomIsGiven() {
        ImageRecord sbomOnly =
                ImageRecord.of(List.of(report(EvidenceKind.INVENTORY, "Trivy", "ghcr.io/acme/app:1", T0)));

        assertThat(sbomOnly.latestReport()).isEmpty();
        assertThat(sbomOnly.scans()).isEmpty();
    }
}
