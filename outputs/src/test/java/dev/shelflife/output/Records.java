package dev.shelflife.output;

import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import java.time.Instant;
import java.util.List;

/** Small reports at fixed instants, for the outputs' tests. */
final class Records {

    static final Instant SCANNED = Instant.parse("2026-11-01T06:00:00Z");

    private Records() {}

    static Finding finding(String id, Severity severity, String pkg, String... aliases) {
        Vulnerability.Builder vulnerability = Vulnerability.builder(id).severity(severity);
        List.of(aliases).forEach(vulnerability::alias);
        return new Finding(
                vulnerability.build(),
                InstalledPackage.builder(pkg)
                        .version("1.0-1")
                        .purl("pkg:deb/debian/" + pkg + "@1.0-1")
                        .build(),
                Fix.fixed("1.0-2"),
                "");
    }

    static ScanReport report(EvidenceKind kind, String scanner, Finding... findings) {
        ScanReport.Builder report = ScanReport.builder(
                        kind, ReportFormat.of("trivy", "trivy-json", "2"), ScannerTool.of(scanner, "1.0.0"))
                .scannedAt(SCANNED);
        List.of(findings).forEach(report::finding);
        return report.build();
    }

    static ScanReport scan(String scanner, Finding... findings) {
        return report(EvidenceKind.SCAN, scanner, findings);
    }
}
