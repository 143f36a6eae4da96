package dev.shelflife.sarif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SarifScannerAdapterTest extends ScannerAdapterKit {

    SarifScannerAdapterTest() {
        super(KitSetup.of(new SarifScannerAdapter())
                .sample(KitSample.ofResource(SarifScannerAdapterTest.class, "trivy-image.sarif.json")
                        .entries(3))
                .sample(KitSample.ofResource(SarifScannerAdapterTest.class, "trivy-template-0.15.sarif.json")
                        .entries(2))
                .sample(KitSample.ofResource(SarifScannerAdapterTest.class, "trivy-targeted.sarif.json")
                        .entries(2))
                .sample(KitSample.ofResource(SarifScannerAdapterTest.class, "grype-image.sarif.json")
                        .entries(2))
                .sample(KitSample.ofResource(SarifScannerAdapterTest.class, "grype-0.63.sarif.json")
                        .entries(2))
                .template(KitTemplate.json("trivy.sarif", """
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
                        """)
                        .entries(2)
                        .entryAt("/runs/0/results/0")
                        .textAt("/runs/0/results/0/message/text"))
                .template(KitTemplate.json("grype.sarif", """
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
                        """)
                        .entries(2)
                        .entryAt("/runs/0/results/0")
                        .textAt("/runs/0/results/0/message/text"))
                // The format rows write results one per line from line 2, in a Trivy log.
                .frame(EntryFrame.of(
                        "trivy.sarif",
                        "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Trivy\"}}, \"results\": [\n",
                        "]}]}"))
                .without(
                        KitCheck.NUMBERS_WHERE_TEXT_BELONGS,
                        "a SARIF result carries its package and version in message text, not in fields of their own")
                .build());
    }

    private ScanReport read(String resource) {
        return setup().samples().stream()
                .filter(s -> s.name().equals(resource))
                .findFirst()
                .map(s -> adapter().read(s.source()))
                .orElseThrow();
    }

    private static ReportSource source(String json) {
        return ReportSource.of("inline.sarif", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String log(String driverName, String results) {
        return "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\",\n"
                + " \"runs\": [{\"tool\": {\"driver\": {\"name\": \"" + driverName
                + "\", \"rules\": []}}, \"results\": "
                + results + "}]}";
    }

    @Test
    void readsTrivysMessageForEachResultAndTheRuleForWhatIsTheVulnerabilitys() {
        ScanReport report = read("trivy-image.sarif.json");

        assertThat(report.kind()).isEqualTo(EvidenceKind.SCAN);
        assertThat(report.format().name()).isEqualTo("trivy-sarif");
        assertThat(report.format().schemaVersion()).hasValue("2.1.0");
        assertThat(report.scanner().toString()).isEqualTo("Trivy 0.50.1");
        assertThat(report.findings())
                .extracting(f -> f.pkg().name(), f -> f.pkg().version().orElse(null), Finding::fix, Finding::target)
                .containsExactly(
                        tuple("libssl3", "3.0.11-1~deb12u2", Fix.fixed("3.0.13-1~deb12u1"), "acme/shop"),
                        // The rule's help names libssl3 and its fix: not this result's, whose message states none.
                        tuple("openssl", "3.0.11-1~deb12u2", Fix.of(FixState.UNKNOWN), "acme/shop"));
        Finding libssl = report.findings().get(0);
        assertThat(libssl.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(libssl.vulnerability().severitySource()).hasValue("trivy");
        assertThat(libssl.vulnerability().title()).hasValue("openssl: denial of service via null dereference");
        assertThat(libssl.vulnerability().primaryUrl()).hasValue("https://avd.aquasec.com/nvd/cve-2024-0727");
        assertThat(libssl.vulnerability().ratings())
                .containsExactly(Rating.of("trivy", null, 5.5, "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H"));
        assertThat(libssl.vulnerability().published()).isEmpty();
        assertThat(report.findings().get(1).vulnerability().ratings())
                .as("the rule's CVSS is the vulnerability's: every result of the rule has it")
                .isEqualTo(libssl.vulnerability().ratings());
    }

    @Test
    void skipsTrivysMisconfigurationsSecretsAndLicencesAsEntriesThatAreNoVulnerabilities() {
        ScanReport report = read("trivy-image.sarif.json");

        assertThat(report.counts().entries()).isEqualTo(3);
        assertThat(report.counts().skipped()).isEqualTo(1);
        assertThat(report.problems())
                .singleElement()
                .hasToString("trivy-image.sarif.json:56:9 (/runs/0/results/2): a Trivy misconfiguration (rule DS002),"
                        + " not a vulnerability: not a finding");
    }

    @Test
    void readsTheImageFromTrivysRunProperties() {
        ScanReport report = read("trivy-image.sarif.json");

        assertThat(report.artifact()).isEqualTo(new Artifact("ghcr.io/acme/shop:1.4.2", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.image().ref()).hasValue(ImageRef.parse("ghcr.io/acme/shop:1.4.2"));
        assertThat(report.image().manifestDigest())
                .hasValue("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        assertThat(report.image().configDigest())
                .hasValue("sha256:0b7b8f6e1c5a7a2b5b2b0fa4d1b6c4b0e7e3f1a2c3d4e5f60718293a4b5c6d7e");
        assertThat(report.scannedAt())
                .as("SARIF says nothing of when the scan ran")
                .isEmpty();
        assertThat(report.databaseBuiltAt()).isEmpty();
    }

    @Test
    void readsTheSeverityAndThePackageOfTrivys015TemplateFromTheRuleEachResultPointsAt() {
        ScanReport report = read("trivy-template-0.15.sarif.json");

        assertThat(report.findings())
                .extracting(
                        f -> f.vulnerability().id(),
                        Finding::severity,
                        f -> f.pkg().name(),
                        f -> f.pkg().version().orElse(null),
                        Finding::fix)
                .containsExactly(
                        tuple("CVE-2019-0000", Severity.MEDIUM, "foo", "1.2.3", Fix.fixed("1.2.4")),
                        tuple("CVE-2019-0001", Severity.HIGH, "bar", "2.3.4", Fix.of(FixState.UNKNOWN)));
        assertThat(report.findings())
                .allSatisfy(f -> assertThat(f.vulnerability().title())
                        .as("\"CVE-… Package: …\" is no title")
                        .isEmpty());
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void splitsAnOldTrivyRuleIdOnlyWhereTheHelpSaysAndKeepsTheRestUnsplit() {
        ScanReport report = read("trivy-targeted.sarif.json");

        assertThat(report.findings())
                .extracting(
                        f -> f.vulnerability().id(),
                        f -> f.pkg().name(),
                        f -> f.pkg().version().orElse(null),
                        Finding::target,
                        Finding::fix)
                .containsExactly(
                        tuple(
                                "CVE-2019-14697",
                                "musl",
                                "1.1.22-r2",
                                "alpine:3.10 (alpine 3.10.2)",
                                Fix.fixed("1.1.22-r3")),
                        tuple(
                                "CVE-2019-1549",
                                "libcrypto1.1-1.1.1c-r0",
                                null,
                                "alpine:3.10 (alpine 3.10.2)",
                                Fix.of(FixState.UNKNOWN)));
        assertThat(report.findings().get(1).severity())
                .as("no text states it, and the level stands for several")
                .isEqualTo(Severity.UNKNOWN);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.COERCED_VALUE);
            assertThat(p.location().path()).isEqualTo("/runs/0/results/1/ruleId");
            assertThat(p.message())
                    .startsWith("\"libcrypto1.1-1.1.1c-r0\" names the package and its version, and nothing");
        });
    }

    @Test
    void readsGrypesPackageFromEachResultsMessageAndTheFixFromTheHelpOfItsOwnMatch() {
        ScanReport report = read("grype-image.sarif.json");

        assertThat(report.format().name()).isEqualTo("grype-sarif");
        assertThat(report.scanner().toString()).isEqualTo("grype 0.87.0");
        assertThat(report.findings())
                .extracting(
                        f -> f.vulnerability().id(),
                        Finding::severity,
                        f -> f.pkg().name(),
                        f -> f.pkg().version().orElse(null),
                        f -> f.pkg().type().orElse(null),
                        f -> f.pkg().path().orElse(null),
                        Finding::fix)
                .containsExactly(
                        tuple(
                                "CVE-2023-5363",
                                Severity.HIGH,
                                "libssl3",
                                "3.0.11-1~deb12u1",
                                "deb",
                                "/var/lib/dpkg/status",
                                Fix.fixed("3.0.11-1~deb12u2")),
                        tuple(
                                "CVE-2005-2541",
                                Severity.LOW,
                                "tar",
                                "1.34+dfsg-1.2",
                                "deb",
                                "/var/lib/dpkg/status",
                                Fix.of(FixState.UNKNOWN)));
        Finding libssl = report.findings().get(0);
        assertThat(libssl.pkg().purl()).hasValue("pkg:deb/debian/libssl3@3.0.11-1~deb12u1?arch=amd64&distro=debian-12");
        assertThat(libssl.vulnerability().ratings()).containsExactly(Rating.of("grype", null, 7.5, null));
        assertThat(libssl.vulnerability().primaryUrl())
                .hasValue("https://security-tracker.debian.org/tracker/CVE-2023-5363");
        assertThat(report.findings().get(1).vulnerability().ratings())
                .as("1.0 is Grype's stand-in for \"low\" without a CVSS score, no score")
                .isEmpty();
        assertThat(report.image().ref()).hasValue(ImageRef.parse("ghcr.io/acme/shop:1.4.2"));
        assertThat(report.artifact()).isEqualTo(new Artifact("ghcr.io/acme/shop:1.4.2", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsTheSentenceOfGrypeBefore065AndTheImageOfItsLogicalLocations() {
        ScanReport report = read("grype-0.63.sarif.json");

        assertThat(report.findings())
                .extracting(
                        f -> f.vulnerability().id(),
                        Finding::severity,
                        f -> f.pkg().name(),
                        f -> f.pkg().version().orElse(null),
                        f -> f.pkg().path().orElse(null))
                .containsExactly(
                        tuple(
                                "CVE-2007-5686",
                                Severity.LOW,
                                "login",
                                "1:4.13+dfsg1-1+b1",
                                "/usr/share/doc/login/copyright"),
                        tuple(
                                "CVE-2023-4039",
                                Severity.MEDIUM,
                                "gcc-12-base",
                                "12.2.0-14",
                                "/usr/share/doc/gcc-12-base/copyright"));
        assertThat(report.image().ref())
                .hasValue(ImageRef.parse(
                        "nginx@sha256:13d22ec63300e16014d4a42aed735207a8b33c223cff19627dd3042e5a10a3a0"));
    }

    @Test
    void readsGrypesVersionFromTheHelpOnlyWhenTheRuleHasNoOtherResult() {
        String rules = "[{\"id\": \"CVE-1-a\", \"help\": {\"text\": \"Vulnerability CVE-1\\nSeverity: high\\n"
                + "Package: a\\nVersion: 1.0\\nFix Version: 1.1\\nType: npm\\nLink: CVE-1\"}}]";
        String one = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"grype\", \"rules\": "
                + rules + "}}, \"results\": [{\"ruleId\": \"CVE-1-a\"}]}]}";
        String two = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"grype\", \"rules\": "
                + rules + "}}, \"results\": [{\"ruleId\": \"CVE-1-a\"}, {\"ruleId\": \"CVE-1-a\"}]}]}";

        assertThat(adapter().read(source(one)).findings()).singleElement().satisfies(f -> {
            assertThat(f.pkg().version()).hasValue("1.0");
            assertThat(f.fix()).isEqualTo(Fix.fixed("1.1"));
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
        ScanReport shared = adapter().read(source(two));
        assertThat(shared.counts().duplicates()).isEqualTo(1);
        assertThat(shared.findings()).singleElement().satisfies(f -> {
            assertThat(f.pkg().version())
                    .as("which match's version the help gives is unknown")
                    .isEmpty();
            assertThat(f.fix()).isEqualTo(Fix.of(FixState.UNKNOWN));
        });
    }

    @Test
    void readsSecuritySeverityWrittenAsANumberAsWhenWrittenAsText() {
        String asNumber =
                "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"grype\", \"rules\": ["
                        + "{\"id\": \"CVE-1-a\", \"shortDescription\": {\"text\": \"CVE-1 high vulnerability for a package\"},"
                        + " \"properties\": {\"security-severity\": 8.1}}]}}, \"results\": [{\"ruleId\": \"CVE-1-a\"}]}]}";

        assertThat(adapter().read(source(asNumber)).findings())
                .singleElement()
                .satisfies(f ->
                        assertThat(f.vulnerability().ratings()).containsExactly(Rating.of("grype", null, 8.1, null)));
        assertThat(adapter().read(source(asNumber.replace("8.1", "\"8.1\""))))
                .isEqualTo(adapter().read(source(asNumber)));
    }

    @Test
    void dropsAScoreThatIsNoNumberInZeroToTenAndSaysWhere() {
        String bad = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Trivy\", \"rules\": [\n"
                + "{\"id\": \"CVE-1\", \"properties\": {\"security-severity\": \"high\", \"cvssv3_baseScore\": 11}}]}},\n"
                + " \"results\": [{\"ruleId\": \"CVE-1\", \"message\": {\"text\": \"Package: a\\nSeverity: HIGH\"}}]}]}";

        ScanReport report = adapter().read(source(bad));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.vulnerability().ratings()).isEmpty();
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
        });
        assertThat(report.problems())
                .extracting(Problem::toString)
                .containsExactlyInAnyOrder(
                        "inline.sarif:2:1 (/runs/0/tool/driver/rules/0/properties/cvssv3_baseScore): score 11 outside 0..10: dropped",
                        "inline.sarif:2:1 (/runs/0/tool/driver/rules/0/properties/security-severity): score \"high\" is not a number: dropped");
    }

    @Test
    void refusesALogOfAnotherToolAtItsDriverName() {
        assertThat(adapter().detect(source(log("Snyk Container", "[]"))).isMatch())
                .isFalse();
        assertThatThrownBy(() -> adapter().read(source(log("Snyk Container", "[]"))))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("inline.sarif:2:40 (/runs/0/tool/driver/name): a SARIF run from \"Snyk Container\": this"
                        + " adapter reads Trivy's and Grype's logs (Snyk's are read by snyk-sarif)");
        assertThat(adapter().detect(source(log("CodeQL", "[]"))).isMatch()).isFalse();
    }

    @Test
    void refusesRunsOfTwoToolsOrTwoImagesInOneLog() {
        String twoTools =
                "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Trivy\"}}, \"results\": []},"
                        + " {\"tool\": {\"driver\": {\"name\": \"grype\"}}, \"results\": []}]}";
        String twoImages = "{\"version\": \"2.1.0\", \"runs\": ["
                + "{\"tool\": {\"driver\": {\"name\": \"Trivy\"}}, \"results\": [], \"properties\": {\"imageName\": \"app:1\","
                + " \"repoDigests\": [\"app@sha256:" + "a".repeat(64) + "\"]}},"
                + " {\"tool\": {\"driver\": {\"name\": \"Trivy\"}}, \"results\": [], \"properties\": {\"imageName\": \"app:2\","
                + " \"repoDigests\": [\"app@sha256:" + "b".repeat(64) + "\"]}}]}";

        assertThatThrownBy(() -> adapter().read(source(twoTools)))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("a SARIF run from \"grype\" after one from \"Trivy\"");
        assertThatThrownBy(() -> adapter().read(source(twoImages)))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("a report is about one image")
                .hasMessageContaining("different digests");
    }

    @Test
    void readsAnEmptyResultsArrayAsNothingFoundAndMissingResultsAsAProblem() {
        assertThat(adapter().read(source(log("Trivy", "[]"))).problems()).isEmpty();
        String noResults = "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"Trivy\"}}}]}";
        assertThat(adapter().read(source(noResults)).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.MISSING_VALUE));
    }

    @Test
    void skipsResultsThatNameNoRuleOrNoPackageAndSaysWhy() {
        ScanReport report = adapter()
                .read(source(log(
                        "Trivy",
                        "[null, {\"level\": \"error\"}, {\"ruleId\": \"CVE-1\", \"message\": {\"text\": \"Severity: HIGH\"}},"
                                + " {\"ruleId\": \"two words\"}]")));

        assertThat(report.counts().entries()).isEqualTo(4);
        assertThat(report.counts().skipped()).isEqualTo(4);
        assertThat(report.problems())
                .extracting(Problem::message)
                .containsExactly(
                        "a null SARIF result",
                        "a SARIF result without a ruleId",
                        "SARIF result for CVE-1 names no package",
                        "ruleId \"two words\" is none of the shapes Trivy writes (CVE-…, [SEVERITY] CVE-…,"
                                + " target: package-version CVE-…)");
    }

    @Test
    void readsAnUnknownSeverityWordAsUnknownAndSaysSo() {
        ScanReport report = adapter()
                .read(source(log(
                        "Trivy",
                        "[{\"ruleId\": \"CVE-1\", \"message\": {\"text\": \"Package: a\\nSeverity: DIRE\"}}]")));

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(f.vulnerability().severitySource()).isEqualTo(Optional.empty());
        });
        assertThat(report.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("unknown severity \"DIRE\": read as UNKNOWN"));
    }

    // The rows below depend on the format: they write entries in the kit's frame.

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
