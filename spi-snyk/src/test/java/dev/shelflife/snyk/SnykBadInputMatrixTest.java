package dev.shelflife.snyk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.FixState;
import dev.shelflife.Problem;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.testkit.BadInputMatrix;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.MatrixTemplate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bad-input matrix for Snyk's JSON, one project and an array of them, and the rows that depend
 * on Snyk's fields. Rows that {@link SnykScannerAdapterTest} already holds (entries without id or
 * package, unreadable values, a wrongly typed entry, an error result, an empty array) are not
 * repeated; docs/guarantees.md lists where each row lives.
 */
class SnykBadInputMatrixTest extends BadInputMatrix {

    SnykBadInputMatrixTest() {
        // The rows below write the entries of an npm project one per line from line 2.
        super(
                new SnykScannerAdapter(),
                EntryFrame.of(
                        "snyk.json",
                        "{\"ok\": false, \"packageManager\": \"npm\", \"projectName\": \"app\", \"vulnerabilities\": [\n",
                        "]}"));
    }

    @Override
    protected List<MatrixTemplate> templates() {
        return List.of(
                MatrixTemplate.json("container.json", """
                        {"vulnerabilities": [
                          {$ENTRY$"id": "SNYK-ALPINE319-MUSL-6157259", "title": "Out-of-bounds Write", "severity": "high",
                           "packageManager": "apk", "packageName": "musl", "name": "musl$TEXT$", "version": "1.2.4-r2",
                           "nearestFixedInVersion": "1.2.4-r3", "identifiers": {"CVE": ["CVE-2024-0001"], "CWE": ["CWE-787"]},
                           "cvssScore": 9.8, "epssDetails": {"probability": "0.02", "percentile": "0.8"}},
                          {"id": "SNYK-ALPINE319-BUSYBOX-6913411", "severity": "low", "packageName": "busybox",
                           "name": "busybox", "version": "1.36.1-r15"}],
                         $TOP$"ok": false, "dependencyCount": 14, "packageManager": "apk", "projectName": "docker-image|alpine",
                         "platform": "linux/amd64", "path": "alpine:3.19", "docker": {"baseImage": "alpine:3.19"}}
                        """, 2, "", "/vulnerabilities/0", "/vulnerabilities/0/name"),
                MatrixTemplate.json(
                        "all-projects.json", """
                        [{$TOP$"vulnerabilities": [
                           {$ENTRY$"id": "SNYK-JS-LODASH-1040724", "severity": "high", "name": "lodash$TEXT$", "version": "4.17.20",
                            "fixedIn": ["4.17.21"], "upgradePath": [false, "lodash@4.17.21"]},
                           {"id": "SNYK-JS-MINIMIST-2429795", "severity": "low", "name": "minimist", "version": "1.2.5"}],
                          "ok": false, "packageManager": "npm", "projectName": "app", "targetFile": "package-lock.json",
                          "path": "/srv/app"},
                         {"vulnerabilities": [], "ok": true, "packageManager": "maven", "projectName": "lib",
                          "targetFile": "pom.xml", "path": "/srv/app"}]
                        """, 2, "/0", "/0/vulnerabilities/0", "/0/vulnerabilities/0/name"));
    }

    @Override
    protected Optional<String> entryOfNumbersWhereTextBelongs() {
        return Optional.of(
                "{\"id\": \"SNYK-1\", \"name\": 42, \"version\": 1.5, \"severity\": 3, \"cvssScore\": \"7.5\"}");
    }

    @Test
    void readsNullAndEmptyVulnerabilitiesAsNoEntriesAndMissingOnesOnlyForAProjectSnykFoundOk() {
        for (String json : List.of(
                "{\"ok\": false, \"packageManager\": \"npm\", \"vulnerabilities\": null}",
                "{\"ok\": false, \"packageManager\": \"npm\", \"vulnerabilities\": []}",
                "{\"ok\": true, \"packageManager\": \"npm\", \"projectName\": \"app\"}")) {
            assertThat(readDocument(json).counts()).as(json).isEqualTo(new ReportCounts(0, 0, 0, 0));
        }
        assertThatThrownBy(() -> readDocument("{\"ok\": false, \"packageManager\": \"npm\"}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage(
                        "snyk.json:1:1 (/): not a Snyk project: no vulnerabilities array (and not a project Snyk found ok)");
    }

    @Test
    void readsANullAbsentOrEmptySeverityAsUnknownWithoutAProblem() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "name": "a", "severity": null},
                {"id": "SNYK-2", "name": "b"},
                {"id": "SNYK-3", "name": "c", "severity": "", "severityWithCritical": ""}
                """);

        assertThat(report.findings()).extracting(f -> f.severity()).containsOnly(Severity.UNKNOWN);
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsNullEmptyOrBlankFixesAsNotFixed() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "name": "a", "severity": "low", "fixedIn": null, "nearestFixedInVersion": null},
                {"id": "SNYK-2", "name": "b", "severity": "low", "fixedIn": [], "upgradePath": []},
                {"id": "SNYK-3", "name": "c", "severity": "low", "fixedIn": ["", " "], "nearestFixedInVersion": "",
                 "upgradePath": [false, "c@"]}
                """);

        assertThat(report.findings()).allSatisfy(f -> {
            assertThat(f.fix().state()).isEqualTo(FixState.NOT_FIXED);
            assertThat(f.fix().versions()).isEmpty();
        });
    }

    @Test
    void refusesVulnerabilitiesBesideNoneOfSnyksProjectFields() {
        assertThatThrownBy(
                        () -> readDocument(
                                "{\"bomFormat\": \"CycloneDX\", \"vulnerabilities\": [{\"id\": \"CVE-1\", \"affects\": [{\"ref\": \"a\"}]}]}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith(
                        "snyk.json:1:1 (/): not a Snyk project: a vulnerabilities array without any of Snyk's"
                                + " project fields");
    }

    @Test
    void endsTextWhereAListOrAnObjectBelongsInALocatedException() {
        assertThatThrownBy(() ->
                        readEntries("{\"id\": \"SNYK-1\", \"name\": \"a\", \"identifiers\": {\"CVE\": \"CVE-1\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("snyk.json:2:")
                .hasMessageContaining("(/vulnerabilities/0/identifiers/CVE): unexpected value:");
        assertThatThrownBy(() -> readEntries("{\"id\": \"SNYK-1\", \"name\": \"a\", \"upgradePath\": \"a@2\"}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/vulnerabilities/0/upgradePath): unexpected value:");
        assertThatThrownBy(() -> readEntries("{\"id\": \"SNYK-1\", \"name\": \"a\", \"epssDetails\": [\"0.1\"]}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/vulnerabilities/0/epssDetails): unexpected value:");
    }

    @Test
    void dropsAnInfiniteOr30DigitScoreAndRecordsIt() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "name": "a", "severity": "low", "cvssScore": 1e999},
                {"id": "SNYK-2", "name": "b", "severity": "low", "cvssScore": 123456789012345678901234567890}
                """);

        assertThat(report.findings())
                .allSatisfy(f -> assertThat(f.vulnerability().ratings())
                        .singleElement()
                        .satisfies(r -> assertThat(r.score()).isEmpty()));
        assertThat(report.problems())
                .extracting(p -> p.location().path() + ": " + p.message())
                .containsExactly(
                        "/vulnerabilities/0/cvssScore: CVSS score Infinity outside 0..10: dropped",
                        "/vulnerabilities/1/cvssScore: CVSS score 1.2345678901234568E29 outside 0..10: dropped");
    }

    @Test
    void keepsEverySiblingOfUnknownEnumeratedValues() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "name": "a", "version": "1.0", "severity": "severe", "nvdSeverity": "dire",
                 "packageManager": "future-manager", "fixedIn": ["1.1"], "identifiers": {"CVE": ["CVE-1"], "CWE": ["CWE-79"]},
                 "cvssDetails": [{"assigner": "NVD", "severity": "extreme", "cvssV3BaseScore": 9.1}]},
                {"id": "SNYK-2", "name": "b", "severity": "low"}
                """);

        assertThat(report.findings()).hasSize(2);
        assertThat(report.findings().get(0)).satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(finding.fix().versions()).containsExactly("1.1");
            assertThat(finding.pkg().version()).hasValue("1.0");
            assertThat(finding.vulnerability().aliases()).containsExactly("CVE-1");
            assertThat(finding.vulnerability().cwes()).containsExactly("CWE-79");
            assertThat(finding.vulnerability().ratings())
                    .extracting(r -> r.source() + " " + r.score().orElse(null))
                    .containsExactly("nvd 9.1");
        });
        assertThat(report.findings().get(1).severity()).isEqualTo(Severity.LOW);
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactlyInAnyOrder("/vulnerabilities/0/severity", "/vulnerabilities/0/cvssDetails/0/severity");
    }

    @Test
    void keepsNonAsciiPackageNamesInTheirPackageUrl() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "name": "@sc\u00f6pe/caf\u00e9", "version": "1.0.0", "severity": "low"}
                """);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.pkg().name()).isEqualTo("@sc\u00f6pe/caf\u00e9");
            assertThat(finding.pkg().purl()).hasValue("pkg:npm/%40sc%C3%B6pe/caf%C3%A9@1.0.0");
        });
    }

    @Test
    void reportsAKeyOfAnEntryOrAProjectSpelledInAnotherCaseInsteadOfReadingPastIt() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "severity": "high", "packageName": "a", "version": "1", "FixedIn": ["2"]}
                """);

        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.fix().versions()).isEmpty());
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(problem.location().path()).isEqualTo("/vulnerabilities/0/FixedIn");
            assertThat(problem.message()).startsWith("\"FixedIn\" is not \"fixedIn\"");
        });
        ScanReport project = readDocument("""
                {"Vulnerabilities": [{"id": "SNYK-1", "severity": "high", "packageName": "a", "version": "1"}],
                 "vulnerabilities": [], "ok": true, "packageManager": "npm", "projectName": "app"}
                """);
        assertThat(project.problems()).extracting(p -> p.location().path()).containsExactly("/Vulnerabilities");
    }
}
