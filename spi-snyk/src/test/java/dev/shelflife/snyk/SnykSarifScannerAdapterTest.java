package dev.shelflife.snyk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Artifact;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.ContractSample;
import dev.shelflife.testkit.ScannerAdapterContract;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnykSarifScannerAdapterTest extends ScannerAdapterContract {

    @Override
    protected ScannerAdapter adapter() {
        return new SnykSarifScannerAdapter();
    }

    @Override
    protected List<ContractSample> samples() {
        return List.of(
                ContractSample.ofResource(getClass(), "container.sarif.json", 2),
                ContractSample.ofResource(getClass(), "open-source.sarif.json", 2));
    }

    private ScanReport readSample(int index) {
        return adapter().read(samples().get(index).source());
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
        ContractSample json = ContractSample.ofResource(getClass(), "container-with-applications.json", 5);

        assertThat(adapter().detect(json.source()).isMatch()).isFalse();
        assertThat(new SnykScannerAdapter().detect(samples().get(0).source()).isMatch())
                .isFalse();
    }
}
