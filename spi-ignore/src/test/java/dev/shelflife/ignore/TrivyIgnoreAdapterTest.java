package dev.shelflife.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.ReportCounts;
import dev.shelflife.ScanReport;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.ContractSample;
import dev.shelflife.testkit.ScannerAdapterContract;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract kit on Trivy's ignore files, and how they are recognised, read and refused. */
class TrivyIgnoreAdapterTest extends ScannerAdapterContract {

    private static final TrivyIgnoreAdapter ADAPTER = new TrivyIgnoreAdapter();

    @Override
    protected ScannerAdapter adapter() {
        return ADAPTER;
    }

    @Override
    protected List<ContractSample> samples() {
        return List.of(
                ContractSample.ofResource(getClass(), "two-rules.trivyignore", 3),
                ContractSample.ofResource(getClass(), "two-rules.trivyignore.yaml", 3));
    }

    @Override
    protected boolean readsEmptyDocuments() {
        return true;
    }

    @Override
    protected Map<String, String> checksThatDoNotApply() {
        return Map.of(
                "enforcesTheDepthLimit",
                "nothing nests in a .trivyignore; the YAML format's depth limit is a row of TrivyIgnoreYamlBadInputMatrixTest");
    }

    @Test
    void recognisesAnEmptyOrCommentOnlyFileByItsName() {
        for (String name : List.of(".trivyignore", "prod.trivyignore", "ci/.trivyignore.yaml", "app.trivyignore.yml")) {
            for (String text : List.of("", "# nothing ignored yet\n", "\n\n")) {
                assertThat(ADAPTER.detect(Sources.of(name, text)).isMatch())
                        .as("%s: %s", name, text)
                        .isTrue();
                assertThat(ADAPTER.read(Sources.of(name, text)).counts()).isEqualTo(new ReportCounts(0, 0, 0, 0, 0, 0));
            }
        }
        assertThat(ADAPTER.detect(Sources.of("notes.txt", "CVE-2024-0001\n")).isMatch())
                .as("a plain list of ids of another name shows no structure")
                .isFalse();
    }

    @Test
    void claimsNoReportThatIsNamedLikeAnIgnoreFile() {
        assertThat(ADAPTER.detect(Sources.of(".trivyignore", "{\"SchemaVersion\": 2, \"Results\": []}"))
                        .isMatch())
                .isFalse();
        assertThat(ADAPTER.detect(Sources.of(".trivyignore.yaml", "{\"matches\": [], \"descriptor\": {}}"))
                        .isMatch())
                .isFalse();
    }

    @Test
    void claimsAYamlFileOfAnotherNameOnlyWhenItsStructureIsTrivysAlone() {
        assertThat(ADAPTER.detect(Sources.of("ignores.yaml", "vulnerabilities:\n  - id: CVE-1\nsecrets:\n  - id: x\n"))
                        .isMatch())
                .isTrue();
        assertThat(ADAPTER.detect(Sources.of("ignores.yaml", "vulnerabilities:\n  - id: CVE-1\n    paths: [a]\n"))
                        .isMatch())
                .isTrue();
        assertThat(ADAPTER.detect(Sources.of("bom.json", "{\"vulnerabilities\": [{\"id\": \"CVE-1\"}]}"))
                        .isMatch())
                .as("a bare list of ids under vulnerabilities is anyone's")
                .isFalse();
        assertThat(ADAPTER.detect(
                                Sources.of("vex.json", "{\"vulnerabilities\": [{\"id\": \"CVE-1\", \"affects\": []}]}"))
                        .isMatch())
                .isFalse();
    }

    @Test
    void refusesAJsonOrYamlDocumentGivenAsAPlainFile() {
        assertThatThrownBy(() -> ADAPTER.read(Sources.of(".trivyignore", "\n{\"Results\": []}\n")))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith(".trivyignore:2:1 (/): not a .trivyignore: the text starts with \"{\"");
        assertThatThrownBy(() -> ADAPTER.read(Sources.of(".trivyignore", "CVE-1\nvulnerabilities:\n")))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith(".trivyignore:2:1 (/): not a .trivyignore line: \"vulnerabilities:\" is YAML");
        assertThatThrownBy(
                        () -> ADAPTER.read(Sources.of("x.trivyignore.yaml", "{\"SchemaVersion\": 2, \"Results\": []}")))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("not a .trivyignore.yaml: it has \"Results\", which Trivy writes");
    }

    @Test
    void skipsALineWhoseExpiryIsNoDateAsTrivyDropsIt() {
        ScanReport report = ADAPTER.read(Sources.of(".trivyignore", "CVE-2024-0001 exp:2024-13-45\nCVE-2024-0002\n"));

        assertThat(report.counts()).isEqualTo(new ReportCounts(2, 0, 0, 1, 0, 1));
        assertThat(report.problems().get(0).toString())
                .isEqualTo(".trivyignore:1:15 (/): the expiry \"exp:2024-13-45\" of CVE-2024-0001 is not a date"
                        + " (YYYY-MM-DD): Trivy drops the whole line, so the rule is skipped");
    }

    @Test
    void readsAYamlFileOfAnotherNameAsYamlWhenItsFirstLineIsAKey() {
        ScanReport report = ADAPTER.read(Sources.of("ignores", "vulnerabilities:\n  - id: CVE-2024-0001\n"));

        assertThat(report.format().name()).isEqualTo(TrivyIgnoreYaml.FORMAT);
        assertThat(report.ignoreRules()).hasSize(1);
    }

    @Test
    void endsEveryCutOfEitherFormatInARuleListOrALocatedError() {
        for (ContractSample sample : samples()) {
            Sources.cutsRefused(ADAPTER, sample.name(), sample.bytes());
        }
        byte[] flow = "{vulnerabilities: [{id: CVE-2024-0001, statement: \"x\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(Sources.cutsRefused(ADAPTER, "flow.trivyignore.yaml", flow))
                .as("every cut of a flow mapping leaves it open")
                .isEqualTo(flow.length - 1);
    }

    @Test
    void tellsVulnerabilityIdsFromChecksSecretRulesAndLicences() {
        assertThat(List.of(
                        "CVE-2024-1234",
                        "GHSA-cx63-2mw6-8hw5",
                        "GO-2022-0001",
                        "PYSEC-2021-1",
                        "RUSTSEC-2021-0001",
                        "RHSA-2023:1234",
                        "ALAS2-2023-2024",
                        "ELSA-2022-9221",
                        "SUSE-SU-2023:1234-1",
                        "openSUSE-SU-2023:0001-1",
                        "FEDORA-2023-a1b2c3",
                        "BIT-nginx-2023-1234",
                        "DSA-5000-1",
                        "DLA-3000-1",
                        "USN-6000-1",
                        "TEMP-0517018-A83CE6",
                        "CGA-2x3v-abcd-1234",
                        "MAL-2024-1"))
                .allSatisfy(id ->
                        assertThat(VulnerabilityIds.isVulnerability(id)).as(id).isTrue());
        assertThat(List.of(
                        "ID300",
                        "AVD-ID400",
                        "AVD-DS-0002",
                        "DS002",
                        "KSV-0001",
                        "generic-unwanted-rule",
                        "aws-access-key-id",
                        "GPL-3.0",
                        "MIT",
                        "Apache-2.0",
                        "GPL-2.0-or-later",
                        "W3C-20150513",
                        "Unicode-DFS-2016",
                        "hello"))
                .allSatisfy(id ->
                        assertThat(VulnerabilityIds.isVulnerability(id)).as(id).isFalse());
        assertThat(VulnerabilityIds.likelyKind("ID300")).hasValue("a misconfiguration check's id");
        assertThat(VulnerabilityIds.likelyKind("generic-unwanted-rule")).hasValue("a secret rule's id");
        assertThat(VulnerabilityIds.likelyKind("GPL-3.0")).hasValue("a licence");
    }
}
