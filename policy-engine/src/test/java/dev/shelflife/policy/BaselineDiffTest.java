package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.days;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.Component;
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
import dev.shelflife.policy.merge.BaselineDiff;
import dev.shelflife.policy.merge.BaselineDiff.Entry;
import dev.shelflife.policy.merge.BaselineDiff.Status;
import dev.shelflife.policy.merge.SeverityRule;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BaselineDiffTest {

    private static Finding pypi(String id, String name, String version, String title) {
        return new Finding(
                Vulnerability.builder(id).severity(Severity.MEDIUM).title(title).build(),
                InstalledPackage.builder(name)
                        .version(version)
                        .purl("pkg:pypi/" + name.toLowerCase() + "@" + version)
                        .build(),
                Fix.of(FixState.NOT_FIXED),
                "Python");
    }

    private static Finding pypi(String id, String name, String version) {
        return pypi(id, name, version, null);
    }

    /** A Trivy report of one build of the image, with its own tag and digest. */
    private static ScanReport scan(String tag, Instant scanned, Finding... findings) {
        ScanReport.Builder report = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("trivy", "trivy-json", "2"),
                        ScannerTool.of("Trivy", "0.58.1"))
                .artifact(new Artifact("ghcr.io/acme/shop-api:" + tag, Artifact.Type.CONTAINER_IMAGE))
                .image(Image.builder()
                        .ref(ImageRef.parse("ghcr.io/acme/shop-api:" + tag))
                        .manifestDigest(String.format("sha256:%064x", tag.hashCode() & 0xffffffffL))
                        .build())
                .scannedAt(scanned);
        for (Finding finding : findings) {
            report.finding(finding);
        }
        return report.build();
    }

    private static ScanReport sbom(String... nameAtVersion) {
        ScanReport.Builder report = ScanReport.builder(
                EvidenceKind.SCAN,
                ReportFormat.of("cyclonedx", "cyclonedx-json", "1.6"),
                ScannerTool.of("syft", "1.18.1"));
        for (String component : nameAtVersion) {
            String[] parts = component.split("@");
            report.component(new Component(
                    parts[0],
                    Optional.of(parts[1]),
                    Optional.of("pkg:pypi/" + component),
                    Optional.of("library"),
                    Optional.empty()));
        }
        return report.build();
    }

    @Test
    void classifiesEveryFindingIntoOneOfTheFourStatuses() {
        ScanReport main = scan(
                "main",
                T0,
                pypi("CVE-2024-35195", "requests", "2.31.0"),
                pypi("CVE-2024-22195", "Jinja2", "3.1.2"),
                pypi("CVE-2023-43804", "urllib3", "2.0.7"),
                pypi("CVE-2019-0001", "pyyaml", "5.3"));
        ScanReport pr = scan(
                "pr-42",
                days(3),
                pypi("CVE-2024-35195", "requests", "2.31.0"),
                pypi("CVE-2024-34064", "Jinja2", "3.1.3"),
                pypi("CVE-2024-37891", "urllib3", "2.0.7"),
                pypi("CVE-2024-6345", "setuptools", "69.0.3"),
                pypi("CVE-2023-43804", "urllib3", "2.0.7"));

        BaselineDiff diff = BaselineDiff.between(List.of(main), List.of(pr), SeverityRule.HIGHEST);

        assertThat(diff.entries())
                .extracting(
                        Entry::status,
                        e -> e.group().id(),
                        e -> e.group().version().orElseThrow(),
                        Entry::otherVersions)
                .containsExactly(
                        tuple(Status.EXISTING, "CVE-2024-35195", "2.31.0", List.of("2.31.0")),
                        tuple(Status.INTRODUCED, "CVE-2024-34064", "3.1.3", List.of("3.1.2")),
                        tuple(Status.NEWLY_DISCLOSED, "CVE-2024-37891", "2.0.7", List.of("2.0.7")),
                        tuple(Status.INTRODUCED, "CVE-2024-6345", "69.0.3", List.of()),
                        tuple(Status.EXISTING, "CVE-2023-43804", "2.0.7", List.of("2.0.7")),
                        tuple(Status.FIXED, "CVE-2024-22195", "3.1.2", List.of("3.1.3")),
                        tuple(Status.FIXED, "CVE-2019-0001", "5.3", List.of()));
        assertThat(diff.entries(Status.INTRODUCED)).hasSize(2);
        assertThat(diff.find(pr.findings().get(3))).map(Entry::status).contains(Status.INTRODUCED);
        assertThat(diff.find(main.findings().get(1)))
                .as("fixed findings are the baseline's")
                .isEmpty();
        assertThat(diff).hasToString("2 introduced, 1 newly_disclosed, 2 existing, 2 fixed");
    }

    @Test
    void keepsAFindingsIdentityAcrossTagsDigestsTitlesScannersAndAliases() {
        ScanReport main = scan("1.4.1", T0, pypi("CVE-2024-6345", "setuptools", "69.0.3", "old title"));
        Finding grypeSpelling = new Finding(
                Vulnerability.builder("GHSA-cx63-2mw6-8hw5")
                        .alias("cve-2024-6345")
                        .severity(Severity.HIGH)
                        .title("new title")
                        .build(),
                InstalledPackage.builder("setuptools")
                        .version("69.0.3")
                        .purl("pkg:pypi/setuptools@69.0.3?foo=bar")
                        .build(),
                Fix.fixed("70.0.0"),
                "/usr/local/lib/python3.12");
        ScanReport grype = ScanReport.builder(
                        EvidenceKind.SCAN,
                        ReportFormat.of("grype", "grype-json", null),
                        ScannerTool.of("Grype", "0.87.0"))
                .scannedAt(days(1))
                .finding(grypeSpelling)
                .build();

        BaselineDiff diff = BaselineDiff.between(List.of(main), List.of(grype), SeverityRule.HIGHEST);

        assertThat(diff.entries()).extracting(Entry::status).containsExactly(Status.EXISTING);
    }

    @Test
    void tellsNewlyDisclosedFromIntroducedByTheBaselinesSbom() {
        ScanReport main = scan("main", T0, pypi("CVE-2024-35195", "requests", "2.31.0"));
        ScanReport pr = scan("pr", days(1), pypi("CVE-2024-34064", "Jinja2", "3.1.3"));

        BaselineDiff withoutSbom = BaselineDiff.between(List.of(main), List.of(pr), SeverityRule.HIGHEST);
        BaselineDiff withSbom = BaselineDiff.between(
                List.of(main, sbom("jinja2@3.1.3", "requests@2.31.0")),
                List.of(pr, sbom("jinja2@3.1.3", "requests@2.31.0")),
                SeverityRule.HIGHEST);

        assertThat(withoutSbom.entries())
                .extracting(Entry::status, Entry::otherVersions)
                .containsExactly(tuple(Status.INTRODUCED, List.of()), tuple(Status.FIXED, List.of()));
        assertThat(withSbom.entries())
                .extracting(Entry::status, Entry::otherVersions)
                .containsExactly(
                        tuple(Status.NEWLY_DISCLOSED, List.of("3.1.3")), tuple(Status.FIXED, List.of("2.31.0")));
    }

    @Test
    void countsAVulnerabilityLeftInPlaceByAVersionChangeAsIntroducedAndNotFixed() {
        ScanReport main = scan("main", T0, pypi("CVE-2024-34064", "Jinja2", "3.1.2"));
        ScanReport pr = scan("pr", days(1), pypi("CVE-2024-34064", "Jinja2", "3.1.3"));

        BaselineDiff diff = BaselineDiff.between(List.of(main), List.of(pr), SeverityRule.HIGHEST);

        assertThat(diff.entries())
                .extracting(Entry::status, Entry::otherVersions)
                .containsExactly(tuple(Status.INTRODUCED, List.of("3.1.2")));
    }

    @Test
    void findsAGoModuleAtTheSameVersionWhicheverScannerLeftOutItsV() {
        InstalledPackage withV = InstalledPackage.builder("golang.org/x/net")
                .version("v0.17.0")
                .purl("pkg:golang/golang.org/x/net@v0.17.0")
                .build();
        InstalledPackage withoutV = InstalledPackage.builder("golang.org/x/net")
                .version("0.17.0")
                .purl("pkg:golang/golang.org/x/net@0.17.0")
                .build();
        Finding before = new Finding(Vulnerability.builder("CVE-2023-44487").build(), withV, Fix.fixed("v0.17.1"), "");
        Finding still = new Finding(Vulnerability.builder("CVE-2023-44487").build(), withoutV, Fix.fixed("0.17.1"), "");
        Finding disclosed =
                new Finding(Vulnerability.builder("CVE-2023-45288").build(), withoutV, Fix.fixed("0.23.0"), "");

        BaselineDiff diff = BaselineDiff.between(
                List.of(scan("main", T0, before)),
                List.of(scan("pr-1", days(1), still, disclosed)),
                SeverityRule.HIGHEST);

        assertThat(diff.entries())
                .extracting(Entry::status, e -> e.group().id(), Entry::otherVersions)
                .containsExactly(
                        tuple(Status.EXISTING, "CVE-2023-44487", List.of("v0.17.0")),
                        tuple(Status.NEWLY_DISCLOSED, "CVE-2023-45288", List.of("v0.17.0")));
    }
}
