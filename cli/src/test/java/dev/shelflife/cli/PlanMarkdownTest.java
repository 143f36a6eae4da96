package dev.shelflife.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Stage;
import dev.shelflife.fleet.FleetInventory;
import dev.shelflife.fleet.FleetPlan;
import dev.shelflife.fleet.PlanSources;
import dev.shelflife.policy.BaseImageStatus;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.rule.BaseImageCurrent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The command's text and Markdown of a plan (the plan itself is {@code shelflife-fleet}'s, and tested there). */
class PlanMarkdownTest {

    private static final Instant AT = Instant.parse("2025-09-01T06:00:00Z");
    private static final String NOTE = "not resolved (DENIED): ask @acme/platform-team about #123 <b>now</b>";

    /** One image at deploy whose base image could not be resolved: the plan says UNKNOWN. */
    private static FleetPlan unresolvedBase() {
        PolicyEngine deploy = PolicyEngine.of(Policy.builder()
                .stage(Stage.DEPLOY, Mode.ENFORCE, BaseImageCurrent.within(Duration.ofDays(7)))
                .build());
        BaseImageStatus unresolved =
                BaseImageStatus.unresolved(BaseImage.of("python:3.12-slim", "sha256:" + "1".repeat(64)));
        ScanReport report = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "trivy-json", "2"),
                        ScannerTool.of("Trivy", "0.65.0"))
                .artifact(new Artifact("ghcr.io/acme/app:1", Artifact.Type.CONTAINER_IMAGE))
                .scannedAt(AT.minus(Duration.ofHours(6)))
                .build();
        ImageRecord record = ImageRecord.of(List.of(report))
                .withImage(Image.builder()
                        .baseImage(BaseImage.of(
                                unresolved.name(), unresolved.builtFrom().orElse(null)))
                        .build());
        ReportLocation here = ReportLocation.of("inventory.yaml");
        FleetInventory.Image image = new FleetInventory.Image(
                "ghcr.io/acme/app:1",
                Stage.DEPLOY,
                List.of(Path.of("r.json")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                here,
                here);
        return FleetPlan.of(
                deploy,
                List.of(new FleetPlan.Input(image, record, Optional.of(unresolved), Optional.of(NOTE))),
                AT,
                Duration.ofDays(30));
    }

    @Test
    void writesBlockedAndUnknownImagesInBoldAndNeutralisesMentionsAsEvaluateDoes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        PlanMarkdown.write(
                unresolvedBase(),
                new PlanSources(
                        "inventory.yaml", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String markdown = bytes.toString(StandardCharsets.UTF_8);
        assertThat(markdown)
                .contains("| 1 | **UNKNOWN** | `ghcr.io/acme/app:1` | deploy | FAIL |")
                .contains(VerdictMarkdown.text("ask @acme/platform-team about #123 <b>now</b>"))
                .doesNotContain("@acme")
                .doesNotContain("<b>");
    }

    @Test
    void summarisesThePlanInOneLineLeavingOutBlockedWhenThereIsNone() {
        assertThat(PlanText.summary(unresolvedBase()))
                .isEqualTo("1 image: 0 rebuild now, 1 unknown, 0 rebuild within 30 days, 0 fine");
    }
}
