package dev.shelflife.cli;

import dev.shelflife.Artifact;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.Forecast;
import dev.shelflife.policy.Mode;
import dev.shelflife.policy.Policies;
import dev.shelflife.policy.Policy;
import dev.shelflife.policy.PolicyEngine;
import dev.shelflife.policy.Verdict;
import dev.shelflife.policy.Waiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Small reports of one image, and verdicts the real engine gives on them at fixed instants, for
 * the tests of the verdict renderers.
 *
 * <p>The scan finds, in {@code ghcr.io/acme/shop-api:1.4.2} built {@link #BUILT} and scanned
 * {@link #SCANNED}: a fixable CRITICAL in libxml2 (past its 7-day SLA at {@link #AT}), a fixable
 * HIGH in openssl (its 30-day SLA ends {@link #HIGH_DEADLINE}, the forecast), an unfixed MEDIUM
 * in zlib that the VEX document declares not affecting, and a fixable CRITICAL in a package whose
 * every value is hostile: Markdown, HTML, a table separator, a mention, a terminal escape.
 */
final class EvaluateFixtures {

    static final Instant BUILT = Instant.parse("2026-11-01T07:00:00Z");
    static final Instant SCANNED = Instant.parse("2026-11-15T08:00:00Z");
    static final Instant AT = Instant.parse("2026-11-22T09:00:00Z");
    static final Instant HIGH_DEADLINE = Instant.parse("2026-12-15T08:00:00Z");
    static final String HOSTILE_PACKAGE = "evil|pkg`<img src=x>@acme/security [x](https://evil.example)";
    static final String HOSTILE_VERSION = "1.0\u001b[31m*bold*";
    static final String TRIVY_FILE = "reports/trivy shop-api.json";
    static final String VEX_FILE = "reports/vex.cdx.json";

    private EvaluateFixtures() {}

    static Finding finding(String id, Severity severity, String name, String version, Fix fix) {
        return new Finding(
                Vulnerability.builder(id)
                        .severity(severity)
                        .title(name + " is vulnerable")
                        .primaryUrl("https://avd.aquasec.com/nvd/" + id.toLowerCase(java.util.Locale.ROOT))
                        .build(),
                InstalledPackage.builder(name)
                        .version(version)
                        .purl("pkg:generic/" + name.replaceAll("[^a-z0-9]", "") + "@"
                                + version.replaceAll("[^0-9.]", ""))
                        .build(),
                fix,
                "shop-api (debian 12.8)");
    }

    static ScanReport scan(Consumer<ScanReport.Builder> findings) {
        ScanReport.Builder report = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "trivy-json", "2"),
                        ScannerTool.of("Trivy", "0.58.1"))
                .artifact(new Artifact("ghcr.io/acme/shop-api:1.4.2", Artifact.Type.CONTAINER_IMAGE))
                .image(Image.builder()
                        .ref(ImageRef.parse("ghcr.io/acme/shop-api:1.4.2"))
                        .createdAt(BUILT)
                        .build())
                .scannedAt(SCANNED);
        findings.accept(report);
        return report.build();
    }

    /** The scan described above. */
    static ScanReport shopApiScan() {
        return scan(report -> report.finding(
                        finding("CVE-2026-1001", Severity.CRITICAL, "libxml2", "2.9.14", Fix.fixed("2.9.14+dfsg-1.4")))
                .finding(finding("CVE-2026-1000", Severity.HIGH, "openssl", "3.0.13", Fix.fixed("3.0.15")))
                .finding(finding("CVE-2026-1002", Severity.MEDIUM, "zlib1g", "1.2.13", Fix.of(FixState.NOT_FIXED)))
                .finding(finding(
                        "CVE-2026-6666", Severity.CRITICAL, HOSTILE_PACKAGE, HOSTILE_VERSION, Fix.fixed("2.0]"))));
    }

    /** A VEX document that declares the zlib finding not affecting, as the CycloneDX adapter reads one. */
    static ScanReport vexDocument() {
        Finding zlib = finding("CVE-2026-1002", Severity.UNKNOWN, "zlib1g", "1.2.13", Fix.of(FixState.NOT_AFFECTED));
        return ScanReport.builder(
                        EvidenceKind.ASSESSMENT,
                        ReportFormat.of("cyclonedx", "cyclonedx-json", "1.6"),
                        ScannerTool.of("unknown", null))
                .scannedAt(SCANNED.plusSeconds(3600))
                .finding(zlib)
                .vexStatement(new VexStatement(
                        "CVE-2026-1002",
                        List.of(),
                        List.of(),
                        VexStatement.State.NOT_AFFECTED,
                        Optional.of("code_not_present"),
                        List.of(),
                        Optional.of("the <b>minizip</b> code is not shipped"),
                        Optional.empty()))
                .build();
    }

    /** The shop-api scan and its VEX document, evaluated with the default policy. */
    static EvaluateInput shopApi() {
        return EvaluateInput.of(
                List.of(
                        new ImageEvidence.Report(TRIVY_FILE, shopApiScan()),
                        new ImageEvidence.Report(VEX_FILE, vexDocument())),
                false,
                Optional.empty());
    }

    static Verdict evaluate(Policy policy, EvaluateInput input, Stage stage, Instant at) {
        return PolicyEngine.of(policy).evaluate(input.record(), stage, at);
    }

    /** The shop-api input at deploy, at {@link #AT}, with the default policy. */
    static Verdict shopApiAtDeploy() {
        return evaluate(Policies.defaults(), shopApi(), Stage.DEPLOY, AT);
    }

    /**
     * The shop-api input at deploy, at {@link #AT}, with a policy whose waiver SEC-9 takes out
     * CVE-2026-1000 in openssl 3.0.13, which has a fix (3.0.15): a stale waiver.
     */
    static Verdict shopApiWithStaleWaiver() {
        Policy policy = Policy.builder()
                .stage(Stage.DEPLOY, Mode.ENFORCE)
                .waiver(Waiver.builder("SEC-9")
                        .vulnerability("CVE-2026-1000")
                        .owner("team-shop")
                        .reason("waiting for the fix")
                        .expires(Instant.parse("2027-01-01T00:00:00Z"))
                        .build())
                .build();
        return evaluate(policy, shopApi(), Stage.DEPLOY, AT);
    }

    /** The shop-api input at deploy, with the default policy, at its scan: it passes, for now. */
    static Verdict shopApiAtScan() {
        return evaluate(Policies.defaults(), shopApi(), Stage.DEPLOY, SCANNED);
    }

    /** Until when {@link #shopApiAtScan()} passes, as the command computes it. */
    static Optional<Forecast> shopApiAtScanValidUntil() {
        return PolicyEngine.of(Policies.defaults())
                .validUntil(shopApiAtScan(), shopApi().record());
    }

    /** What a renderer printed. */
    static String render(Consumer<PrintStream> renderer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        renderer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
