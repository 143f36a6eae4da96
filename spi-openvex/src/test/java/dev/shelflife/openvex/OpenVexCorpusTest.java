package dev.shelflife.openvex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.shelflife.EvidenceKind;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.VexStatement;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every OpenVEX document of the shared corpus and checks it against MANIFEST.tsv and the
 * facts its notes give; and checks that no other file of the corpus is claimed.
 */
class OpenVexCorpusTest {

    private static final OpenVexScannerAdapter ADAPTER = new OpenVexScannerAdapter();

    /** Per file: the statements by state, as MANIFEST.tsv counts them. */
    private static final Map<String, Map<VexStatement.State, Long>> STATES = Map.of(
            "openvex/trivy-project-published-trivy.openvex.json", Map.of(VexStatement.State.NOT_AFFECTED, 21L),
            "openvex/vexctl-v0.0.1-string-products-images.vex.json", Map.of(VexStatement.State.IN_TRIAGE, 4L),
            "openvex/grype-openvex-demo2-subcomponents.json",
                    Map.of(VexStatement.State.RESOLVED, 3L, VexStatement.State.NOT_AFFECTED, 2L),
            "openvex/trivy-integration-vuln-atid-only.openvex.json", Map.of(VexStatement.State.NOT_AFFECTED, 1L));

    private static ScanReport read(String name) {
        return ADAPTER.read(ReportSource.of(Corpus.require().root().resolve(name)));
    }

    @TestFactory
    Stream<DynamicTest> readsEveryOpenVexFileWithTheManifestsStatementCount() {
        List<Corpus.CorpusFile> files = Corpus.require().files("openvex");
        assertThat(files).extracting(Corpus.CorpusFile::name).containsExactlyInAnyOrderElementsOf(STATES.keySet());
        return files.stream()
                .map(file -> dynamicTest(file.name(), () -> {
                    ReportSource source = ReportSource.of(file.path());
                    assertThat(ADAPTER.detect(source).isMatch())
                            .as("detects %s", file)
                            .isTrue();
                    ScanReport report = ADAPTER.read(source);
                    assertThat(report.kind()).isEqualTo(EvidenceKind.ASSESSMENT);
                    assertThat(report.counts())
                            .as("%s (%s)", file, file.notes())
                            .isEqualTo(new ReportCounts(file.rawEntries(), 0, file.rawEntries(), 0, 0, 0));
                    assertThat(report.problems()).as("%s", file).isEmpty();
                    assertThat(report.vexStatements().stream()
                                    .collect(Collectors.groupingBy(VexStatement::state, Collectors.counting())))
                            .isEqualTo(STATES.get(file.name()));
                    assertThat(report.vexStatements())
                            .as("every statement has a time, its own or the document's")
                            .allSatisfy(s -> assertThat(s.timestamp()).isPresent());
                }));
    }

    @Test
    void readsTrivysPublishedVexWithTheCveAmongTheAliasesOfEachGoVulnerability() {
        ScanReport report = read("openvex/trivy-project-published-trivy.openvex.json");

        VexStatement first = report.vexStatements().get(0);
        assertThat(first.vulnerabilityId()).isEqualTo("GO-2024-2575");
        assertThat(first.aliases()).containsExactly("CVE-2024-26147", "GHSA-r53h-jv2g-vpx6");
        assertThat(first.products()).containsExactly("pkg:golang/github.com/aquasecurity/trivy");
        assertThat(first.subcomponentsOf("pkg:golang/github.com/aquasecurity/trivy"))
                .containsExactly("pkg:golang/helm.sh/helm/v3");
        assertThat(first.justification()).hasValue("vulnerable_code_not_in_execute_path");
        assertThat(first.detail()).hasValue("Govulncheck determined that the vulnerable code isn't called");
        assertThat(first.timestamp()).hasValue(Instant.parse("2024-07-09T07:38:00.115697Z"));
        assertThat(report.vexStatements())
                .as("17 name a CVE among their aliases; 4 (GO-2024-2453, GO-2023-2048, GO-2023-2412, GO-2023-2153)"
                        + " only a GHSA")
                .filteredOn(s -> s.aliases().stream().anyMatch(a -> a.startsWith("CVE-")))
                .hasSize(17);
        assertThat(report.vexStatements().stream()
                        .mapToInt(s -> s.subcomponents().values().stream()
                                .mapToInt(List::size)
                                .sum())
                        .sum())
                .as("subcomponents, as MANIFEST.tsv counts them")
                .isEqualTo(21);
        assertThat(report.scanner().name()).isEqualTo("Aqua Security");
        assertThat(report.format().schemaVersion()).hasValue("0.2.0");
    }

    @Test
    void readsTheDemoWithImageProductsAndTwoSubcomponentsEachDatedByTheDocument() {
        ScanReport report = read("openvex/grype-openvex-demo2-subcomponents.json");

        String alpine = "pkg:oci/alpine@sha256%3A124c7d2707904eea7431fffe91522a01e5a861a624ee31d03372cc1d138a3126";
        assertThat(report.vexStatements()).allSatisfy(s -> {
            assertThat(s.products()).containsExactly(alpine);
            assertThat(s.subcomponentsOf(alpine))
                    .containsExactly("pkg:apk/alpine/libssl3@3.0.8-r3", "pkg:apk/alpine/libcrypto3@3.0.8-r3");
            assertThat(s.timestamp()).hasValue(Instant.parse("2023-07-18T00:28:47.696004345Z"));
        });
        assertThat(report.vexStatements().get(3).detail()).hasValue("affected functions were removed before packaging");
    }

    @Test
    void readsTheOlderShapeWithProductsThatAreNotPurls() {
        ScanReport report = read("openvex/vexctl-v0.0.1-string-products-images.vex.json");

        assertThat(report.vexStatements())
                .extracting(s -> s.products().get(0))
                .containsExactly(
                        "pkg:oci/alpine@sha256%3Af271e74b17ced29b915d351685fd4644785c6d1559dd1f2d4189a5e851ef753a",
                        "nginx",
                        "registry.k8s.io/kube-apiserver:v1.26.0",
                        "pkg:oci/kube-apiserver?repository_url=registry.k8s.io&tag=v1.26.0");
        assertThat(report.vexStatements())
                .allSatisfy(s -> assertThat(s.vulnerabilityId()).isEqualTo("CVE-1234-5678"));
        assertThat(report.scannedAt()).as("no document timestamp").isEmpty();
    }

    @Test
    void namesAVulnerabilityGivenOnlyByItsId() {
        VexStatement statement = read("openvex/trivy-integration-vuln-atid-only.openvex.json")
                .vexStatements()
                .get(0);

        assertThat(statement.vulnerabilityId()).isEqualTo("CVE-2022-23628");
        assertThat(statement.subcomponentsOf("pkg:golang/github.com/testdata/testdata"))
                .containsExactly("pkg:golang/github.com/open-policy-agent/opa@v0.35.0");
    }

    @TestFactory
    Stream<DynamicTest> claimsNoOtherFileOfTheCorpusAndReadsNoneAsOpenVex() throws Exception {
        Corpus corpus = Corpus.require();
        List<Corpus.CorpusFile> others;
        try (Stream<java.nio.file.Path> folders = Files.list(corpus.root())) {
            others = folders.filter(Files::isDirectory)
                    .map(f -> f.getFileName().toString())
                    .filter(name -> !name.equals("openvex"))
                    .sorted()
                    .flatMap(name -> corpus.files(name).stream())
                    .toList();
        }
        assertThat(others).hasSizeGreaterThan(60);
        return others.stream()
                .map(file -> dynamicTest(file.name(), () -> {
                    ReportSource source = ReportSource.of(file.path());
                    assertThat(ADAPTER.detect(source).isMatch())
                            .as("claims %s", file)
                            .isFalse();
                    assertThat(catchThrowable(() -> ADAPTER.read(source)))
                            .as("reads %s", file)
                            .isInstanceOf(ReportParseException.class);
                }));
    }
}
