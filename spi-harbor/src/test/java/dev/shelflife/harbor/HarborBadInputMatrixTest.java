package dev.shelflife.harbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bad-input matrix for Harbor's two shapes, wrapped and bare; every row applies. */
class HarborBadInputMatrixTest extends BadInputMatrix {

    HarborBadInputMatrixTest() {
        // The rows below write entries one per line from line 3.
        super(
                new HarborScannerAdapter(),
                EntryFrame.of(
                        "harbor.json",
                        "{\"generated_at\": \"2025-01-02T03:04:05Z\", \"scanner\": {\"name\": \"Trivy\"},\n"
                                + " \"vulnerabilities\": [\n",
                        "]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(
                MatrixTemplate.json(
                        "wrapped.json",
                        """
                        {"application/vnd.security.vulnerability.report; version=1.1": {
                          $TOP$"generated_at": "2025-01-02T03:04:05Z", "scanner": {"name": "Trivy", "version": "v0.58.1"},
                          "severity": "High",
                          "vulnerabilities": [
                            {$ENTRY$"id": "CVE-2024-0001", "package": "musl$TEXT$", "version": "1.2.4-r2", "fix_version": "1.2.4-r3",
                             "severity": "High", "preferred_cvss": {"score_v3": 9.8}},
                            {"id": "CVE-2024-0002", "package": "busybox", "version": "1.36.1-r15", "severity": "Low"}]}}
                        """,
                        2,
                        "/application~1vnd.security.vulnerability.report; version=1.1",
                        "/application~1vnd.security.vulnerability.report; version=1.1/vulnerabilities/0",
                        "/application~1vnd.security.vulnerability.report; version=1.1/vulnerabilities/0/package"),
                MatrixTemplate.json("bare.json", """
                        {$TOP$"generated_at": "2025-01-02T03:04:05Z", "scanner": {"name": "Trivy"},
                         "vulnerabilities": [
                           {$ENTRY$"id": "CVE-2024-0001", "package": "musl$TEXT$", "version": "1.2.4-r2", "severity": "High"},
                           {"id": "CVE-2024-0002", "package": "busybox", "version": "1.36.1-r15", "severity": "Low"}]}
                        """, 2, "", "/vulnerabilities/0", "/vulnerabilities/0/package"));
    }

    @Override
    protected Optional<String> entryOfNumbersWhereTextBelongs() {
        return Optional.of("""
                {"id": "CVE-1", "package": 42, "version": 1.5, "severity": 3, "preferred_cvss": {"score_v3": "7.5"}}
                """);
    }

    @Test
    void readsANullAbsentOrEmptySeverityAsUnknownAndRecordsOnlyTheEmptyOne() {
        ScanReport report = readEntries("""
                {"id": "CVE-1", "package": "a", "severity": null},
                {"id": "CVE-2", "package": "b"},
                {"id": "CVE-3", "package": "c", "severity": ""}
                """);

        assertThat(report.findings()).extracting(f -> f.severity()).containsOnly(Severity.UNKNOWN);
        assertThat(report.problems())
                .singleElement()
                .hasToString("harbor.json:5:1 (/vulnerabilities/2/severity): unknown severity \"\", read as UNKNOWN");
    }

    @Test
    void dropsAScoreOutsideTheCvssRangeWhereItStands() {
        ScanReport report = readEntries("{\"id\": \"CVE-1\", \"package\": \"a\", \"vendor_attributes\": {\"CVSS\":"
                + " {\"nvd\": {\"V3Score\": 1e999}}}}");

        assertThat(report.findings().get(0).vulnerability().ratings()).isEmpty();
        assertThat(report.problems())
                .singleElement()
                .hasToString("harbor.json:3:1 (/vulnerabilities/0/vendor_attributes/CVSS/nvd/V3Score): CVSS score"
                        + " Infinity lies outside 0..10, left out");
    }

    @Test
    void endsWronglyTypedValuesInALocatedException() {
        assertThatThrownBy(() -> readEntries("{\"id\": \"CVE-1\", \"package\": \"a\", \"links\": \"x\"}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("harbor.json:3:42 (/vulnerabilities/0/links): unexpected value:");
        assertThatThrownBy(() -> readDocument("{\"generated_at\": \"x\", \"vulnerabilities\": {}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/vulnerabilities): expected the vulnerabilities array");
    }
}
