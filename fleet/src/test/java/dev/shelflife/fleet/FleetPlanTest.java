package dev.shelflife.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportLocation;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.BaseImageStatus;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.rule.AgeLimit;
import dev.shelflife.policy.rule.BaseImageCurrent;
import dev.shelflife.policy.rule.RemediationSla;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FleetPlanTest {

    private static final Instant AT = Instant.parse("2025-09-01T06:00:00Z");
    private static final String OLD = "sha256:" + "1".repeat(64);
    private static final String NEW = "sha256:" + "2".repeat(64);
    private static final PolicyEngine ENGINE = PolicyEngine.of(Policy.builder()
            .stage(
                    Stage.RUN,
                    Mode.WARN,
                    RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30)))
                            .fixableOnly(),
                    AgeLimit.scan(Duration.ofDays(3)))
            .build());

    private static Finding deb(String id, String pkg) {
        return new Finding(
                Vulnerability.builder(id).severity(Severity.HIGH).build(),
                InstalledPackage.builder(pkg)
                        .version("1.0-1")
                        .purl("pkg:deb/debian/" + pkg + "@1.0-1")
                        .build(),
                Fix.fixed("1.0-2"),
                "");
    }

    private static FleetPlan.Input input(
            String name, Instant scanned, Optional<BaseImageStatus> base, Finding... findings) {
        return input(name, Stage.RUN, scanned, base, Optional.empty(), findings);
    }

    private static FleetPlan.Input input(
            String name,
            Stage stage,
            Instant scanned,
            Optional<BaseImageStatus> base,
            Optional<String> baseNote,
            Finding... findings) {
        ScanReport.Builder report = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "trivy-json", "2"),
                        ScannerTool.of("Trivy", "0.65.0"))
                .artifact(new Artifact(name, Artifact.Type.CONTAINER_IMAGE))
                .scannedAt(scanned);
        List.of(findings).forEach(report::finding);
        Image image = Image.builder()
                .baseImage(base.map(b -> BaseImage.of(b.name(), b.builtFrom().orElse(null)))
                        .orElse(null))
                .build();
        ImageRecord record = ImageRecord.of(List.of(report.build())).withImage(image);
        ReportLocation here = ReportLocation.of("inventory.yaml");
        return new FleetPlan.Input(
                new FleetInventory.Image(
                        name,
                        stage,
                        List.of(Path.of("r.json")),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        here,
                        here),
                record,
                base,
                baseNote);
    }

    @Test
    void plansAnImageListedAtSeveralStagesWithOneRecordAsWithARecordForEach() {
        PolicyEngine engine = PolicyEngine.of(Policy.builder()
                .stage(
                        Stage.DEPLOY,
                        Mode.ENFORCE,
                        RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(7)))
                                .fixableOnly())
                .stage(
                        Stage.RUN,
                        Mode.WARN,
                        RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30)))
                                .fixableOnly(),
                        AgeLimit.scan(Duration.ofDays(3)))
                .build());
        Instant scanned = AT.minus(Duration.ofDays(10));
        FleetPlan.Input atDeploy =
                input("app:1", Stage.DEPLOY, scanned, Optional.empty(), Optional.empty(), deb("CVE-2025-1", "libc6"));
        FleetPlan.Input atRun =
                input("app:1", Stage.RUN, scanned, Optional.empty(), Optional.empty(), deb("CVE-2025-1", "libc6"));
        FleetPlan.Input atRunSameRecord =
                new FleetPlan.Input(atRun.image(), atDeploy.record(), atRun.base(), atRun.baseNote());

        FleetPlan oneRecord = FleetPlan.of(engine, List.of(atDeploy, atRunSameRecord), AT, Duration.ofDays(30));
        FleetPlan recordEach = FleetPlan.of(engine, List.of(atDeploy, atRun), AT, Duration.ofDays(30));

        assertThat(oneRecord.images()).isEqualTo(recordEach.images());
        assertThat(oneRecord.images())
                .extracting(i -> i.image().stage() + " " + i.decision())
                .containsExactly("deploy REBUILD_NOW", "run REBUILD_BY");
    }

    @Test
    void plansARebuildByTheFirstDeadlineWithinTheHorizonAndIgnoresRescans() {
        Instant scanned = AT.minus(Duration.ofDays(10));
        FleetPlan.Input dueSoon = input("due-soon:1", scanned, Optional.empty(), deb("CVE-2025-1", "libc6"));

        FleetPlan within = FleetPlan.of(ENGINE, List.of(dueSoon), AT, Duration.ofDays(30));
        FleetPlan shorter = FleetPlan.of(ENGINE, List.of(dueSoon), AT, Duration.ofDays(19));

        FleetPlan.ImagePlan plan = within.images().get(0);
        assertThat(plan.decision()).isEqualTo(FleetPlan.Decision.REBUILD_BY);
        assertThat(plan.trigger().orElseThrow().at()).isEqualTo(scanned.plus(Duration.ofDays(30)));
        assertThat(plan.verdict().violations()).extracting(v -> v.ruleId()).containsExactly("scan-age");
        assertThat(plan.reasons())
                .contains("rescan: scan-age: the latest scan, made " + scanned + ", reached the 3d age limit on "
                        + scanned.plus(Duration.ofDays(3)));
        assertThat(shorter.images().get(0).decision()).isEqualTo(FleetPlan.Decision.FINE);
        assertThat(shorter.images().get(0).reasons())
                .anyMatch(r -> r.startsWith("next rebuild due by " + scanned.plus(Duration.ofDays(30))
                        + ": CVE-2025-1 HIGH in libc6 1.0-1 reaches its 30d SLA"));
    }

    @Test
    void ranksNowBeforeByBeforeFineAndCountsWhatABaseUpdateFixes() {
        BaseImageStatus moved = new BaseImageStatus(
                "python:3.12-slim", Optional.of(OLD), Optional.of(NEW), Optional.of(AT.minus(Duration.ofDays(12))));
        BaseImageStatus current = new BaseImageStatus(
                "docker.io/library/python:3.12-slim", Optional.of(NEW), Optional.of(NEW), Optional.empty());
        FleetPlan.Input overdue = input(
                "overdue:1",
                AT.minus(Duration.ofDays(40)),
                Optional.of(moved),
                deb("CVE-2025-1", "libc6"),
                deb("CVE-2025-1", "libc-bin"),
                deb("CVE-2025-2", "libssl3"));
        FleetPlan.Input soon =
                input("soon:1", AT.minus(Duration.ofDays(1)), Optional.of(current), deb("CVE-2025-3", "git"));
        FleetPlan.Input clean = input("clean:1", AT.minus(Duration.ofDays(1)), Optional.empty());

        FleetPlan plan = FleetPlan.of(ENGINE, List.of(clean, soon, overdue), AT, Duration.ofDays(30));

        assertThat(plan.images())
                .extracting(i -> i.image().name() + " " + i.decision())
                .containsExactly("overdue:1 REBUILD_NOW", "soon:1 REBUILD_BY", "clean:1 FINE");
        assertThat(plan.images().get(0).reasons())
                .contains("base: python:3.12-slim moved from sha256:111111111111 to"
                        + " sha256:222222222222 (first seen " + AT.minus(Duration.ofDays(12)) + ")");
        assertThat(plan.bases()).singleElement().satisfies(base -> {
            assertThat(base.images()).containsExactly("soon:1", "overdue:1");
            assertThat(base.behind()).containsExactly("overdue:1");
            assertThat(base.fixes()).isEqualTo(3);
            assertThat(base.vulnerabilities()).isEqualTo(2);
            assertThat(base.waiting()).isEqualTo(4);
            assertThat(base.status()).contains(moved);
        });
        assertThat(plan.recommendation()).map(FleetPlan.BasePlan::name).contains("docker.io/library/python:3.12-slim");
    }

    @Test
    void neverCallsAFailingImageFineButBlockedOrUnknownAndRanksThemWithRebuildNow() {
        PolicyEngine deploy = PolicyEngine.of(Policy.builder()
                .stage(
                        Stage.DEPLOY,
                        Mode.ENFORCE,
                        RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30)))
                                .fixableOnly(),
                        AgeLimit.scan(Duration.ofDays(3)),
                        BaseImageCurrent.within(Duration.ofDays(7)))
                .build());
        BaseImageStatus current =
                new BaseImageStatus("python:3.12-slim", Optional.of(NEW), Optional.of(NEW), Optional.empty());
        BaseImageStatus unresolved = BaseImageStatus.unresolved(BaseImage.of("python:3.12-slim", OLD));
        Instant fresh = AT.minus(Duration.ofHours(6));
        FleetPlan.Input stale =
                input("stale:1", Stage.DEPLOY, AT.minus(Duration.ofDays(10)), Optional.of(current), Optional.empty());
        FleetPlan.Input unchecked = input(
                "unchecked:1",
                Stage.DEPLOY,
                fresh,
                Optional.of(unresolved),
                Optional.of("not checked: give --registry-offline or --registry-live"));
        FleetPlan.Input overdue = input(
                "overdue:1",
                Stage.DEPLOY,
                AT.minus(Duration.ofDays(40)),
                Optional.of(current),
                Optional.empty(),
                deb("CVE-2025-1", "libc6"));
        FleetPlan.Input clean = input("clean:1", Stage.DEPLOY, fresh, Optional.of(current), Optional.empty());

        FleetPlan plan = FleetPlan.of(deploy, List.of(clean, unchecked, stale, overdue), AT, Duration.ofDays(30));

        assertThat(plan.images())
                .extracting(i -> i.image().name() + " " + i.decision() + " "
                        + i.verdict().outcome())
                .containsExactly(
                        "overdue:1 REBUILD_NOW FAIL",
                        "stale:1 BLOCKED FAIL",
                        "unchecked:1 UNKNOWN FAIL",
                        "clean:1 FINE PASS");
        assertThat(plan.images().get(1).reasons())
                .first()
                .isEqualTo("blocked: the deploy verdict fails and no rebuild fixes it: see the violations");
        assertThat(plan.images().get(1).reasons()).anyMatch(r -> r.startsWith("rescan: scan-age:"));
        assertThat(plan.images().get(2).reasons())
                .startsWith(
                        "unknown: the deploy verdict fails because the base image could not be checked; resolve it to"
                                + " judge the image",
                        "base: python:3.12-slim not checked: give --registry-offline or --registry-live");
        assertThat(plan.images().get(1).trigger()).isEmpty();
        assertThat(List.of(
                        plan.count(FleetPlan.Decision.REBUILD_NOW),
                        plan.count(FleetPlan.Decision.BLOCKED),
                        plan.count(FleetPlan.Decision.UNKNOWN),
                        plan.count(FleetPlan.Decision.REBUILD_BY),
                        plan.count(FleetPlan.Decision.FINE)))
                .containsExactly(1L, 1L, 1L, 0L, 1L);
    }
}
