package dev.shelflife.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bad-input matrix for GitLab's report, with and without a {@code scan}. Every row applies but
 * the one of numbers where text belongs ({@link #entryOfNumbersWhereTextBelongs()} is not
 * overridden): GitLab's entries have no CVSS score to write as a string.
 */
class GitLabBadInputMatrixTest extends BadInputMatrix {

    GitLabBadInputMatrixTest() {
        // The rows below write entries one per line from line 2.
        super(
                new GitLabScannerAdapter(),
                EntryFrame.of(
                        "gl.json", "{\"version\": \"15.0.7\", \"remediations\": [], \"vulnerabilities\": [\n", "]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(
                MatrixTemplate.json(
                        "v15.json",
                        """
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
                        """,
                        2,
                        "",
                        "/vulnerabilities/0",
                        "/vulnerabilities/0/location/dependency/package/name"),
                MatrixTemplate.json(
                        "v14.json",
                        """
                        {$TOP$"version": "14.0.4", "vulnerabilities": [
                           {$ENTRY$"category": "container_scanning", "message": "CVE-2024-0001 in musl", "cve": "CVE-2024-0001",
                            "severity": "High", "confidence": "Unknown", "scanner": {"id": "trivy", "name": "trivy"},
                            "location": {"dependency": {"package": {"name": "musl$TEXT$"}, "version": "1.2.4-r2"}},
                            "identifiers": [{"type": "cve", "value": "CVE-2024-0001"}]},
                           {"cve": "CVE-2024-0002", "severity": "Low",
                            "location": {"dependency": {"package": {"name": "busybox"}, "version": "1.36.1-r15"}},
                            "identifiers": [{"type": "cve", "value": "CVE-2024-0002"}]}],
                         "remediations": []}
                        """,
                        2,
                        "",
                        "/vulnerabilities/0",
                        "/vulnerabilities/0/location/dependency/package/name"));
    }

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
