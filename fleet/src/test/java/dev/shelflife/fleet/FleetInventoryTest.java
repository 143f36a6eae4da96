package dev.shelflife.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.BaseImage;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Stage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetInventoryTest {

    private static final String LABELLED = "sha256:" + "1".repeat(64);
    private static final String GIVEN = "sha256:" + "2".repeat(64);
    private static final Instant BUILT = Instant.parse("2025-08-01T00:00:00Z");
    private static final Instant DEPLOYED = Instant.parse("2025-08-02T00:00:00Z");

    /** A record whose scan names python:3.12-slim at a digest (as OCI labels tell it) and no build instant. */
    private static ImageRecord scanned() {
        ScanReport report = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "trivy-json", "2"),
                        ScannerTool.of("Trivy", "0.65.0"))
                .image(Image.builder()
                        .baseImage(BaseImage.of("python:3.12-slim", LABELLED))
                        .build())
                .scannedAt(Instant.parse("2025-08-20T00:00:00Z"))
                .build();
        return ImageRecord.of(List.of(report));
    }

    private static FleetInventory.Image entry(
            Optional<FleetInventory.Base> base, Optional<Instant> built, Optional<Instant> deployed) {
        ReportLocation here = ReportLocation.of("inventory.yaml");
        return new FleetInventory.Image(
                "ghcr.io/acme/app:1", Stage.DEPLOY, List.of(Path.of("r.json")), base, built, deployed, here, here);
    }

    @Test
    void leavesARecordAsItIsWhenTheInventoryKnowsNothingMore() {
        ImageRecord record = scanned();

        ImageRecord completed =
                entry(Optional.empty(), Optional.empty(), Optional.empty()).complete(record);

        assertThat(completed.image().baseImage()).isEqualTo(record.image().baseImage());
        assertThat(completed.image().createdAt()).isEmpty();
        assertThat(completed.deployedSince()).isEmpty();
    }

    @Test
    void takesTheInventorysBuildAndDeploymentOverTheReports() {
        ImageRecord completed = entry(Optional.empty(), Optional.of(BUILT), Optional.of(DEPLOYED))
                .complete(scanned());

        assertThat(completed.image().createdAt()).contains(BUILT);
        assertThat(completed.deployedSince()).contains(DEPLOYED);
    }

    @Test
    void keepsTheLabelledDigestOfTheSameTagWhenTheInventoryGivesNone() {
        FleetInventory.Base sameTag =
                new FleetInventory.Base("docker.io/library/python:3.12-slim", Optional.empty(), Optional.empty());

        ImageRecord completed =
                entry(Optional.of(sameTag), Optional.empty(), Optional.empty()).complete(scanned());

        assertThat(completed.image().baseImage()).map(BaseImage::name).contains("docker.io/library/python:3.12-slim");
        assertThat(completed.image().baseImage().flatMap(BaseImage::digest)).contains(LABELLED);
    }

    @Test
    void takesTheInventorysBaseAndDigestOverTheReports() {
        FleetInventory.Base given = new FleetInventory.Base("python:3.12-slim", Optional.of(GIVEN), Optional.empty());
        FleetInventory.Base otherTag = new FleetInventory.Base("python:3.13-slim", Optional.empty(), Optional.empty());

        assertThat(entry(Optional.of(given), Optional.empty(), Optional.empty())
                        .complete(scanned())
                        .image()
                        .baseImage()
                        .flatMap(BaseImage::digest))
                .contains(GIVEN);
        assertThat(entry(Optional.of(otherTag), Optional.empty(), Optional.empty())
                        .complete(scanned())
                        .image()
                        .baseImage())
                .hasValueSatisfying(base -> {
                    assertThat(base.name()).isEqualTo("python:3.13-slim");
                    assertThat(base.digest())
                            .as("another tag's digest is not this one's")
                            .isEmpty();
                });
    }
}
