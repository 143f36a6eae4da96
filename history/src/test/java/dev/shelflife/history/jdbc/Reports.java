package dev.shelflife.history.jdbc;

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
import dev.shelflife.Vulnerability;
import java.time.Instant;

/** Small scan reports for the store's own tests. */
final class Reports {

    static final Instant T0 = Instant.parse("2026-03-01T06:00:00Z");
    static final ImageRef IMAGE = ImageRef.parse("ghcr.io/acme/shop-api:1.0");
    static final String DIGEST = "sha256:" + "1".repeat(64);

    private Reports() {}

    /** A Trivy scan of {@link #IMAGE} made at an instant, with findings numbered from {@code first}. */
    static ScanReport scan(Instant made, int first, int findings) {
        ScanReport.Builder report = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "Trivy JSON", "2"),
                        ScannerTool.of("Trivy", "0.58.1"))
                .image(Image.builder().ref(IMAGE).manifestDigest(DIGEST).build())
                .scannedAt(made);
        for (int i = first; i < first + findings; i++) {
            report.finding(finding("CVE-2026-" + (10000 + i), "pkg-" + (i % 50), i % 3 == 0));
        }
        return report.build();
    }

    static Finding finding(String id, String pkg, boolean fixable) {
        return new Finding(
                Vulnerability.builder(id)
                        .severity(Severity.HIGH)
                        .title("a finding of " + pkg + " with a title long enough to take some room on disk")
                        .build(),
                InstalledPackage.builder(pkg)
                        .version("1.0.0")
                        .type("debian")
                        .purl("pkg:deb/debian/" + pkg + "@1.0.0?arch=amd64")
                        .build(),
                fixable ? Fix.fixed("1.0.1") : Fix.of(FixState.NOT_FIXED),
                "ghcr.io/acme/shop-api:1.0 (debian 12.5)");
    }
}
