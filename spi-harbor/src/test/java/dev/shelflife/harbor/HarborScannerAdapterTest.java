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
import dev.shelflife.ScanReport;
import dev.shelflife.Scanner;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.ContractSample;
import dev.shelflife.testkit.ScannerAdapterContract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarborScannerAdapterTest extends ScannerAdapterContract {

    private static final HarborScannerAdapter ADAPTER = new HarborScannerAdapter();
    private static final String DIGEST = "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270";

    @Override
    protected ScannerAdapter adapter() {
        return ADAPTER;
    }

    @Override
    protected List<ContractSample> samples() {
        return List.of(sample("v1.1-wrapped.json", 2), sample("v1.0-bare.json", 2));
    }

    private static ContractSample sample(String name, int entries) {
        return ContractSample.ofResource(HarborScannerAdapterTest.class, name, entries);
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
        assertThat(report.scanner()).isEqualTo(Scanner.of("Trivy", "v0.58.1"));
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
        assertThat(report.scanner()).isEqualTo(Scanner.of("Clair", "2.x"));
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
}
