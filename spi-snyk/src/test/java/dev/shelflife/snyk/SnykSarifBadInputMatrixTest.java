package dev.shelflife.snyk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.FixState;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bad-input matrix for Snyk's SARIF logs, and the rows that depend on SARIF's fields. Rows that
 * {@link SnykSarifScannerAdapterTest} already holds (logs of other tools, a log without runs, a
 * wrongly typed result, a result without rule) are not repeated; docs/guarantees.md lists where
 * each row lives.
 */
class SnykSarifBadInputMatrixTest extends BadInputMatrix {

    SnykSarifBadInputMatrixTest() {
        // The rows below write results one per line from line 3, in a Snyk Container log of one rule for musl@1.0.
        super(
                new SnykSarifScannerAdapter(),
                EntryFrame.of(
                        "snyk.sarif",
                        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Snyk Container\",\n"
                                + " \"rules\": [{\"id\": \"SNYK-1\", \"fullDescription\": {\"text\": \"(CVE-1) musl@1.0\"}}]}}, \"results\": [\n",
                        "]}]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(MatrixTemplate.json(
                "container.sarif",
                """
                {"$schema": "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json",
                 "version": "2.1.0", $TOP$
                 "runs": [{"tool": {"driver": {"name": "Snyk Container", "version": "1.1290.0", "rules": [
                     {"id": "SNYK-ALPINE319-MUSL-6157259",
                      "shortDescription": {"text": "High severity - Out-of-bounds Write vulnerability in musl"},
                      "fullDescription": {"text": "(CVE-2024-0001) musl$TEXT$@1.2.4-r2"},
                      "properties": {"tags": ["security", "CWE-787", "apk"], "security-severity": "9.8"}},
                     {"id": "SNYK-ALPINE319-BUSYBOX-6913411",
                      "shortDescription": {"text": "Low severity - Use After Free vulnerability in busybox"},
                      "fullDescription": {"text": "(CVE-2023-42363) busybox@1.36.1-r15"},
                      "properties": {"tags": ["security", "apk"], "security-severity": "undefined"}}]}},
                   "results": [
                     {$ENTRY$"ruleId": "SNYK-ALPINE319-MUSL-6157259", "level": "error",
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": "alpine:3.19"}},
                                     "logicalLocations": [{"fullyQualifiedName": "musl@1.2.4-r2"}]}]},
                     {"ruleId": "SNYK-ALPINE319-BUSYBOX-6913411", "level": "note",
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": "alpine:3.19"}}}]}]}]}
                """,
                2,
                "",
                "/runs/0/results/0",
                "/runs/0/tool/driver/rules/0/fullDescription/text"));
    }

    @Test
    void readsNullEmptyAndMissingResultsAndRulesAsNoEntries() {
        for (String run : List.of("\"results\": null", "\"results\": []", "\"rules\": null}}, \"results\": []")) {
            String json = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Snyk Container\""
                    + (run.startsWith("\"rules\"") ? ", " + run : "}}, " + run) + "}]}";
            assertThat(readDocument(json).counts()).as(run).isEqualTo(new ReportCounts(0, 0, 0, 0));
        }
        assertThat(readDocument(
                                "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Snyk Container\"}}}]}")
                        .counts())
                .isEqualTo(new ReportCounts(0, 0, 0, 0));
    }

    @Test
    void skipsAResultWithoutRuleIdOrPackageAndCountsIt() {
        ScanReport report = readEntries("""
                null,
                {"ruleId": null, "level": "error"},
                {"ruleId": "", "level": "error"},
                {"ruleId": "SNYK-UNKNOWN", "level": "error"},
                {"ruleId": "SNYK-1", "level": "error"}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(5, 1, 0, 4));
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactly("/runs/0/results/0", "/runs/0/results/1", "/runs/0/results/2", "/runs/0/results/3");
    }

    @Test
    void readsAnUnknownSarifVersionAsItStandsInTheFormat() {
        ScanReport report = readDocument("{\"version\": \"3.0.0-beta\", \"runs\": [{\"tool\": {\"driver\":"
                + " {\"name\": \"Snyk Open Source\"}}, \"results\": []}]}");

        assertThat(report.format()).isEqualTo(ReportFormat.of("snyk-sarif", "snyk-sarif", "3.0.0-beta"));
    }

    @Test
    void endsRunsThatAreNullOrNoArrayInALocatedException() {
        assertThatThrownBy(() -> readDocument("{\"version\": \"2.1.0\", \"runs\": null}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessage("snyk.sarif:1:30 (/runs): expected the runs array (an array), found null");
        assertThatThrownBy(() -> readDocument("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": []}]}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("snyk.sarif:1:")
                .hasMessageContaining("(/runs/0/tool): expected an object");
        assertThatThrownBy(() -> readDocument("{\"version\": \"2.1.0\", \"runs\": []}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("snyk.sarif:1:1 (/runs): a SARIF log without runs names no tool");
    }

    @Test
    void readsNumbersWhereTextBelongsAsTheirDigits() {
        ScanReport report = readEntries("{\"ruleId\": \"SNYK-1\", \"level\": 3}");

        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.UNKNOWN));
        assertThat(report.problems())
                .singleElement()
                .hasToString(
                        "snyk.sarif:3:1 (/runs/0/results/0/level): SARIF level \"3\" says no severity: read as UNKNOWN");
    }

    @Test
    void endsAStringWhereAListBelongsInALocatedException() {
        assertThatThrownBy(() -> readEntries("{\"ruleId\": \"SNYK-1\", \"locations\": \"alpine:3.19\"}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("snyk.sarif:3:")
                .hasMessageContaining("(/runs/0/results/0/locations): unexpected value:");
    }

    @Test
    void keepsEverySiblingOfAnUnknownSeverityWordAndLevel() {
        ScanReport report = readDocument("""
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Snyk Container", "rules": [
                  {"id": "SNYK-1", "shortDescription": {"text": "Dire severity - Overflow vulnerability in musl"},
                   "fullDescription": {"text": "(CVE-1) musl@1.0"}, "properties": {"tags": ["security", "CWE-787", "apk"],
                   "security-severity": "9.1"}}]}},
                  "results": [{"ruleId": "SNYK-1", "level": "catastrophic", "fixes": [{"description": {"text": "Upgrade to musl@1.1"}}]},
                              {"ruleId": "SNYK-1", "level": "note", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "b"}}}]}]}]}
                """);

        assertThat(report.findings()).hasSize(2);
        assertThat(report.findings().get(0)).satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(finding.vulnerability().aliases()).containsExactly("CVE-1");
            assertThat(finding.vulnerability().cwes()).containsExactly("CWE-787");
            assertThat(finding.vulnerability().ratings())
                    .singleElement()
                    .satisfies(r -> assertThat(r.score()).hasValue(9.1));
            assertThat(finding.fix().state()).isEqualTo(FixState.FIXED);
            assertThat(finding.fix().versions()).containsExactly("1.1");
        });
        assertThat(report.findings().get(1).severity()).isEqualTo(Severity.LOW);
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .contains("/runs/0/tool/driver/rules/0/shortDescription/text", "/runs/0/results/0/level");
    }

    @Test
    void keepsNonAsciiPackageNamesInTheirPackageUrl() {
        ScanReport report = readDocument("""
                {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Snyk Open Source", "rules": [
                  {"id": "SNYK-JS-1", "fullDescription": {"text": "(CVE-1) @sc\u00f6pe/caf\u00e9@1.0.0"},
                   "properties": {"tags": ["security", "npm"]}}]}},
                  "results": [{"ruleId": "SNYK-JS-1", "level": "warning"}]}]}
                """);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.pkg().name()).isEqualTo("@sc\u00f6pe/caf\u00e9");
            assertThat(finding.pkg().purl()).hasValue("pkg:npm/%40sc%C3%B6pe/caf%C3%A9@1.0.0");
        });
    }
}
