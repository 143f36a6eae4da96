package dev.shelflife.trivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrivyOperatorScannerAdapterTest extends ScannerAdapterKit {

    private static final TrivyOperatorScannerAdapter ADAPTER = new TrivyOperatorScannerAdapter();
    private static final String DIGEST = "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270";

    TrivyOperatorScannerAdapterTest() {
        super(KitSetup.of(ADAPTER)
                .sample(sample("operator-report.json", 3))
                .sample(sample("operator-list.yaml", 2))
                .template(KitTemplate.json("resource.json", """
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
                        """)
                        .entries(2)
                        .entryAt("/report/vulnerabilities/0")
                        .textAt("/report/vulnerabilities/0/resource"))
                .template(KitTemplate.json("list.json", """
                        {"apiVersion": "v1", "kind": "List", "items": [
                          {"apiVersion": "aquasecurity.github.io/v1alpha1", $TOP$"kind": "VulnerabilityReport",
                           "report": {"artifact": {"repository": "library/alpine", "tag": "3.19"},
                             "vulnerabilities": [
                               {$ENTRY$"vulnerabilityID": "CVE-2024-0001", "resource": "musl$TEXT$", "severity": "HIGH"},
                               {"vulnerabilityID": "CVE-2024-0002", "resource": "busybox", "severity": "LOW"}]}}]}
                        """)
                        .entries(2)
                        .topAt("/items/0")
                        .entryAt("/items/0/report/vulnerabilities/0")
                        .textAt("/items/0/report/vulnerabilities/0/resource"))
                // The format rows write entries one per line from line 3.
                .frame(EntryFrame.of(
                        "operator.json",
                        "{\"apiVersion\": \"aquasecurity.github.io/v1alpha1\", \"kind\": \"VulnerabilityReport\",\n"
                                + " \"report\": {\"artifact\": {\"repository\": \"library/alpine\"}, \"vulnerabilities\": [\n",
                        "]}}"))
                .numbersWhereTextBelong("""
                {"vulnerabilityID": "CVE-1", "resource": 42, "installedVersion": 1.5, "severity": 3, "score": "7.5"}
                """)
                .build());
    }

    private static KitSample sample(String name, int entries) {
        return KitSample.ofResource(TrivyOperatorScannerAdapterTest.class, name).entries(entries);
    }

    private static ScanReport read(String resource) {
        return ADAPTER.read(ReportSource.of(resource, sample(resource, 0).bytes()));
    }

    private static ScanReport readText(String name, String text) {
        return ADAPTER.read(ReportSource.of(name, text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Detection detect(String text) {
        return ADAPTER.detect(ReportSource.of("input", text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheImageScannerAndScanInstantOfAVulnerabilityReport() {
        ScanReport report = read("operator-report.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy-operator", "trivy-operator-json", "v1alpha1"));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", "0.58.1"));
        assertThat(report.scannedAt()).as("report.updateTimestamp").hasValue(Instant.parse("2025-03-02T10:16:42Z"));
        ImageRef ref = ImageRef.parse("registry.example.com:5000/shop/checkout:1.4.2@" + DIGEST);
        assertThat(report.artifact()).isEqualTo(new Artifact(ref.toString(), Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.image().ref()).hasValue(ref);
        assertThat(report.image().manifestDigest()).hasValue(DIGEST);
        assertThat(report.image().repoDigests()).containsExactly("registry.example.com:5000/shop/checkout@" + DIGEST);
        assertThat(report.image().os()).hasValue("debian 12.8");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsEachEntryAsTrivysWithTheWorkloadAndContainerInTheTarget() {
        ScanReport report = read("operator-report.json");

        assertThat(report.findings())
                .extracting(Finding::toString, Finding::target, Finding::fix)
                .containsExactly(
                        tuple(
                                "CVE-2024-5535 CRITICAL in libssl3 3.0.11-1~deb12u2 (FIXED)",
                                "shop/ReplicaSet/checkout-5d8f7c9b4 (container checkout):"
                                        + " registry.example.com:5000/shop/checkout:1.4.2 (debian 12.8)",
                                Fix.fixed("3.0.15-1~deb12u1")),
                        tuple(
                                "CVE-2019-1010022 HIGH in libc6 2.36-9+deb12u9 (NOT_FIXED)",
                                "shop/ReplicaSet/checkout-5d8f7c9b4 (container checkout):"
                                        + " registry.example.com:5000/shop/checkout:1.4.2 (debian 12.8)",
                                Fix.of(FixState.NOT_FIXED)),
                        tuple(
                                "CVE-2021-45046 MEDIUM in org.apache.logging.log4j:log4j-core 2.14.1 (FIXED)",
                                "shop/ReplicaSet/checkout-5d8f7c9b4 (container checkout): Java",
                                Fix.fixed("2.15.0", "2.12.2")));
        Finding ssl = report.findings().get(0);
        assertThat(ssl.pkg().type()).hasValue("debian");
        assertThat(ssl.vulnerability().published()).hasValue(Instant.parse("2024-06-27T11:15:24Z"));
        assertThat(ssl.vulnerability().primaryUrl()).hasValue("https://avd.aquasec.com/nvd/cve-2024-5535");
        assertThat(ssl.vulnerability().ratings())
                .as("the cvss map, as Trivy's CVSS; the lone score is its nvd V3Score")
                .containsExactly(
                        Rating.of("nvd", null, 9.8, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                        Rating.of("redhat", null, 8.1, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H"));
        assertThat(report.findings().get(1).vulnerability().ratings())
                .as("a lone score, without the source it came from")
                .containsExactly(Rating.of("trivy-operator", null, 7.5, null));
        assertThat(report.findings().get(2).pkg().path()).hasValue("app/lib/log4j-core-2.14.1.jar");
    }

    @Test
    void readsAYamlListTakingTheVulnerabilityReportAndSayingWhatElseItHeld() {
        ScanReport report = read("operator-list.yaml");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy-operator", "trivy-operator-yaml", "v1alpha1"));
        assertThat(report.counts().entries()).isEqualTo(2);
        assertThat(report.image().ref()).hasValue(ImageRef.parse("python:3.12-slim"));
        assertThat(report.findings())
                .extracting(f -> f.vulnerability().id(), f -> f.pkg().version().orElseThrow(), f -> f.fix())
                .containsExactly(
                        tuple("CVE-2024-0001", "1.9", Fix.fixed("1.10")),
                        tuple("CVE-2010-4756", "2.36-9+deb12u9", Fix.of(FixState.NOT_FIXED)));
        assertThat(report.findings().get(0).vulnerability().title())
                .hasValue("libexample: a title that the operator wrote across two lines");
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(problem.message())
                    .isEqualTo("a ConfigAuditReport (replicaset-worker-7f6d5c4b3) is not a vulnerability report: not"
                            + " read, and nothing it holds counts as an entry");
            assertThat(problem.location().line()).isEqualTo(4);
            assertThat(problem.location().path()).isEqualTo("/items/0");
        });
    }

    @Test
    void countsWhatIsListedAndSaysWhenTheSummaryDisagrees() {
        String report = new String(sample("operator-report.json", 3).bytes(), StandardCharsets.UTF_8)
                .replace("\"highCount\": 1", "\"highCount\": 12");

        ScanReport read = readText("cut.json", report);

        assertThat(read.counts().entries()).isEqualTo(3);
        assertThat(read.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING_VALUE);
            assertThat(problem.message())
                    .isEqualTo("the summary counts 14 vulnerabilities (1 critical, 12 high, 1 medium) but the report"
                            + " lists 3 (1 critical, 1 high, 1 medium): counted as listed, the others are missing from"
                            + " the report");
            assertThat(problem.location().path()).isEqualTo("/report/summary");
        });
    }

    @Test
    void readsAnArrayAndAYamlStreamOfReportsOfOneImageAsOneScanWithTheEarliestInstant() {
        String one = new String(sample("operator-report.json", 3).bytes(), StandardCharsets.UTF_8);
        String other = one.replace("2025-03-02T10:16:42Z", "2025-03-01T08:00:00Z")
                .replace(
                        "\"trivy-operator.container.name\": \"checkout\"",
                        "\"trivy-operator.container.name\": \"sidecar\"");

        ScanReport array = readText("reports.json", "[" + one + ", " + other + "]");

        assertThat(array.counts().entries()).isEqualTo(6);
        assertThat(array.scannedAt()).hasValue(Instant.parse("2025-03-01T08:00:00Z"));
        assertThat(array.image().manifestDigest()).hasValue(DIGEST);
        assertThat(array.findings()).extracting(Finding::target).anyMatch(t -> t.contains("(container sidecar)"));
        assertThat(array.problems()).isEmpty();

        String yaml = new String(sample("operator-list.yaml", 2).bytes(), StandardCharsets.UTF_8);
        String stream = "---\n" + yaml + "---\n" + yaml;
        assertThat(readText("reports.yaml", stream).counts().entries()).isEqualTo(4);
    }

    @Test
    void readsReportsOfTwoImagesWithoutAnImageAndSaysSo() {
        String one = new String(sample("operator-report.json", 3).bytes(), StandardCharsets.UTF_8);
        String other =
                one.replace("\"tag\": \"1.4.2\"", "\"tag\": \"1.5.0\"").replace("\"digest\": \"" + DIGEST + "\",", "");

        ScanReport report = readText(
                "reports.json",
                "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [" + one + ", " + other + "]}");

        assertThat(report.image()).isEqualTo(Image.unknown());
        assertThat(report.artifact()).isEqualTo(new Artifact("", Artifact.Type.CLUSTER));
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.COERCED_VALUE);
            assertThat(problem.message()).startsWith("the document holds the reports of 2 images (");
        });
    }

    @Test
    void saysWhenTheVulnerabilitiesOrTheReportAreMissingOrMisspelled() {
        String missing = "{\"apiVersion\": \"aquasecurity.github.io/v1alpha1\", \"kind\": \"VulnerabilityReport\","
                + " \"report\": {\"artifact\": {\"repository\": \"library/alpine\", \"tag\": \"3.19\"}, \"Vulnerabilities\": []}}";
        ScanReport report = readText("r.json", missing);

        assertThat(report.problems())
                .extracting(Problem::kind)
                .containsExactly(Problem.Kind.IGNORED_VALUE, Problem.Kind.MISSING_VALUE);
        assertThat(readText(
                                "r.json",
                                "{\"apiVersion\": \"aquasecurity.github.io/v1alpha1\", \"kind\": \"VulnerabilityReport\"}")
                        .problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("without report"));
    }

    @Test
    void refusesAnotherApiVersionAndDocumentsWithoutOperatorResources() {
        assertThatThrownBy(
                        () -> readText(
                                "r.json",
                                "{\"apiVersion\": \"aquasecurity.github.io/v1beta9\", \"kind\": \"VulnerabilityReport\", \"report\": {}}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith(
                        "r.json:1:16 (/apiVersion): Trivy Operator apiVersion aquasecurity.github.io/v1beta9");
        assertThatThrownBy(() -> readText("r.json", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("r.json:1:1 (/): not a Trivy Operator resource: apiVersion v1, kind Pod");
        assertThatThrownBy(() -> readText("r.json", "[{\"Target\": \"x\", \"Vulnerabilities\": null}]"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("none of the 1 elements is an aquasecurity.github.io/ resource");
        assertThat(readText("r.json", "{\"apiVersion\": \"v1\", \"items\": [], \"kind\": \"List\"}")
                        .problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING_VALUE));
    }

    @Test
    void refusesYamlAnchorsAliasesAndDuplicateKeysWithTheirLocation() {
        String yaml = new String(sample("operator-list.yaml", 2).bytes(), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> readText("r.yaml", yaml.replace("resource: libc6", "resource: *pkg")))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining(
                        "(/items/1/report/vulnerabilities/1/resource): unsupported YAML: YAML aliases (*pkg)");
        assertThatThrownBy(() -> readText("r.yaml", yaml.replace("resource: libexample", "resource: &pkg libexample")))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("unsupported YAML: YAML anchors (&pkg)");
        assertThatThrownBy(() -> readText(
                        "r.yaml",
                        yaml.replace("      resource: libc6", "      resource: libc6\n      resource: libc7")))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("malformed YAML: Duplicate field 'resource'");
    }

    @Test
    void claimsVulnerabilityReportsCertainlyAndOtherOperatorResourcesLessSo() {
        assertThat(ADAPTER.detect(sample("operator-report.json", 3).source()))
                .extracting(Detection::confidence, Detection::format)
                .containsExactly(1.0, "trivy-operator-json");
        assertThat(ADAPTER.detect(sample("operator-list.yaml", 2).source()))
                .extracting(Detection::isMatch, Detection::format)
                .containsExactly(true, "trivy-operator-yaml");
        assertThat(detect("kind: VulnerabilityReport\napiVersion: aquasecurity.github.io/v1alpha1\n")
                        .confidence())
                .isEqualTo(1.0);
        assertThat(detect("{\"apiVersion\": \"v1\", \"kind\": \"Pod\"}").isMatch())
                .isFalse();
        assertThat(detect("{\"apiVersion\": \"v1\", \"items\": [], \"kind\": \"List\"}")
                        .isMatch())
                .isFalse();
        assertThat(detect("{\"SchemaVersion\": 2, \"ArtifactName\": \"x\", \"Results\": []}")
                        .isMatch())
                .isFalse();
        assertThat(detect(
                                "{\"matches\": [], \"apiVersion\": \"aquasecurity.github.io/v1alpha1\", \"kind\": \"VulnerabilityReport\"}")
                        .isMatch())
                .as("stops at another format's key")
                .isFalse();
    }

    @Test
    void trivysOwnAdapterClaimsNoOperatorResourceAndThisOneNoTrivyReport() {
        TrivyScannerAdapter trivy = new TrivyScannerAdapter();

        for (KitSample operator : setup().samples()) {
            assertThat(trivy.detect(operator.source()).isMatch())
                    .as("trivy claims %s", operator)
                    .isFalse();
        }
        for (String trivyReport : List.of("legacy-array.json", "schema2-image.json", "k8s-resources.json")) {
            ReportSource source =
                    KitSample.ofResource(getClass(), trivyReport).entries(0).source();
            assertThat(ADAPTER.detect(source).isMatch())
                    .as("trivy-operator claims %s", trivyReport)
                    .isFalse();
        }
    }

    // The rows below depend on the format: they write entries in the kit's frame.

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
