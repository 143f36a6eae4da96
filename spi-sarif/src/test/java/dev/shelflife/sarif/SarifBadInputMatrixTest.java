package dev.shelflife.sarif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bad-input matrix for Trivy's and Grype's SARIF, and the rows that depend on SARIF's fields.
 */
class SarifBadInputMatrixTest extends BadInputMatrix {

    SarifBadInputMatrixTest() {
        // The rows below write results one per line from line 2, in a Trivy log.
        super(
                new SarifScannerAdapter(),
                EntryFrame.of(
                        "trivy.sarif",
                        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Trivy\"}}, \"results\": [\n",
                        "]}]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(
                MatrixTemplate.json("trivy.sarif", """
                        {"version": "2.1.0", $TOP$"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                         "runs": [{"tool": {"driver": {"name": "Trivy", "version": "0.50.1", "rules": [
                                     {"id": "CVE-2024-0001", "properties": {"security-severity": "7.5", "cvssv3_baseScore": 7.5}}]}},
                                   "results": [
                                     {$ENTRY$"ruleId": "CVE-2024-0001", "ruleIndex": 0, "level": "error",
                                      "message": {"text": "Package: musl$TEXT$\\nInstalled Version: 1.2.4-r2\\nVulnerability CVE-2024-0001\\nSeverity: HIGH\\nFixed Version: 1.2.4-r3"},
                                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": "library/alpine"}}}]},
                                     {"ruleId": "CVE-2024-0001", "ruleIndex": 0, "level": "error",
                                      "message": {"text": "Package: busybox\\nInstalled Version: 1.36.1-r15\\nSeverity: HIGH\\nFixed Version: "}}],
                                   "properties": {"imageName": "alpine:3.19", "repoTags": ["alpine:3.19"]}}]}
                        """, 2, "", "/runs/0/results/0", "/runs/0/results/0/message/text"),
                MatrixTemplate.json("grype.sarif", """
                        {"version": "2.1.0", $TOP$"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                         "runs": [{"tool": {"driver": {"name": "grype", "version": "0.87.0", "rules": [
                                     {"id": "CVE-2024-0001-musl", "shortDescription": {"text": "CVE-2024-0001 high vulnerability for musl package"},
                                      "help": {"text": "Vulnerability CVE-2024-0001\\nSeverity: high\\nPackage: musl\\nVersion: 1.2.4-r2\\nFix Version: 1.2.4-r3\\nType: apk\\nLink: CVE-2024-0001"},
                                      "properties": {"security-severity": "7.5"}}]}},
                                   "results": [
                                     {$ENTRY$"ruleId": "CVE-2024-0001-musl",
                                      "message": {"text": "A high vulnerability in apk package: musl$TEXT$, version 1.2.4-r2 was found in image alpine:3.19 at: /lib/apk/db/installed"}},
                                     {"ruleId": "CVE-2024-0002-busybox",
                                      "message": {"text": "A low vulnerability in apk package: busybox, version 1.36.1-r15 was found in image alpine:3.19 at: /lib/apk/db/installed"}}]}]}
                        """, 2, "", "/runs/0/results/0", "/runs/0/results/0/message/text"));
    }

    @Test
    void endsAResultThatIsNoObjectInALocatedException() {
        assertThatThrownBy(() -> readEntries("[\"CVE-1\"]"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("trivy.sarif:2:1 (/runs/0/results/0): unexpected value: Cannot deserialize");
        assertThatThrownBy(() -> readEntries("{\"ruleId\": \"CVE-1\", \"message\": \"Package: a\"}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("trivy.sarif:2:")
                .hasMessageContaining("(/runs/0/results/0/message)");
    }

    @Test
    void readsNumbersWhereTextBelongsAsTheirDigits() {
        ScanReport report = readEntries("{\"ruleId\": 42, \"message\": {\"text\": \"Package: a\\nSeverity: LOW\"}}");

        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.vulnerability().id()).isEqualTo("42"));
    }

    @Test
    void reportsAResultKeySpelledInAnotherCase() {
        ScanReport report = readEntries("{\"RuleId\": \"CVE-1\", \"message\": {\"text\": \"Package: a\"}}");

        assertThat(report.counts().skipped()).isEqualTo(1);
        assertThat(report.problems())
                .anySatisfy(p -> assertThat(p.message()).startsWith("\"RuleId\" is not \"ruleId\""));
    }

    @Test
    void refusesAResultsArrayThatIsNoArray() {
        assertThatThrownBy(
                        () -> readDocument(
                                "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Trivy\"}}, \"results\": {}}]}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/runs/0/results): expected the results array (an array), found an object");
    }
}
