package dev.shelflife.streams;

import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.InstalledPackage;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Vulnerability;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Small reports at fixed instants, for the topology's tests. */
final class Reports {

    static final String DIGEST_A = "sha256:" + "a".repeat(64);
    static final String DIGEST_B = "sha256:" + "b".repeat(64);
    static final String BASE_OLD = "sha256:" + "1".repeat(64);
    static final String BASE_NEW = "sha256:" + "2".repeat(64);

    private Reports() {}

    static Finding finding(String id, Severity severity, String name, String version, Fix fix) {
        return new Finding(
                Vulnerability.builder(id).severity(severity).build(),
                InstalledPackage.builder(name)
                        .version(version)
                        .purl("pkg:deb/debian/" + name + "@" + version)
                        .type("deb")
                        .build(),
                fix,
                "shop-api (debian 12.8)");
    }

    /** A Trivy scan of {@code ghcr.io/acme/shop-api:TAG@DIGEST}, built and scanned at the instants given. */
    static ScanReport scan(String tag, String digest, Instant built, Instant scanned, List<Finding> findings) {
        return scan("Trivy", tag, digest, built, scanned, findings);
    }

    /** A Trivy scan of the tag at the digest with two fixed findings: openssl (HIGH) and libxml2 (MEDIUM). */
    static ScanReport opensslAndLibxml2(String tag, String digest, Instant built, Instant scanned) {
        return scan(
                tag,
                digest,
                built,
                scanned,
                List.of(
                        finding("CVE-2026-1000", Severity.HIGH, "openssl", "3.0.13", Fix.fixed("3.0.15")),
                        finding("CVE-2026-1001", Severity.MEDIUM, "libxml2", "2.9.14", Fix.fixed("2.9.15"))));
    }

    static ScanReport scan(
            String scanner, String tag, String digest, Instant built, Instant scanned, List<Finding> findings) {
        ImageRef ref = ImageRef.parse("ghcr.io/acme/shop-api:" + tag).withDigest(digest);
        ScanReport.Builder report = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "trivy-json", "2"),
                        ScannerTool.of(scanner, "0.58.1"))
                .artifact(new Artifact(ref.toString(), Artifact.Type.CONTAINER_IMAGE))
                .image(Image.builder()
                        .ref(ref)
                        .createdAt(built)
                        .baseImage(new BaseImage("python:3.12-slim", Optional.of(BASE_OLD), Optional.empty()))
                        .build())
                .scannedAt(scanned)
                .databaseBuiltAt(scanned);
        findings.forEach(report::finding);
        return report.build();
    }

    /** A CycloneDX SBOM of the image: packages, no vulnerability analysis. */
    static ScanReport sbom(String tag, String digest, Instant made) {
        ImageRef ref = ImageRef.parse("ghcr.io/acme/shop-api:" + tag).withDigest(digest);
        return ScanReport.builder(
                        EvidenceKind.INVENTORY,
                        ReportFormat.of("cyclonedx", "cyclonedx-json", "1.6"),
                        ScannerTool.of("syft", "1.0.0"))
                .artifact(new Artifact(ref.toString(), Artifact.Type.CONTAINER_IMAGE))
                .image(Image.builder().ref(ref).build())
                .scannedAt(made)
                .build();
    }
}
