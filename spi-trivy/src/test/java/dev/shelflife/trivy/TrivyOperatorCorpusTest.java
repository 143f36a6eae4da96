package dev.shelflife.trivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.testkit.Corpus.CorpusFile;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Reads every Trivy Operator file of the shared corpus; skipped, visibly, where the corpus is absent. */
class TrivyOperatorCorpusTest {

    private static final TrivyOperatorScannerAdapter ADAPTER = new TrivyOperatorScannerAdapter();

    private static ScanReport read(String name) {
        CorpusFile file = Corpus.require().files("trivy-operator").stream()
                .filter(f -> f.name().equals("trivy-operator/" + name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no trivy-operator/" + name + " in MANIFEST.tsv"));
        return ADAPTER.read(ReportSource.of(file.path()));
    }

    @TestFactory
    Stream<DynamicTest> detectsEveryFileAndAccountsForEveryRawEntry() {
        List<CorpusFile> files = Corpus.require().files("trivy-operator");
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    ReportSource source = ReportSource.of(file.path());
                    assertThat(ADAPTER.detect(source).isMatch())
                            .as("detects %s", file)
                            .isTrue();
                    ScanReport report = ADAPTER.read(source);
                    assertThat(report.counts().entries())
                            .as("raw entries of %s (%s)", file, file.notes())
                            .isEqualTo(file.rawEntries());
                    assertThat(report.counts().findings()).isEqualTo(file.rawEntries());
                    assertThat(report.format().adapterId()).isEqualTo("trivy-operator");
                    assertThat(report.isScan()).isTrue();
                }));
    }

    @TestFactory
    Stream<DynamicTest> neitherClaimsAFileOfAnotherFolderNorIsClaimedByTrivy() {
        Corpus corpus = Corpus.require();
        TrivyScannerAdapter trivy = new TrivyScannerAdapter();
        return Stream.concat(
                foreignFiles(corpus)
                        .map(file -> DynamicTest.dynamicTest(
                                file.name(),
                                () -> assertThat(ADAPTER.detect(ReportSource.of(file.path()))
                                                .isMatch())
                                        .as("claims %s", file)
                                        .isFalse())),
                corpus.files("trivy-operator").stream()
                        .map(file -> DynamicTest.dynamicTest(
                                "trivy on " + file.name(),
                                () -> assertThat(trivy.detect(ReportSource.of(file.path()))
                                                .isMatch())
                                        .as("trivy claims %s", file)
                                        .isFalse())));
    }

    private static Stream<CorpusFile> foreignFiles(Corpus corpus) {
        return Stream.of(
                        "trivy",
                        "grype",
                        "snyk",
                        "cyclonedx",
                        "harbor",
                        "gitlab",
                        "openvex",
                        "csaf",
                        "spdx",
                        "trivyignore",
                        "grype-config",
                        "aws",
                        "sarif")
                .flatMap(folder -> corpus.files(folder).stream());
    }

    @Test
    void readsTheManyFileWithItsImageAndEveryEntryAsTrivysEntry() {
        ScanReport report = read("dd-vulnerabilityreport_many-trivy-0.38.2.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy-operator", "trivy-operator-json", "v1alpha1"));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", "0.38.2"));
        assertThat(report.scannedAt()).hasValue(Instant.parse("2023-03-23T16:23:01Z"));
        assertThat(report.image().ref()).hasValue(ImageRef.parse("docker.io/library/nginx:alpine"));
        assertThat(report.artifact())
                .isEqualTo(new Artifact("docker.io/library/nginx:alpine", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.findings().get(0)).satisfies(curl -> {
            assertThat(curl.toString()).isEqualTo("CVE-2023-23914 CRITICAL in curl 7.87.0-r1 (FIXED)");
            assertThat(curl.fix()).isEqualTo(Fix.fixed("7.87.0-r2"));
            assertThat(curl.vulnerability().ratings()).containsExactly(Rating.of("trivy-operator", null, 4.2, null));
            assertThat(curl.target()).isEqualTo("default/ReplicaSet/nginx-deployment-965685897 (container nginx)");
        });
        assertThat(report.findings())
                .filteredOn(f -> f.severity() == Severity.MEDIUM)
                .hasSize(25);
        assertThat(report.problems())
                .as("its summary agrees with what it lists")
                .isEmpty();
    }

    @Test
    void readsTheNewerFieldsOfTheExtendedFile() {
        ScanReport report = read("dd-vulnerabilityreport_extended-trivy-0.48.3.json");

        assertThat(report.image().manifestDigest())
                .hasValue("sha256:f78909c2b360d866b3220655c0b079838258b8891a12ac25fc670f0cbb54229f");
        assertThat(report.image().ref().orElseThrow().tag()).hasValue("20.04");
        assertThat(report.image().os()).hasValue("ubuntu 20.04");
        Finding gnutls = report.findings().get(0);
        assertThat(gnutls.toString()).isEqualTo("CVE-2024-0553 MEDIUM in libgnutls30 3.6.13-2ubuntu1.9 (FIXED)");
        assertThat(gnutls.pkg().type()).hasValue("ubuntu");
        assertThat(gnutls.target()).isEqualTo("lbc/Pod/ubuntu (container ubuntu): ubuntu:20.04 (ubuntu 20.04)");
        assertThat(gnutls.vulnerability().published()).hasValue(Instant.parse("2024-01-16T12:15:45Z"));
        assertThat(report.findings().get(1).vulnerability().published())
                .as("publishedDate \"\"")
                .isEmpty();
        assertThat(report.findings())
                .extracting(f -> f.vulnerability().id())
                .containsExactly(
                        "CVE-2024-0553", "CVE-2024-22365", "CVE-2024-22365", "CVE-2024-22365", "CVE-2024-22365");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void takesTheVulnerabilityReportOfAMixedArrayAndSaysItLeftTheConfigAuditReport() {
        ScanReport report = read("dd-findings_in_list-array-mixed-kinds.json");

        assertThat(report.counts().entries()).as("the 13 checks are no entries").isEqualTo(5);
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", "0.48.3"));
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(problem.message()).startsWith("a ConfigAuditReport (replicaset-nginx-deployment-965685897)");
            assertThat(problem.location().path()).isEqualTo("/0");
        });
        assertThat(report.findings())
                .as("the same VulnerabilityReport as the extended file's")
                .isEqualTo(read("dd-vulnerabilityreport_extended-trivy-0.48.3.json")
                        .findings());
    }

    @Test
    void readsTheYamlFixtureCountingTheOneEntryListedNotTheTwentySevenOfItsSummary() {
        ScanReport report = read("trivy-operator-envtest-vulnerability-ttl.yaml");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy-operator", "trivy-operator-yaml", "v1alpha1"));
        assertThat(report.counts().entries()).isEqualTo(1);
        assertThat(report.findings())
                .extracting(
                        Finding::toString,
                        Finding::target,
                        f -> f.vulnerability().title().orElseThrow())
                .containsExactly(tuple(
                        "CVE-2021-3121 HIGH in github.com/gogo/protobuf v1.3.1 (FIXED)",
                        "kube-system/ReplicaSet/coredns-558bd4d5db (container coredns)",
                        "gogo/protobuf: plugin/unmarshal/unmarshal.go lacks certain index validation"));
        assertThat(report.image().ref()).hasValue(ImageRef.parse("k8s.gcr.io/coredns/coredns:v1.8.0"));
        assertThat(report.scannedAt()).hasValue(Instant.parse("2022-12-08T15:50:37Z"));
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING_VALUE);
            assertThat(problem.message())
                    .isEqualTo("the summary counts 27 vulnerabilities (12 high, 6 medium, 9 unknown) but the report"
                            + " lists 1 (1 high): counted as listed, the others are missing from the report");
            assertThat(problem.location().line()).as("its first count").isEqualTo(38);
            assertThat(problem.location().path()).isEqualTo("/report/summary");
        });
    }
}
