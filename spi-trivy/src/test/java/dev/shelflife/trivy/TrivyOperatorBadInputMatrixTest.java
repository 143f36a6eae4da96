package dev.shelflife.trivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.FixState;
import dev.shelflife.Problem;
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
 * The bad-input matrix for Trivy Operator's JSON shapes (one resource, an array, a List), and the
 * rows that depend on the operator's fields. Every row of the matrix applies to JSON; the YAML
 * path, which the matrix does not write, has its own rows in {@link TrivyOperatorScannerAdapterTest}
 * (anchors, aliases, duplicate keys) and in spi-json's {@code YamlCursorTest} (encodings, limits).
 */
class TrivyOperatorBadInputMatrixTest extends BadInputMatrix {

    TrivyOperatorBadInputMatrixTest() {
        // The rows below write entries one per line from line 3.
        super(
                new TrivyOperatorScannerAdapter(),
                EntryFrame.of(
                        "operator.json",
                        "{\"apiVersion\": \"aquasecurity.github.io/v1alpha1\", \"kind\": \"VulnerabilityReport\",\n"
                                + " \"report\": {\"artifact\": {\"repository\": \"library/alpine\"}, \"vulnerabilities\": [\n",
                        "]}}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(
                MatrixTemplate.json(
                        "resource.json", """
                        {"apiVersion": "aquasecurity.github.io/v1alpha1", $TOP$"kind": "VulnerabilityReport",
                         "metadata": {"name": "pod-app-app", "namespace": "shop",
                                      "labels": {"trivy-operator.resource.kind": "Pod", "trivy-operator.resource.name": "app"}},
                         "report": {"artifact": {"repository": "library/alpine", "tag": "3.19"},
                           "registry": {"server": "index.docker.io"},
                           "scanner": {"name": "Trivy", "version": "0.58.1"}, "updateTimestamp": "2025-01-02T03:04:05Z",
                           "vulnerabilities": [
                             {$ENTRY$"vulnerabilityID": "CVE-2024-0001", "resource": "musl$TEXT$", "installedVersion": "1.2.4-r2",
                              "fixedVersion": "1.2.4-r3", "severity": "HIGH", "score": 9.8, "target": ""},
                             {"vulnerabilityID": "CVE-2024-0002", "resource": "busybox", "installedVersion": "1.36.1-r15",
                              "severity": "LOW"}]}}
                        """, 2, "", "/report/vulnerabilities/0", "/report/vulnerabilities/0/resource"),
                MatrixTemplate.json(
                        "list.json",
                        """
                        {"apiVersion": "v1", "kind": "List", "items": [
                          {"apiVersion": "aquasecurity.github.io/v1alpha1", $TOP$"kind": "VulnerabilityReport",
                           "report": {"artifact": {"repository": "library/alpine", "tag": "3.19"},
                             "vulnerabilities": [
                               {$ENTRY$"vulnerabilityID": "CVE-2024-0001", "resource": "musl$TEXT$", "severity": "HIGH"},
                               {"vulnerabilityID": "CVE-2024-0002", "resource": "busybox", "severity": "LOW"}]}}]}
                        """,
                        2,
                        "/items/0",
                        "/items/0/report/vulnerabilities/0",
                        "/items/0/report/vulnerabilities/0/resource"));
    }

    @Override
    protected Optional<String> entryOfNumbersWhereTextBelongs() {
        return Optional.of("""
                {"vulnerabilityID": "CVE-1", "resource": 42, "installedVersion": 1.5, "severity": 3, "score": "7.5"}
                """);
    }

    @Test
    void readsANullAbsentOrEmptySeverityAsUnknownAndRecordsOnlyTheEmptyOne() {
        ScanReport report = readEntries("""
                {"vulnerabilityID": "CVE-1", "resource": "a", "severity": null},
                {"vulnerabilityID": "CVE-2", "resource": "b"},
                {"vulnerabilityID": "CVE-3", "resource": "c", "severity": ""}
                """);

        assertThat(report.findings()).extracting(f -> f.severity()).containsOnly(Severity.UNKNOWN);
        assertThat(report.problems())
                .singleElement()
                .hasToString("operator.json:5:1 (/report/vulnerabilities/2/severity): unknown severity \"\", read as"
                        + " UNKNOWN");
    }

    @Test
    void readsAnEmptyFixedVersionAsNotFixedAsTrivyDoesWithoutAStatus() {
        ScanReport report = readEntries("""
                {"vulnerabilityID": "CVE-1", "resource": "a", "fixedVersion": null},
                {"vulnerabilityID": "CVE-2", "resource": "b", "fixedVersion": ""},
                {"vulnerabilityID": "CVE-3", "resource": "c", "fixedVersion": "1.1"}
                """);

        assertThat(report.findings())
                .extracting(f -> f.fix().state())
                .containsExactly(FixState.NOT_FIXED, FixState.NOT_FIXED, FixState.FIXED);
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void skipsAnEntryWithoutItsIdOrPackageNamingTheOperatorsFields() {
        ScanReport report = readEntries("""
                {"vulnerabilityID": null, "resource": "a"},
                {"vulnerabilityID": "CVE-2", "resource": " "},
                null,
                {"vulnerabilityID": "CVE-4", "resource": "d"}
                """);

        assertThat(report.findings()).extracting(f -> f.vulnerability().id()).containsExactly("CVE-4");
        assertThat(report.counts().skipped()).isEqualTo(3);
        assertThat(report.problems())
                .extracting(Problem::message)
                .containsExactly(
                        "vulnerability entry without a vulnerabilityID (package a)",
                        "CVE-2: vulnerability entry without a resource",
                        "vulnerability entry is null");
    }

    @Test
    void dropsAScoreOutsideTheCvssRangeWhereItStands() {
        ScanReport report = readEntries("{\"vulnerabilityID\": \"CVE-1\", \"resource\": \"a\", \"score\": 11.5}");

        assertThat(report.findings().get(0).vulnerability().ratings()).isEmpty();
        assertThat(report.problems())
                .singleElement()
                .hasToString("operator.json:3:1 (/report/vulnerabilities/0/score): CVSS score 11.5 lies outside"
                        + " 0..10, left out");
    }

    @Test
    void endsAWronglyTypedContainerInALocatedException() {
        assertThatThrownBy(() -> readDocument(
                        "{\"apiVersion\": \"aquasecurity.github.io/v1alpha1\", \"kind\": \"VulnerabilityReport\","
                                + " \"report\": {\"vulnerabilities\": {}}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith(
                        "operator.json:1:112 (/report/vulnerabilities): expected the vulnerabilities array");
        assertThatThrownBy(() -> readDocument("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": {}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/items): expected the items array");
        assertThatThrownBy(() -> readDocument(
                        "{\"apiVersion\": \"aquasecurity.github.io/v1alpha1\", \"kind\": \"VulnerabilityReport\","
                                + " \"report\": {\"artifact\": \"alpine\", \"vulnerabilities\": []}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/report/artifact): unexpected value");
    }
}
