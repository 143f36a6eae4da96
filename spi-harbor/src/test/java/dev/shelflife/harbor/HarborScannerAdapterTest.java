package dev.shelflife.harbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
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
import org.junit.jupiter.api.Test;

class HarborScannerAdapterTest extends ScannerAdapterKit {

    private static final HarborScannerAdapter ADAPTER = new HarborScannerAdapter();
    private static final String DIGEST = "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270";

    HarborScannerAdapterTest() {
        super(KitSetup.of(ADAPTER)
                .sample(sample("v1.1-wrapped.json", 2))
                .sample(sample("v1.0-bare.json", 2))
                .template(
                        KitTemplate.json("wrapped.json", """
                        {"application/vnd.security.vulnerability.report; version=1.1": {
                          $TOP$"generated_at": "2025-01-02T03:04:05Z", "scanner": {"name": "Trivy", "version": "v0.58.1"},
                          "severity": "High",
                          "vulnerabilities": [
                            {$ENTRY$"id": "CVE-2024-0001", "package": "musl$TEXT$", "version": "1.2.4-r2", "fix_version": "1.2.4-r3",
                             "severity": "High", "preferred_cvss": {"score_v3": 9.8}},
                            {"id": "CVE-2024-0002", "package": "busybox", "version": "1.36.1-r15", "severity": "Low"}]}}
                        """)
                                .entries(2)
                                .topAt("/application~1vnd.security.vulnerability.report; version=1.1")
                                .entryAt(
                                        "/application~1vnd.security.vulnerability.report; version=1.1/vulnerabilities/0")
                                .textAt(
                                        "/application~1vnd.security.vulnerability.report; version=1.1/vulnerabilities/0/package"))
                .template(KitTemplate.json("bare.json", """
                        {$TOP$"generated_at": "2025-01-02T03:04:05Z", "scanner": {"name": "Trivy"},
                         "vulnerabilities": [
                           {$ENTRY$"id": "CVE-2024-0001", "package": "musl$TEXT$", "version": "1.2.4-r2", "severity": "High"},
                           {"id": "CVE-2024-0002", "package": "busybox", "version": "1.36.1-r15", "severity": "Low"}]}
                        """)
                        .entries(2)
                        .entryAt("/vulnerabilities/0")
                        .textAt("/vulnerabilities/0/package"))
                // The format rows write entries one per line from line 3.
                .frame(EntryFrame.of(
                        "harbor.json",
                        "{\"generated_at\": \"2025-01-02T03:04:05Z\", \"scanner\": {\"name\": \"Trivy\"},\n"
                                + " \"vulnerabilities\": [\n",
                        "]}"))
                .numbersWhereTextBelong("""
                {"id": "CVE-1", "package": 42, "version": 1.5, "severity": 3, "preferred_cvss": {"score_v3": "7.5"}}
                """)
                .build());
    }

    private static KitSample sample(String name, int entries) {
        return KitSample.ofResource(HarborScannerAdapterTest.class, name).entries(entries);
    }

    private static ScanReport read(String resource) {
        return ADAPTER.read(ReportSource.of(resource, sample(resource, 0).bytes()));
    }

    private static ScanReport readText(String text) {
        return ADAPTER.read(ReportSource.of("harbor.json", text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Detection detect(String text) {
        return ADAPTER.detect(ReportSource.of("harbor.json", text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsAV11ReportUnderItsMimeTypeWithTheArtifactsDigest() {
        ScanReport report = read("v1.1-wrapped.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("harbor", "harbor-json", "1.1"));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", "v0.58.1"));
        assertThat(report.scannedAt()).hasValue(Instant.parse("2025-03-02T10:16:42.123456789Z"));
        assertThat(report.artifact())
                .isEqualTo(new Artifact("shop/checkout:1.4.2@" + DIGEST, Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.image().manifestDigest()).hasValue(DIGEST);
        assertThat(report.image().ref())
                .as("Harbor names no registry host: no guess")
                .isEmpty();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsEachEntryWithItsFixSeverityCvssAndCwes() {
        ScanReport report = read("v1.1-wrapped.json");

        assertThat(report.findings())
                .extracting(Finding::toString, Finding::fix)
                .containsExactly(
                        tuple(
                                "CVE-2024-5535 CRITICAL in libssl3 3.0.11-1~deb12u2 (FIXED)",
                                Fix.fixed("3.0.15-1~deb12u1")),
                        tuple(
                                "CVE-2019-1010022 NEGLIGIBLE in libc6 2.36-9+deb12u9 (NOT_FIXED)",
                                Fix.of(FixState.NOT_FIXED)));
        Finding ssl = report.findings().get(0);
        assertThat(ssl.vulnerability().ratings())
                .as("vendor_attributes per source; preferred_cvss repeats nvd's")
                .containsExactly(
                        Rating.of("nvd", null, 9.8, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                        Rating.of("redhat", null, 5.9, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N"));
        assertThat(ssl.vulnerability().cwes()).containsExactly("CWE-200");
        assertThat(ssl.vulnerability().primaryUrl()).hasValue("https://avd.aquasec.com/nvd/cve-2024-5535");
        Finding libc = report.findings().get(1);
        assertThat(libc.vulnerability().ratings())
                .as("preferred_cvss alone")
                .containsExactly(
                        Rating.of("preferred", null, 9.8, null),
                        Rating.of("preferred", null, 7.5, "AV:N/AC:L/Au:N/C:P/I:P/A:P"));
        assertThat(libc.vulnerability().cwes()).as("cwe_ids [\"\"]").isEmpty();
    }

    @Test
    void readsABareV10ReportWithoutAnImage() {
        ScanReport report = read("v1.0-bare.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("harbor", "harbor-json", null));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Clair", "2.x"));
        assertThat(report.artifact()).isEqualTo(new Artifact("", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.findings()).extracting(Finding::severity).containsExactly(Severity.HIGH, Severity.UNKNOWN);
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void saysWhatItCouldNotUse() {
        ScanReport report = readText("""
                {"generated_at": "yesterday", "scanner": {"name": "Trivy"},
                 "vulnerabilities": [
                   {"id": "CVE-1", "package": "a", "severity": "Dire", "artifact_digests": ["sha256:abc"]},
                   {"id": "", "package": "b"}, null, {"id": "CVE-4"}]}
                """);

        assertThat(report.counts().entries()).isEqualTo(4);
        assertThat(report.counts().skipped()).isEqualTo(3);
        assertThat(report.problems())
                .extracting(Problem::kind, Problem::message)
                .containsExactly(
                        tuple(Problem.Kind.COERCED_VALUE, "unknown severity \"Dire\", read as UNKNOWN"),
                        tuple(Problem.Kind.SKIPPED_ENTRY, "vulnerability entry without an id (package b)"),
                        tuple(Problem.Kind.SKIPPED_ENTRY, "vulnerability entry is null"),
                        tuple(Problem.Kind.SKIPPED_ENTRY, "CVE-4: vulnerability entry without a package"),
                        tuple(Problem.Kind.COERCED_VALUE, "generated_at \"yesterday\" is not a timestamp, left out"),
                        tuple(Problem.Kind.COERCED_VALUE, "artifact_digests \"sha256:abc\" is not a digest, left out"));
        assertThat(report.problems().get(0).location().path()).isEqualTo("/vulnerabilities/0/severity");
    }

    @Test
    void saysWhenTheVulnerabilitiesOrTheReportAreMissingOrMisspelled() {
        assertThat(readText("{\"generated_at\": \"2025-01-01T00:00:00Z\", \"scanner\": {}, \"Vulnerabilities\": []}")
                        .problems())
                .extracting(Problem::kind)
                .containsExactly(Problem.Kind.IGNORED_VALUE, Problem.Kind.MISSING_VALUE);
        assertThat(readText("{\"application/vnd.security.sbom.report+json; version=1.0\": {}}")
                        .problems())
                .extracting(Problem::kind)
                .containsExactly(Problem.Kind.IGNORED_VALUE, Problem.Kind.MISSING_VALUE);
    }

    @Test
    void refusesJsonThatIsNoHarborReport() {
        assertThatThrownBy(() -> readText("{\"vulnerabilities\": []}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith("harbor.json:1:1 (/): not a Harbor report");
        assertThatThrownBy(() -> readText("[]"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage("harbor.json:1:1 (/): not a Harbor report: the document is an array, not an object");
    }

    @Test
    void claimsAReportUnderItsMimeTypeOrWithGeneratedAtAndScanner() {
        assertThat(ADAPTER.detect(sample("v1.1-wrapped.json", 2).source()))
                .extracting(Detection::confidence, Detection::schemaVersion)
                .containsExactly(1.0, java.util.Optional.of("1.1"));
        assertThat(detect("{\"application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0\": {}}")
                        .schemaVersion())
                .hasValue("1.0");
        assertThat(ADAPTER.detect(sample("v1.0-bare.json", 2).source()).confidence())
                .isEqualTo(1.0);
        assertThat(detect("{\"generated_at\": \"x\"}").isMatch()).isFalse();
        assertThat(detect("{\"vulnerabilities\": [], \"scanner\": {}}").isMatch())
                .isFalse();
        assertThat(detect("{\"matches\": [], \"generated_at\": \"x\", \"scanner\": {}}")
                        .isMatch())
                .as("stops at Grype's key")
                .isFalse();
    }

    // The rows below depend on the format: they write entries in the kit's frame.

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
