package dev.shelflife.policy;

import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRecord;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small, readable builders of findings, reports and records for the engine's tests. */
final class Records {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Records() {}

    static Instant days(long days) {
        return T0.plus(Duration.ofDays(days));
    }

    static Finding fixable(String id, Severity severity, String pkg, String installed, String... fixedIn) {
        return finding(id, severity, pkg, installed, Fix.fixed(fixedIn));
    }

    static Finding unfixed(String id, Severity severity, String pkg, String installed) {
        return finding(id, severity, pkg, installed, Fix.of(FixState.NOT_FIXED));
    }

    static Finding finding(String id, Severity severity, String pkg, String installed, Fix fix) {
        return new Finding(
                Vulnerability.builder(id).severity(severity).build(), InstalledPackage.of(pkg, installed), fix, "");
    }

    /** The finding, in a package of the given scanner package type ({@code npm}, {@code maven}), so its versions have a scheme. */
    static Finding ofType(String type, Finding finding) {
        InstalledPackage pkg = finding.pkg();
        return new Finding(
                finding.vulnerability(),
                InstalledPackage.builder(pkg.name())
                        .version(pkg.version().orElse(null))
                        .type(type)
                        .build(),
                finding.fix(),
                finding.target());
    }

    static Finding debFinding(String id, Severity severity, String pkg, String installed, String fixedIn) {
        InstalledPackage deb = InstalledPackage.builder(pkg)
                .version(installed)
                .type("deb")
                .purl("pkg:deb/debian/" + pkg + "@" + installed + "?arch=amd64&distro=debian-12")
                .build();
        return new Finding(Vulnerability.builder(id).severity(severity).build(), deb, Fix.fixed(fixedIn), "");
    }

    static Finding published(Finding finding, Instant published) {
        Vulnerability v = finding.vulnerability();
        Vulnerability withDate = new Vulnerability(
                v.id(),
                v.aliases(),
                v.severity(),
                v.severitySource(),
                v.ratings(),
                Optional.of(published),
                v.modified(),
                v.epss(),
                v.knownExploited(),
                v.title(),
                v.cwes(),
                v.primaryUrl());
        return new Finding(withDate, finding.pkg(), finding.fix(), finding.target());
    }

    static ScanReport report(String scanner, Instant scannedAt, Finding... findings) {
        ScanReport.Builder builder = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of(scanner.toLowerCase(), scanner.toLowerCase() + "-json", "2"),
                        ScannerTool.of(scanner, "1.0"))
                .artifact(new Artifact("app:1", Artifact.Type.CONTAINER_IMAGE))
                .scannedAt(scannedAt);
        for (Finding finding : findings) {
            builder.finding(finding);
        }
        return builder.build();
    }

    /** A report of another kind than a scan, with nothing in it: an SBOM or a VEX document as the engine sees one. */
    static ScanReport ofKind(EvidenceKind kind, String tool, Instant madeAt) {
        return ScanReport.builder(
                        kind, ReportFormat.of("cyclonedx", "cyclonedx-json", "1.6"), ScannerTool.of(tool, "1.0"))
                .artifact(new Artifact("app:1", Artifact.Type.CONTAINER_IMAGE))
                .scannedAt(madeAt)
                .build();
    }

    static ImageRecord record(ScanReport... reports) {
        return ImageRecord.of(List.of(reports));
    }

    static ImageRecord builtAt(Instant built, ScanReport... reports) {
        return record(reports).withImage(Image.builder().createdAt(built).build());
    }

    static ImageRecord withBase(ImageRecord record, String base) {
        return record.withImage(
                record.image().toBuilder().baseImage(BaseImage.of(base, null)).build());
    }
}
