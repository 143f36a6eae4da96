package dev.shelflife.trivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.FixState;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bad-input matrix for Trivy's three shapes, and the rows that depend on Trivy's fields. Rows
 * that {@link TrivyReaderTest} already holds (null, absent and empty {@code Results} and
 * {@code Vulnerabilities}, unknown {@code SchemaVersion}, wrongly typed arrays) are not repeated;
 * docs/guarantees.md lists where each row lives.
 */
class TrivyBadInputMatrixTest extends BadInputMatrix {

    TrivyBadInputMatrixTest() {
        // The rows below write entries one per line from line 3, in a SchemaVersion 2 report of one npm result.
        super(
                new TrivyScannerAdapter(),
                EntryFrame.of(
                        "trivy.json",
                        "{\"SchemaVersion\": 2, \"ArtifactName\": \"app\", \"ArtifactType\": \"filesystem\",\n"
                                + " \"Results\": [{\"Target\": \"package-lock.json\", \"Type\": \"npm\", \"Vulnerabilities\": [\n",
                        "]}]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(
                MatrixTemplate.json(
                        "schema2.json",
                        """
                        {"SchemaVersion": 2, $TOP$"ArtifactName": "alpine:3.19", "ArtifactType": "container_image",
                         "Results": [{"Target": "alpine:3.19 (alpine 3.19.1)", "Class": "os-pkgs", "Type": "alpine",
                           "Vulnerabilities": [
                             {$ENTRY$"VulnerabilityID": "CVE-2024-0001", "PkgName": "musl$TEXT$", "InstalledVersion": "1.2.4-r2",
                              "FixedVersion": "1.2.4-r3", "Severity": "HIGH", "VendorSeverity": {"nvd": 3},
                              "CVSS": {"nvd": {"V3Vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "V3Score": 9.8}}},
                             {"VulnerabilityID": "CVE-2024-0002", "PkgName": "busybox", "InstalledVersion": "1.36.1-r15",
                              "Severity": "LOW"}]}]}
                        """,
                        2,
                        "",
                        "/Results/0/Vulnerabilities/0",
                        "/Results/0/Vulnerabilities/0/PkgName"),
                MatrixTemplate.json(
                        "legacy.json", """
                        [{$TOP$"Target": "alpine:3.9 (alpine 3.9.4)", "Type": "alpine", "Vulnerabilities": [
                           {$ENTRY$"VulnerabilityID": "CVE-2019-14697", "PkgName": "musl$TEXT$", "InstalledVersion": "1.1.20-r4",
                            "FixedVersion": "1.1.20-r5", "Severity": "HIGH"},
                           {"VulnerabilityID": "CVE-2019-14698", "PkgName": "musl-utils", "InstalledVersion": "1.1.20-r4",
                            "Severity": "MEDIUM"}]}]
                        """, 2, "/0", "/0/Vulnerabilities/0", "/0/Vulnerabilities/0/PkgName"),
                MatrixTemplate.json(
                        "k8s.json",
                        """
                        {"ClusterName": "prod", $TOP$"Resources": [
                          {"Namespace": "default", "Kind": "Deployment", "Name": "redis",
                           "Results": [{"Target": "redis:7 (debian 12.1)", "Type": "debian", "Vulnerabilities": [
                             {$ENTRY$"VulnerabilityID": "CVE-2023-0001", "PkgName": "libc6$TEXT$", "InstalledVersion": "2.36-9",
                              "Severity": "CRITICAL"},
                             {"VulnerabilityID": "CVE-2023-0002", "PkgName": "libssl3", "InstalledVersion": "3.0.9-1",
                              "Severity": "HIGH", "Status": "affected"}]}]}]}
                        """,
                        2,
                        "",
                        "/Resources/0/Results/0/Vulnerabilities/0",
                        "/Resources/0/Results/0/Vulnerabilities/0/PkgName"));
    }

    @Override
    protected Optional<String> entryOfNumbersWhereTextBelongs() {
        return Optional.of("""
                {"VulnerabilityID": "CVE-1", "PkgName": 42, "InstalledVersion": 1.5, "Severity": 3,
                 "VendorSeverity": {"nvd": "3"}, "CVSS": {"nvd": {"V3Score": "7.5"}}}
                """);
    }

    @Test
    void readsANullAbsentOrEmptySeverityAsUnknownAndRecordsOnlyTheEmptyOne() {
        ScanReport report = readEntries("""
                {"VulnerabilityID": "CVE-1", "PkgName": "a", "Severity": null},
                {"VulnerabilityID": "CVE-2", "PkgName": "b"},
                {"VulnerabilityID": "CVE-3", "PkgName": "c", "Severity": ""}
                """);

        assertThat(report.findings()).extracting(f -> f.severity()).containsOnly(Severity.UNKNOWN);
        assertThat(report.problems())
                .singleElement()
                .hasToString(
                        "trivy.json:5:1 (/Results/0/Vulnerabilities/2/Severity): unknown severity \"\", read as UNKNOWN");
    }

    @Test
    void readsANullAbsentOrEmptyFixedVersionAsNoFixedVersion() {
        ScanReport report = readEntries("""
                {"VulnerabilityID": "CVE-1", "PkgName": "a", "FixedVersion": null},
                {"VulnerabilityID": "CVE-2", "PkgName": "b"},
                {"VulnerabilityID": "CVE-3", "PkgName": "c", "FixedVersion": ""},
                {"VulnerabilityID": "CVE-4", "PkgName": "d", "FixedVersion": " , "}
                """);

        assertThat(report.findings()).allSatisfy(f -> {
            assertThat(f.fix().versions()).isEmpty();
            assertThat(f.fix().state()).isEqualTo(FixState.NOT_FIXED);
        });
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void skipsAnEntryWhoseRequiredFieldsAreNullEmptyOrBlankAndCountsIt() {
        ScanReport report = readEntries("""
                {"VulnerabilityID": null, "PkgName": "a"},
                {"VulnerabilityID": "", "PkgName": "b"},
                {"VulnerabilityID": "CVE-3", "PkgName": " "},
                {"VulnerabilityID": "CVE-4", "PkgName": "d"}
                """);

        assertThat(report.findings()).extracting(f -> f.vulnerability().id()).containsExactly("CVE-4");
        assertThat(report.counts().skipped()).isEqualTo(3);
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactly(
                        "/Results/0/Vulnerabilities/0", "/Results/0/Vulnerabilities/1", "/Results/0/Vulnerabilities/2");
    }

    @Test
    void readsTextWhereANumberBelongsWhenItIsANumber() {
        ScanReport report = readEntries(
                "{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"VendorSeverity\": {\"nvd\": \"3\"}}");

        assertThat(report.findings())
                .singleElement()
                .satisfies(finding -> assertThat(finding.vulnerability().ratings())
                        .singleElement()
                        .satisfies(rating -> assertThat(rating.severity()).hasValue(Severity.HIGH)));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void endsTextWhereANumberBelongsAndAStringWhereAListBelongsInALocatedException() {
        assertThatThrownBy(
                        () -> readEntries(
                                "{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"VendorSeverity\": {\"nvd\": \"high\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith(
                        "trivy.json:3:72 (/Results/0/Vulnerabilities/0/VendorSeverity/nvd): unexpected value:");
        assertThatThrownBy(() ->
                        readEntries("{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"VendorIDs\": \"DSA-1\"}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("trivy.json:3:59 (/Results/0/Vulnerabilities/0/VendorIDs): unexpected value:");
        assertThatThrownBy(() -> readEntries("{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"CVSS\": [7.5]}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("trivy.json:3:54 (/Results/0/Vulnerabilities/0/CVSS): unexpected value:");
    }

    @Test
    void endsAnIntegerBeyondIntInALocatedExceptionAndDropsAnInfiniteScore() {
        assertThatThrownBy(
                        () -> readEntries(
                                "{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"VendorSeverity\": {\"nvd\": 4294967299}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith(
                        "trivy.json:3:82 (/Results/0/Vulnerabilities/0/VendorSeverity/nvd): unexpected value:"
                                + " Numeric value (4294967299)")
                .hasMessageContaining("out of range of int");

        ScanReport report = readEntries(
                "{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"CVSS\": {\"nvd\": {\"V3Score\": 1e999}}}");

        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.vulnerability().ratings()).isEmpty());
        assertThat(report.problems())
                .singleElement()
                .hasToString("trivy.json:3:1 (/Results/0/Vulnerabilities/0/CVSS/nvd/V3Score):"
                        + " CVSS score Infinity lies outside 0..10, left out");
    }

    @Test
    void keepsEverySiblingOfUnknownEnumeratedValues() {
        ScanReport report = readEntries("""
                {"VulnerabilityID": "CVE-1", "PkgName": "a", "InstalledVersion": "1.0", "FixedVersion": "1.1",
                 "Severity": "SEVERE", "Status": "patched-upstream", "VendorSeverity": {"nvd": 9, "ghsa": 2},
                 "Title": "kept", "CweIDs": ["CWE-79"]},
                {"VulnerabilityID": "CVE-2", "PkgName": "b", "Severity": "LOW"}
                """);

        assertThat(report.findings()).hasSize(2);
        assertThat(report.findings().get(0)).satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(finding.fix().state()).isEqualTo(FixState.UNKNOWN);
            assertThat(finding.fix().versions()).containsExactly("1.1");
            assertThat(finding.pkg().version()).hasValue("1.0");
            assertThat(finding.vulnerability().title()).hasValue("kept");
            assertThat(finding.vulnerability().cwes()).containsExactly("CWE-79");
            assertThat(finding.vulnerability().ratings())
                    .extracting(r -> r.source())
                    .containsExactly("ghsa");
        });
        assertThat(report.findings().get(1).severity()).isEqualTo(Severity.LOW);
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactlyInAnyOrder(
                        "/Results/0/Vulnerabilities/0/Severity",
                        "/Results/0/Vulnerabilities/0/Status",
                        "/Results/0/Vulnerabilities/0/VendorSeverity/nvd");
    }

    @Test
    void keepsNonAsciiPackageUrlsAsWritten() {
        String escaped = "pkg:npm/%40sc%C3%B6pe/caf%C3%A9@1.0.0";
        String raw = "pkg:deb/debian/libc6-\u00df\u65e5@2.36-9?arch=amd64";
        ScanReport report = readEntries(
                "{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"caf\u00e9\", \"PkgIdentifier\": {\"PURL\": \""
                        + escaped
                        + "\"}},\n{\"VulnerabilityID\": \"CVE-2\", \"PkgName\": \"libc6\", \"PkgIdentifier\": {\"PURL\": \""
                        + raw
                        + "\"}}");

        assertThat(report.findings())
                .extracting(f -> f.pkg().purl().orElseThrow())
                .containsExactly(escaped, raw);
        assertThat(report.findings().get(0).pkg().name()).isEqualTo("caf\u00e9");
    }
}
