package dev.shelflife.cli;

import dev.shelflife.EvidenceKind;
import dev.shelflife.ImageRecord;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.RecordedScan;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.history.IssuedVerdict;
import dev.shelflife.history.TagObservation;
import dev.shelflife.history.Timeline;
import dev.shelflife.policy.EvaluationContext;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.spi.ReportSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A timeline value as a history store would give it, for the tests of the history's outputs
 * without a store: ten nightly scans of {@code ghcr.io/acme/shop-api:1.6.0}, a run-stage verdict
 * recorded each night and a deploy-stage verdict twice, a base tag that moved, and findings among
 * which one whose package name, version and id are hostile: markup, quotes, an ampersand, a
 * right-to-left override. The forecast is of the example fleet's nightly report of the image,
 * under the fleet's policy.
 */
final class HistoryFixtures {

    static final Instant AT = Instant.parse("2025-09-01T06:00:00Z");
    static final Instant FIRST_NIGHT = Instant.parse("2025-08-23T02:00:00Z");
    static final ImageRef IMAGE = ImageRef.parse("ghcr.io/acme/shop-api:1.6.0");
    static final String LINEAGE = "ghcr.io/acme/shop-api";
    static final String HOSTILE_PACKAGE = "<script>window.__pwned=1</script>\"quoted\" & 'single' \u202Egnp.exe";
    static final String HOSTILE_VERSION = "1.0<img src=x onerror=\"window.__pwned=2\">";
    static final String HOSTILE_ID = "CVE-2025-0001\u202E<b>";
    static final int NIGHTS = 10;
    static final Path FLEET = MainTest.EXAMPLES.resolve("fleet");

    private HistoryFixtures() {}

    /** The timeline the history would hold on {@link #AT}, with one more scan made after it. */
    static Timeline timeline() {
        ScannerTool trivy = ScannerTool.of("Trivy", "0.65.0");
        List<Timeline.Scan> scans = new ArrayList<>();
        List<IssuedVerdict> verdicts = new ArrayList<>();
        for (int night = 0; night <= NIGHTS; night++) {
            Instant scanned = FIRST_NIGHT.plus(Duration.ofDays(night));
            scans.add(new Timeline.Scan(
                    new RecordedScan(
                            "sha256:" + "%064x".formatted(night + 1), LINEAGE, IMAGE.toString(), trivy, scanned),
                    EvidenceKind.SCAN,
                    7 - Math.min(night, 2)));
            Instant evaluated = scanned.plus(Duration.ofHours(4));
            verdicts.add(new IssuedVerdict(
                    IMAGE,
                    Stage.RUN,
                    night < 6 ? "PASS" : "WARN",
                    evaluated,
                    // The fourth night's verdict was forecast to change an hour later: it lapses until the next.
                    Optional.of(night == 3 ? evaluated.plus(Duration.ofHours(1)) : evaluated.plus(Duration.ofDays(3))),
                    Optional.of("CVE-2025-4802 HIGH in libc6 2.36-9+deb12u10 reaches its 30d SLA")));
        }
        verdicts.add(new IssuedVerdict(
                IMAGE,
                Stage.DEPLOY,
                "PASS",
                FIRST_NIGHT.plus(Duration.ofHours(1)),
                Optional.of(FIRST_NIGHT.plus(Duration.ofDays(7))),
                Optional.of("the latest scan reaches the 7d age limit")));
        verdicts.add(new IssuedVerdict(
                IMAGE, Stage.DEPLOY, "FAIL", FIRST_NIGHT.plus(Duration.ofDays(8)), Optional.empty(), Optional.empty()));
        List<Timeline.FindingSpan> findings = List.of(
                span("CVE-2025-4802", "libc6", "2.36-9+deb12u10", Severity.HIGH, 0, Optional.of(0), Optional.empty()),
                span(
                        "CVE-2025-4802",
                        "libc-bin",
                        "2.36-9+deb12u10",
                        Severity.HIGH,
                        0,
                        Optional.of(0),
                        Optional.empty()),
                span(
                        "CVE-2023-45853",
                        "zlib1g",
                        "1:1.2.13.dfsg-1",
                        Severity.CRITICAL,
                        0,
                        Optional.empty(),
                        Optional.empty()),
                span(
                        "CVE-2024-13176",
                        "openssl",
                        "3.0.15-1~deb12u1",
                        Severity.MEDIUM,
                        1,
                        Optional.of(3),
                        Optional.of(6)),
                span(HOSTILE_ID, HOSTILE_PACKAGE, HOSTILE_VERSION, Severity.LOW, 2, Optional.empty(), Optional.of(5)),
                span("CVE-2025-9999", "later", "1", Severity.HIGH, NIGHTS, Optional.empty(), Optional.empty()));
        List<TagObservation> tags = List.of(
                new TagObservation(
                        ImageRef.parse("python:3.12-slim"),
                        "sha256:c1d5746826c0301a3f45fe5bdb2697c88a547b7775b9475568d241b1b782910b",
                        FIRST_NIGHT,
                        FIRST_NIGHT.plus(Duration.ofDays(4)),
                        "shelflife plan"),
                new TagObservation(
                        ImageRef.parse("python:3.12-slim"),
                        "sha256:9f3e1c7b1a5d00c3ad8a7d3b5d5e2f7a4f1c9e0b8d6a3c2e1f0a9b8c7d6e5f4a",
                        FIRST_NIGHT.plus(Duration.ofDays(5)),
                        FIRST_NIGHT.plus(Duration.ofDays(NIGHTS)),
                        "shelflife plan <by> & co"));
        return new Timeline(LINEAGE, LINEAGE, List.of(IMAGE), scans, findings, tags, verdicts);
    }

    private static Timeline.FindingSpan span(
            String id,
            String name,
            String version,
            Severity severity,
            int firstNight,
            Optional<Integer> fixNight,
            Optional<Integer> goneNight) {
        Instant lastNight =
                FIRST_NIGHT.plus(Duration.ofDays(goneNight.map(n -> n - 1).orElse(NIGHTS)));
        return new Timeline.FindingSpan(
                id,
                InstalledPackage.of(name, version),
                severity,
                FIRST_NIGHT.plus(Duration.ofDays(firstNight)),
                fixNight.map(n -> FIRST_NIGHT.plus(Duration.ofDays(n))),
                lastNight,
                goneNight.map(n -> FIRST_NIGHT.plus(Duration.ofDays(n))));
    }

    /** The fleet's policy: deploy enforces, run warns. */
    static Policy policy() {
        return Policies.read(FLEET.resolve("policy.yaml"));
    }

    /** The image to forecast: the fleet's nightly report of shop-api, whose base is unresolved. */
    static HistoryView.Subject subject() {
        ImageRecord record = ImageRecord.of(List.of(ScannerAdapters.load()
                .read(ReportSource.of(FLEET.resolve("reports/shop-api-1.6.0.nightly.trivy.json")))));
        return new HistoryView.Subject(IMAGE, record, EvaluationContext.none());
    }

    /** The view of the timeline on {@link #AT}, with a 30-day forecast. */
    static HistoryView view() {
        return HistoryView.of(
                timeline(),
                AT,
                Duration.ofDays(30),
                policy(),
                Optional.of("examples/fleet/policy.yaml"),
                Optional.of(subject()));
    }
}
