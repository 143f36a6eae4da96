package dev.shelflife.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordedImageTest {

    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String OTHER = "sha256:" + "b".repeat(64);

    private static ScanReport report(Image image) {
        return ScanReport.builder(
                        EvidenceKind.SCAN, ReportFormat.of("trivy", "Trivy JSON", "2"), ScannerTool.of("Trivy", "1"))
                .image(image)
                .scannedAt(Instant.parse("2025-01-14T00:00:00Z"))
                .build();
    }

    @Test
    void identifiesTheReportsOwnReferenceByItsManifestDigest() {
        ScanReport report = report(Image.builder()
                .ref(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2"))
                .manifestDigest(DIGEST)
                .build());

        RecordedImage image = RecordedImage.of(report, Optional.empty()).orElseThrow();

        assertThat(image.report()).isSameAs(report);
        assertThat(image.ref()).isEqualTo(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2"));
        assertThat(image.identified()).isEqualTo(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2@" + DIGEST));
    }

    @Test
    void takesTheCallersReferenceAndTheDigestOfTheSameRepositoryOnly() {
        ScanReport report = report(Image.builder()
                .repoDigest("docker.io/library/other@" + OTHER)
                .repoDigest("ghcr.io/acme/shop-api@" + DIGEST)
                .build());

        RecordedImage named = RecordedImage.of(report, Optional.of(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2")))
                .orElseThrow();
        RecordedImage unnamed = RecordedImage.of(report, Optional.empty()).orElseThrow();

        assertThat(named.report().image().ref()).contains(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2"));
        assertThat(named.identified()).isEqualTo(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2@" + DIGEST));
        assertThat(unnamed.ref()).isEqualTo(ImageRef.parse("docker.io/library/other@" + OTHER));
    }

    @Test
    void findsNoImageWhereNeitherTheCallerNorTheReportNamesOne() {
        ScanReport report = report(Image.builder().manifestDigest("sha256:test").build());

        assertThat(RecordedImage.of(report, Optional.empty())).isEmpty();
    }
}
