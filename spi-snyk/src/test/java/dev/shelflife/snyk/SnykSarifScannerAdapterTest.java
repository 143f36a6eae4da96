package dev.shelflife.snyk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Artifact;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitCheck;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnykSarifScannerAdapterTest extends ScannerAdapterKit {

    SnykSarifScannerAdapterTest() {
        super(KitSetup.of(new SnykSarifScannerAdapter())
                .sample(KitSample.ofResource(SnykSarifScannerAdapterTest.class, "container.sarif.json")
                        .entries(2))
                .sample(KitSample.ofResource(SnykSarifScannerAdapterTest.class, "open-source.sarif.json")
                        .entries(2))
                .template(KitTemplate.json("container.sarif", """
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
                """)
                        .entries(2)
                        .entryAt("/runs/0/results/0")
                        .textAt("/runs/0/tool/driver/rules/0/fullDescription/text"))
                // The format rows write results one per line from line 3, in a Snyk Container log of one rule for
                // musl@1.0.
                .frame(EntryFrame.of(
                        "snyk.sarif",
                        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Snyk Container\",\n"
                                + " \"rules\": [{\"id\": \"SNYK-1\", \"fullDescription\": {\"text\": \"(CVE-1) musl@1.0\"}}]}}, \"results\": [\n",
                        "]}]}"))
                .without(
                        KitCheck.NUMBERS_WHERE_TEXT_BELONGS,
                        "a SARIF result carries its package and version in text (fullDescription), not in fields of their own")
                .build());
    }

    private ScanReport readSample(int index) {
        return adapter().read(setup().samples().get(index).source());
    }

    private static ReportSource source(String json) {
        return ReportSource.of("inline.sarif", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String log(String driverName) {
        return "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\",\n"
                + " \"runs\": [{\"tool\": {\"driver\": {\"name\": \"" + driverName
                + "\", \"rules\": []}}, \"results\": []}]}";
    }

    @Test
    void readsTheCveAndTheSeverityFromTheRuleTexts() {
        ScanReport report = readSample(0);
        Finding openssl = report.findings().get(0);

        assertThat(report.format().schemaVersion()).hasValue("2.1.0");
        assertThat(report.scanner().toString()).isEqualTo("Snyk Container 1.1290.0");
        assertThat(report.artifact())
                .isEqualTo(new Artifact("registry.example.com/team/app_1.4.2", Artifact.Type.CONTAINER_IMAGE));
        assertThat(openssl.vulnerability().id()).isEqualTo("SNYK-DEBIAN11-OPENSSL-3368735");
        assertThat(openssl.vulnerability().aliases()).containsExactly("CVE-2023-0286");
        assertThat(openssl.vulnerability().cwes()).containsExactly("CWE-843");
        assertThat(openssl.vulnerability().title()).hasValue("CVE-2023-0286");
        assertThat(openssl.severity()).isEqualTo(Severity.HIGH);
        assertThat(openssl.vulnerability().ratings()).containsExactly(Rating.of("snyk", Severity.HIGH, 7.4, null));
        assertThat(openssl.pkg().name()).isEqualTo("libssl1.1");
        assertThat(openssl.pkg().sourcePackage()).hasValue("openssl");
        assertThat(openssl.pkg().type()).hasValue("deb");
        assertThat(openssl.pkg().purl())
                .as("deb without the distribution: no purl namespace")
                .isEmpty();
        assertThat(openssl.fix()).isEqualTo(Fix.of(FixState.UNKNOWN));
        assertThat(openssl.target()).isEqualTo("registry.example.com/team/app_1.4.2");
    }

    @Test
    void readsSeveralCvesAndTreatsAnUndefinedScoreAsAbsent() {
        ScanReport report = readSample(0);
        Finding zlib = report.findings().get(1);

        assertThat(zlib.vulnerability().aliases()).containsExactly("CVE-2022-37434", "CVE-2018-25032");
        assertThat(zlib.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(zlib.vulnerability().ratings()).containsExactly(Rating.of("snyk", Severity.CRITICAL, null, null));
        assertThat(zlib.pkg().version()).hasValue("1:1.2.11.dfsg-2+deb11u1");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void takesTheFixedVersionFromAFixThatUpgradesThePackageItself() {
        Finding debug = readSample(1).findings().get(0);

        assertThat(debug.fix()).isEqualTo(Fix.fixed("2.6.9"));
        assertThat(debug.pkg().purl()).hasValue("pkg:npm/debug@2.6.8");
        assertThat(debug.target()).isEqualTo("package.json");
    }

    @Test
    void fallsBackToTheResultLevelForAResultWithoutRule() {
        ScanReport report = readSample(1);
        Finding ms = report.findings().get(1);

        assertThat(ms.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(ms.vulnerability().severitySource()).hasValue("sarif-level");
        assertThat(ms.pkg().name()).isEqualTo("ms");
        assertThat(ms.pkg().version()).hasValue("0.7.1");
        assertThat(report.artifact()).isEqualTo(new Artifact("package.json", Artifact.Type.FILESYSTEM));
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(p.location().path()).isEqualTo("/runs/0/results/1/ruleId");
        });
    }

    @Test
    void refusesSarifFromOtherToolsWhereTheyNameThemselves() {
        for (String tool : List.of("SnykCode", "Trivy")) {
            assertThat(adapter().detect(source(log(tool))).isMatch()).as(tool).isFalse();
            assertThatThrownBy(() -> adapter().read(source(log(tool))))
                    .isInstanceOf(UnsupportedReportException.class)
                    .hasMessageStartingWith("inline.sarif:2:")
                    .hasMessageContaining("(/runs/0/tool/driver/name): a SARIF run from \"" + tool + "\"");
        }
    }

    @Test
    void acceptsALogWithoutResults() {
        ScanReport report = adapter().read(source(log("Snyk Container")));

        assertThat(report.findings()).isEmpty();
        assertThat(report.counts().entries()).isZero();
        assertThat(report.scanner().version()).isEqualTo(Optional.empty());
    }

    @Test
    void refusesALogWithoutRuns() {
        assertThatThrownBy(() -> adapter().read(source("{\"version\": \"2.1.0\", \"runs\": []}")))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessage("inline.sarif:1:1 (/runs): a SARIF log without runs names no tool");
    }

    @Test
    void endsAWronglyTypedResultInALocatedException() {
        String log = log("Snyk Container")
                .replace(
                        "\"results\": []",
                        "\"results\": [\n {\"ruleId\": \"SNYK-X-1\", \"locations\": {\"uri\": \"x\"}}]");

        assertThatThrownBy(() -> adapter().read(source(log)))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("inline.sarif:3:")
                .hasMessageContaining("(/runs/0/results/0/locations)");
    }

    @Test
    void neitherAdapterClaimsTheOthersFormat() {
        KitSample json = KitSample.ofResource(getClass(), "container-with-applications.json")
                .entries(5);

        assertThat(adapter().detect(json.source()).isMatch()).isFalse();
        assertThat(new SnykScannerAdapter()
                        .detect(setup().samples().get(0).source())
                        .isMatch())
                .isFalse();
    }

    // The rows below depend on the format: they write entries in the kit's frame.

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
