package dev.shelflife.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitCheck;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitLabScannerAdapterTest extends ScannerAdapterKit {

    private static final GitLabScannerAdapter ADAPTER = new GitLabScannerAdapter();

    GitLabScannerAdapterTest() {
        super(KitSetup.of(ADAPTER)
                .sample(sample("v15-trivy-template.json", 2))
                .sample(sample("v14-analyzer-no-scan.json", 2))
                .template(KitTemplate.json("v15.json", """
                        {"version": "15.0.7", $TOP$"scan": {"type": "container_scanning", "status": "success",
                          "scanner": {"id": "trivy", "name": "Trivy", "version": "0.58.1"}, "end_time": "2025-01-02T03:04:05"},
                         "vulnerabilities": [
                           {$ENTRY$"id": "CVE-2024-0001", "severity": "High", "solution": "Upgrade musl to 1.2.4-r3",
                            "location": {"dependency": {"package": {"name": "musl$TEXT$"}, "version": "1.2.4-r2"},
                                         "operating_system": "alpine 3.19.1", "image": "alpine:3.19"},
                            "identifiers": [{"type": "cve", "name": "CVE-2024-0001", "value": "CVE-2024-0001"}]},
                           {"id": "CVE-2024-0002", "severity": "Low", "solution": "No solution provided",
                            "location": {"dependency": {"package": {"name": "busybox"}, "version": "1.36.1-r15"},
                                         "image": "alpine:3.19"},
                            "identifiers": [{"type": "cve", "name": "CVE-2024-0002", "value": "CVE-2024-0002"}]}],
                         "remediations": []}
                        """)
                        .entries(2)
                        .entryAt("/vulnerabilities/0")
                        .textAt("/vulnerabilities/0/location/dependency/package/name"))
                .template(KitTemplate.json("v14.json", """
                        {$TOP$"version": "14.0.4", "vulnerabilities": [
                           {$ENTRY$"category": "container_scanning", "message": "CVE-2024-0001 in musl", "cve": "CVE-2024-0001",
                            "severity": "High", "confidence": "Unknown", "scanner": {"id": "trivy", "name": "trivy"},
                            "location": {"dependency": {"package": {"name": "musl$TEXT$"}, "version": "1.2.4-r2"}},
                            "identifiers": [{"type": "cve", "value": "CVE-2024-0001"}]},
                           {"cve": "CVE-2024-0002", "severity": "Low",
                            "location": {"dependency": {"package": {"name": "busybox"}, "version": "1.36.1-r15"}},
                            "identifiers": [{"type": "cve", "value": "CVE-2024-0002"}]}],
                         "remediations": []}
                        """)
                        .entries(2)
                        .entryAt("/vulnerabilities/0")
                        .textAt("/vulnerabilities/0/location/dependency/package/name"))
                // The format rows write entries one per line from line 2.
                .frame(EntryFrame.of(
                        "gl.json", "{\"version\": \"15.0.7\", \"remediations\": [], \"vulnerabilities\": [\n", "]}"))
                .without(KitCheck.NUMBERS_WHERE_TEXT_BELONGS, "a GitLab vulnerability carries no CVSS score")
                .build());
    }

    private static KitSample sample(String name, int entries) {
        return KitSample.ofResource(GitLabScannerAdapterTest.class, name).entries(entries);
    }

    private static ScanReport read(String resource) {
        return ADAPTER.read(ReportSource.of(resource, sample(resource, 0).bytes()));
    }

    private static ScanReport readText(String text) {
        return ADAPTER.read(ReportSource.of("gl.json", text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Detection detect(String text) {
        return ADAPTER.detect(ReportSource.of("gl.json", text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheScannerScanTimeAndImageOfAV15Report() {
        ScanReport report = read("v15-trivy-template.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("gitlab", "gitlab-container-scanning", "15.0.7"));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", "0.58.1"));
        assertThat(report.scannedAt()).as("scan.end_time, in UTC").hasValue(Instant.parse("2025-03-02T10:16:42Z"));
        assertThat(report.artifact())
                .isEqualTo(
                        new Artifact("registry.example.com:5000/shop/checkout:1.4.2", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.image().ref()).hasValue(ImageRef.parse("registry.example.com:5000/shop/checkout:1.4.2"));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsTheFixFromASolutionThatNamesAVersionAndOtherwiseSaysItIsUnknown() {
        ScanReport report = read("v15-trivy-template.json");

        assertThat(report.findings())
                .extracting(Finding::toString, Finding::fix, Finding::target)
                .containsExactly(
                        tuple(
                                "CVE-2024-5535 CRITICAL in libssl3 3.0.11-1~deb12u2 (FIXED)",
                                Fix.fixed("3.0.15-1~deb12u1"),
                                "registry.example.com:5000/shop/checkout:1.4.2 (debian 12.8)"),
                        tuple(
                                "CVE-2019-1010022 LOW in libc6 2.36-9+deb12u9 (UNKNOWN)",
                                Fix.of(FixState.UNKNOWN),
                                "registry.example.com:5000/shop/checkout:1.4.2 (debian 12.8)"));
        assertThat(report.findings().get(0).vulnerability().title())
                .hasValue("openssl: SSL_select_next_proto buffer overread");
        assertThat(report.findings().get(0).vulnerability().primaryUrl())
                .hasValue("https://avd.aquasec.com/nvd/cve-2024-5535");
    }

    @Test
    void readsAV14ReportWithoutScanByItsIdentifiersOrItsLegacyCve() {
        ScanReport report = read("v14-analyzer-no-scan.json");

        assertThat(report.scanner()).isEqualTo(ScannerTool.of("GitLab container scanning", null));
        assertThat(report.scannedAt()).isEmpty();
        assertThat(report.findings())
                .extracting(
                        f -> f.vulnerability().id(), f -> f.vulnerability().aliases(), Finding::severity, Finding::fix)
                .containsExactly(
                        tuple("CVE-2021-33574", List.of("DSA-4935-1"), Severity.UNKNOWN, Fix.fixed("2.28-10+deb10u1")),
                        tuple("CVE-2019-25013", List.of(), Severity.MEDIUM, Fix.of(FixState.UNKNOWN)));
        assertThat(report.findings().get(0).vulnerability().title()).hasValue("CVE-2021-33574 in libc6-2.28-10");
        assertThat(report.image().ref()).hasValue(ImageRef.parse("registry.gitlab.example/group/project:latest"));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void saysWhatItCouldNotUse() {
        ScanReport report = readText("""
                {"version": "15.0.7", "vulnerabilities": [
                  {"identifiers": [{"type": "cve", "value": "CVE-1"}], "severity": "Severe",
                   "solution": "Upgrade openssl to 3.0.15", "location": {"dependency": {"package": {"name": "libssl3"}}}},
                  {"identifiers": [], "location": {"dependency": {"package": {"name": "b"}}}},
                  null,
                  {"identifiers": [{"type": "cve", "value": "CVE-4"}], "location": {"image": "app:1"}}],
                 "scan": {"type": "container_scanning", "status": "failure", "end_time": "late"}}
                """);

        assertThat(report.counts().entries()).isEqualTo(4);
        assertThat(report.counts().skipped()).isEqualTo(3);
        assertThat(report.problems())
                .extracting(Problem::kind, Problem::message)
                .containsExactly(
                        tuple(Problem.Kind.COERCED_VALUE, "unknown severity \"Severe\", read as UNKNOWN"),
                        tuple(
                                Problem.Kind.COERCED_VALUE,
                                "solution \"Upgrade openssl to 3.0.15\" upgrades openssl, not libssl3: the fix state is"
                                        + " UNKNOWN"),
                        tuple(Problem.Kind.SKIPPED_ENTRY, "vulnerability entry without identifiers or cve (package b)"),
                        tuple(Problem.Kind.SKIPPED_ENTRY, "vulnerability entry is null"),
                        tuple(
                                Problem.Kind.SKIPPED_ENTRY,
                                "CVE-4: vulnerability entry without location.dependency.package.name"),
                        tuple(Problem.Kind.COERCED_VALUE, "scan time \"late\" is not a timestamp, left out"),
                        tuple(
                                Problem.Kind.IGNORED_BY_SCANNER,
                                "scan.status is \"failure\", not success: the scan may not have completed, its findings"
                                        + " may be missing"));
        assertThat(report.findings().get(0).fix()).isEqualTo(Fix.of(FixState.UNKNOWN));
    }

    @Test
    void saysWhenTheVulnerabilitiesAreMissingOrMisspelled() {
        assertThat(readText("{\"version\": \"15.0.7\", \"Vulnerabilities\": [], \"remediations\": []}")
                        .problems())
                .extracting(Problem::kind)
                .containsExactly(Problem.Kind.IGNORED_VALUE, Problem.Kind.MISSING_VALUE);
    }

    @Test
    void refusesOtherGitLabReportsAndJsonThatIsNoGitLabReport() {
        assertThatThrownBy(() -> readText("{\"version\": \"15.0.7\", \"vulnerabilities\": [],"
                        + " \"scan\": {\"type\": \"dependency_scanning\"}}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("(/scan/type): a GitLab dependency_scanning report: this adapter reads"
                        + " container_scanning reports");
        assertThatThrownBy(() -> readText("{\"vulnerabilities\": []}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith("gl.json:1:1 (/): not a GitLab report");
    }

    @Test
    void saysWhenTheEntriesNameSeveralImagesOrNoReference() {
        String entry = "{\"identifiers\": [{\"type\": \"cve\", \"value\": \"CVE-1\"}], \"location\": {\"dependency\":"
                + " {\"package\": {\"name\": \"a\"}}, \"image\": \"%s\"}}";
        ScanReport two = readText("{\"version\": \"15.0.7\", \"vulnerabilities\": [" + entry.formatted("app:1") + ", "
                + entry.formatted("app:2") + "]}");
        ScanReport archive = readText("{\"version\": \"15.0.7\", \"vulnerabilities\": ["
                + entry.formatted("testdata/alpine-310.tar.gz") + "]}");

        assertThat(two.image().ref()).isEmpty();
        assertThat(two.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message())
                        .isEqualTo("the entries name 2 images (app:1, app:2): the image is unknown"));
        assertThat(archive.image().ref()).isEmpty();
        assertThat(archive.artifact().name()).isEqualTo("testdata/alpine-310.tar.gz");
        assertThat(archive.problems()).isEmpty();
    }

    @Test
    void claimsByRemediationsContainerScanningOrItsEntries() {
        assertThat(ADAPTER.detect(sample("v15-trivy-template.json", 2).source()).confidence())
                .isEqualTo(1.0);
        assertThat(ADAPTER.detect(sample("v14-analyzer-no-scan.json", 2).source())
                        .confidence())
                .isEqualTo(1.0);
        assertThat(detect("{\"version\": \"15.0.7\", \"vulnerabilities\": [], \"remediations\": []}")
                        .isMatch())
                .isTrue();
        assertThat(detect("{\"scan\": {\"type\": \"container_scanning\"}}").isMatch())
                .isTrue();
        assertThat(detect("{\"scan\": {\"type\": \"sast\"}, \"vulnerabilities\": []}")
                        .isMatch())
                .isFalse();
        assertThat(detect("{\"version\": \"15.0.7\", \"vulnerabilities\": []}").isMatch())
                .isFalse();
        assertThat(detect("{\"bomFormat\": \"CycloneDX\", \"remediations\": []}")
                        .isMatch())
                .as("stops at CycloneDX's key")
                .isFalse();
    }

    // The rows below depend on the format: they write entries in the kit's frame.

    @Test
    void readsANullAbsentOrEmptySeverityAsUnknownAndRecordsOnlyTheEmptyOne() {
        String location = "\"location\": {\"dependency\": {\"package\": {\"name\": \"a\"}}}";
        ScanReport report = readEntries("{\"cve\": \"CVE-1\", \"severity\": null, " + location + "},\n"
                + "{\"cve\": \"CVE-2\", " + location + "},\n"
                + "{\"cve\": \"CVE-3\", \"severity\": \"\", " + location + "}\n");

        assertThat(report.findings()).extracting(f -> f.severity()).containsOnly(Severity.UNKNOWN);
        assertThat(report.problems())
                .singleElement()
                .hasToString("gl.json:4:1 (/vulnerabilities/2/severity): unknown severity \"\", read as UNKNOWN");
    }

    @Test
    void readsInfoAsNegligibleAndEverySeverityGitLabWrites() {
        String location = "\"location\": {\"dependency\": {\"package\": {\"name\": \"a\"}}}";
        StringBuilder entries = new StringBuilder();
        for (String severity : List.of("Critical", "High", "Medium", "Low", "Info", "Unknown")) {
            entries.append(entries.length() == 0 ? "" : ",\n")
                    .append("{\"cve\": \"CVE-")
                    .append(severity)
                    .append("\", \"severity\": \"")
                    .append(severity)
                    .append("\", ")
                    .append(location)
                    .append("}");
        }

        assertThat(readEntries(entries.toString()).findings())
                .extracting(f -> f.severity())
                .containsExactly(
                        Severity.CRITICAL,
                        Severity.HIGH,
                        Severity.MEDIUM,
                        Severity.LOW,
                        Severity.NEGLIGIBLE,
                        Severity.UNKNOWN);
    }

    @Test
    void endsWronglyTypedValuesInALocatedException() {
        assertThatThrownBy(() -> readEntries("{\"cve\": \"CVE-1\", \"identifiers\": [\"CVE-1\"]}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("gl.json:2:34 (/vulnerabilities/0/identifiers/0): unexpected value:");
        assertThatThrownBy(() -> readEntries("{\"cve\": \"CVE-1\", \"location\": []}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("gl.json:2:30 (/vulnerabilities/0/location): unexpected value:");
        assertThatThrownBy(() -> readDocument("{\"version\": \"15\", \"vulnerabilities\": {}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/vulnerabilities): expected the vulnerabilities array");
    }
}
