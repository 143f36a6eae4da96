package dev.shelflife.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.EvidenceKind;
import dev.shelflife.FixState;
import dev.shelflife.Problem;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.VexStatement;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import dev.shelflife.testkit.Corpus.CorpusFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every CycloneDX file of the shared corpus and checks it against {@code MANIFEST.tsv}:
 * raw entries, spec version and, where the manifest counts them, components.
 */
class CycloneDxCorpusTest {

    private static final Pattern SPEC =
            Pattern.compile("spec (\\d+\\.\\d+)|xmlns=http://cyclonedx\\.org/schema/bom/(\\d+\\.\\d+)");
    private static final Pattern COMPONENTS = Pattern.compile("components=(\\d+)");

    private final CycloneDxScannerAdapter adapter = new CycloneDxScannerAdapter();

    @TestFactory
    Stream<DynamicTest> readsEveryCorpusFileWithTheCountsOfTheManifest() {
        Corpus corpus = Corpus.require();
        Map<String, String> entryColumn = entryColumn(corpus);
        List<CorpusFile> files = corpus.files("cyclonedx");
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    String column = entryColumn.get(file.name());
                    ReportSource source = ReportSource.of(file.path());

                    assertThat(adapter.detect(source).isMatch())
                            .as("detects %s", file)
                            .isTrue();
                    ScanReport report = adapter.read(source);

                    assertThat(report.counts().entries())
                            .as("raw entries of %s", file)
                            .isEqualTo(file.rawEntries());
                    Matcher spec = SPEC.matcher(column);
                    assertThat(spec.find())
                            .as("the manifest names the spec of %s: %s", file, column)
                            .isTrue();
                    String version = spec.group(1) != null ? spec.group(1) : spec.group(2);
                    assertThat(report.format().schemaVersion())
                            .as("spec of %s", file)
                            .contains(version);
                    assertThat(report.format().name())
                            .isEqualTo(file.name().endsWith(".xml") ? "cyclonedx-xml" : "cyclonedx-json");
                    Matcher components = COMPONENTS.matcher(column);
                    if (components.find()) {
                        assertThat(report.components())
                                .as("components of %s", file)
                                .hasSize(Integer.parseInt(components.group(1)));
                    }
                }));
    }

    @Test
    void sortsEveryCorpusDocumentIntoScanInventoryOrAssessmentByWhatItsVulnerabilitiesHold() {
        Map<String, EvidenceKind> kinds = new TreeMap<>();
        for (CorpusFile file : Corpus.require().files("cyclonedx")) {
            kinds.put(file.name(), adapter.read(ReportSource.of(file.path())).kind());
        }

        assertThat(kinds)
                .containsAllEntriesOf(Map.of(
                        // SBOMs: no vulnerability at all, or Trivy's empty array in an SBOM made without a scan
                        "cyclonedx/bom-examples-juice-shop-cdx1.4-large.xml", EvidenceKind.INVENTORY,
                        "cyclonedx/syft-v0.105-cdx1.5-image.xml", EvidenceKind.INVENTORY,
                        "cyclonedx/trivy-v0.44-fluentd-cdx1.5-image-sbom.json", EvidenceKind.INVENTORY,
                        // VEX: every vulnerability analysed, some analysis decides
                        "cyclonedx/bom-examples-cisa-case3-vex-mixed-states.json", EvidenceKind.ASSESSMENT,
                        "cyclonedx/trivy-vex-testdata-cdx1.5.json", EvidenceKind.ASSESSMENT,
                        "cyclonedx/dd-valid-vulnerability-1.4-vex.json", EvidenceKind.ASSESSMENT,
                        // scans: vulnerabilities without analysis, or Grype 0.41 marking each in_triage
                        "cyclonedx/dd-log4j-grype-0.41.0-cdx1.4.json", EvidenceKind.SCAN,
                        "cyclonedx/grype-v0.95-cdx1.6-image.json", EvidenceKind.SCAN,
                        "cyclonedx/trivy-v0.68-fluentd-short-cdx1.6-vulns.json", EvidenceKind.SCAN,
                        "cyclonedx/dd-dd_1_15_0-grype-0.11.0-cdx1.2-vulnext.xml", EvidenceKind.SCAN));
        assertThat(kinds).doesNotContainValue(null);
    }

    @Test
    void readsEveryStateOfTheCisaVexExample() {
        ScanReport report = read("cyclonedx/bom-examples-cisa-case3-vex-mixed-states.json");

        Map<VexStatement.State, Long> states = report.vexStatements().stream()
                .collect(Collectors.groupingBy(VexStatement::state, Collectors.counting()));
        assertThat(states)
                .containsOnly(
                        Map.entry(VexStatement.State.NOT_AFFECTED, 6L),
                        Map.entry(VexStatement.State.IN_TRIAGE, 5L),
                        Map.entry(VexStatement.State.EXPLOITABLE, 5L),
                        Map.entry(VexStatement.State.RESOLVED, 3L));
        assertThat(report.vexStatements())
                .allSatisfy(s -> assertThat(s.products()).containsExactly("product-GHI"));
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.pkg().name()).isEqualTo("GHI"));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsTrivysVexTestDataAsNotAffectedStatementsOnPurls() {
        ScanReport report = read("cyclonedx/trivy-vex-testdata-cdx1.5.json");

        assertThat(report.vexStatements())
                .extracting(
                        VexStatement::vulnerabilityId,
                        VexStatement::products,
                        s -> s.justification().orElse(null))
                .containsExactly(
                        tuple(
                                "CVE-2021-44228",
                                List.of("pkg:maven/org.springframework.boot/spring-boot@2.6.0"),
                                "code_not_reachable"),
                        tuple(
                                "CVE-2022-27943",
                                List.of(
                                        "pkg:deb/ubuntu/libstdc%2B%2B6@12.3.0-1ubuntu1~22.04?arch=amd64&distro=ubuntu-22.04"),
                                null));
        assertThat(report.vexStatements()).allMatch(s -> s.state() == VexStatement.State.NOT_AFFECTED);
        assertThat(report.findings())
                .extracting(f -> f.pkg().name(), f -> f.pkg().version().orElse(null))
                .containsExactly(
                        tuple("org.springframework.boot:spring-boot", "2.6.0"),
                        tuple("libstdc++6", "12.3.0-1ubuntu1~22.04"));
        assertThat(report.problems()).hasSize(2).allMatch(p -> p.kind() == Problem.Kind.IGNORED_VALUE);
    }

    @Test
    void takesGrypesSeverityOnlyRatingOverItsCvssRatings() {
        ScanReport report = read("cyclonedx/dd-log4j-grype-0.41.0-cdx1.4.json");

        assertThat(report.findings()).first().satisfies(log4shell -> {
            assertThat(log4shell.vulnerability().id()).isEqualTo("CVE-2021-44228");
            assertThat(log4shell.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(log4shell.vulnerability().ratings())
                    .extracting(r -> r.vector().orElse(null))
                    .contains("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
            assertThat(log4shell.pkg().purl()).contains("pkg:maven/org.apache.logging.log4j/log4j-core@2.13.2");
            assertThat(log4shell.fix().state()).isEqualTo(FixState.UNDER_INVESTIGATION);
        });
        assertThat(report.vexStatements()).hasSize(8).allMatch(s -> s.state() == VexStatement.State.IN_TRIAGE);
    }

    @Test
    void readsTheSnykVexExampleInBothEncodingsAlike() {
        ScanReport json = read("cyclonedx/dd-valid-vulnerability-1.4-vex.json");
        ScanReport xml = read("cyclonedx/dd-valid-vulnerability-1.4-vex.xml");

        assertThat(xml.findings()).isEqualTo(json.findings());
        assertThat(xml.vexStatements()).isEqualTo(json.vexStatements());
        assertThat(json.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.vulnerability().id()).isEqualTo("SNYK-JAVA-COMFASTERXMLJACKSONCORE-32111");
            assertThat(finding.vulnerability().aliases()).containsExactly("CVE-2018-7489");
            assertThat(finding.vulnerability().cwes()).containsExactly("CWE-184", "CWE-502");
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.fix().state()).isEqualTo(FixState.NOT_AFFECTED);
        });
    }

    @Test
    void readsGrypesSpec12VulnerabilityExtension() {
        ScanReport report = read("cyclonedx/dd-dd_1_15_0-grype-0.11.0-cdx1.2-vulnext.xml");

        Map<Severity, Long> severities =
                report.findings().stream().collect(Collectors.groupingBy(f -> f.severity(), Collectors.counting()));
        assertThat(severities)
                .containsOnly(
                        Map.entry(Severity.CRITICAL, 4L),
                        Map.entry(Severity.HIGH, 28L),
                        Map.entry(Severity.MEDIUM, 175L),
                        Map.entry(Severity.LOW, 141L),
                        Map.entry(Severity.UNKNOWN, 33L));
        assertThat(report.findings().get(0)).satisfies(apt -> {
            assertThat(apt.pkg().name()).isEqualTo("apt");
            assertThat(apt.pkg().version()).contains("1.8.2.1");
            assertThat(apt.severity()).isEqualTo(Severity.LOW);
        });
        assertThat(report.image().manifestDigest())
                .contains("sha256:b914ffbdf28309f2f5fc46caf1a78bbd90f1e2786dd0f01b69c8b00a07a9d078");
        assertThat(report.counts().duplicates()).isZero();
    }

    @Test
    void recordsGrypesDanglingRefsAndKeepsTheirFindings() {
        ScanReport report = read("cyclonedx/grype-v0.55-cdx1.4-image.xml");

        assertThat(report.findings())
                .extracting(f -> f.vulnerability().id(), f -> f.pkg().name())
                .containsExactly(
                        tuple("CVE-1999-0001", "51d86ac6-b069-4766-9a53-761d9f211c67"),
                        tuple("CVE-1999-0002", "cc724e1f-8bb6-4e14-be16-97ff7ae4d1e9"));
        assertThat(report.problems()).hasSize(2).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(p.message()).contains("matches no bom-ref");
        });
    }

    @Test
    void readsTheImageEachScannerDescribes() {
        ScanReport trivy = read("cyclonedx/trivy-v0.44-fluentd-cdx1.5-image-sbom.json");
        ScanReport grype = read("cyclonedx/grype-v0.95-cdx1.6-image.json");
        ScanReport syft = read("cyclonedx/syft-v0.105-cdx1.5-image.xml");

        assertThat(trivy.image().configDigest())
                .contains("sha256:5a992077baba51b97f27591a10d54d2f2723dc9c81a3fe419e261023f2554933");
        assertThat(trivy.image().ref()).as("an archive path is no reference").isEmpty();
        assertThat(trivy.image().os()).contains("debian 10.2");
        assertThat(trivy.scanner().name()).isEqualTo("trivy");
        assertThat(grype.image().manifestDigest())
                .contains("sha256:ca738abb87a8d58f112d3400ebb079b61ceae7dc290beb34bda735be4b1941d5");
        assertThat(grype.scanner().name()).isEqualTo("grype");
        assertThat(syft.image().manifestDigest())
                .as("sha256:redacted is no digest")
                .isEmpty();
        assertThat(syft.scannedAt()).isEmpty();
        assertThat(syft.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("\"redacted\" is not a date"));
    }

    @Test
    void readsTrivysRatingsPerVendorWithTheDataSourcesSeverity() {
        ScanReport report = read("cyclonedx/trivy-v0.68-fluentd-short-cdx1.6-vulns.json");

        assertThat(report.findings())
                .extracting(
                        f -> f.vulnerability().id(),
                        f -> f.severity(),
                        f -> f.vulnerability().severitySource().orElse(null))
                .containsExactly(
                        tuple("CVE-2019-18224", Severity.CRITICAL, "nvd"),
                        tuple("CVE-2019-18276", Severity.LOW, "debian"),
                        tuple("CVE-2020-8165", Severity.HIGH, "ghsa"));
        assertThat(report.findings().get(1).pkg().sourcePackage()).contains("bash");
        assertThat(report.findings().get(1).vulnerability().ratings()).hasSize(8);
    }

    private ScanReport read(String name) {
        Corpus corpus = Corpus.require();
        return adapter.read(ReportSource.of(corpus.root().resolve(name)));
    }

    /** The manifest's {@code raw_vuln_entries} column as written, by file. */
    private static Map<String, String> entryColumn(Corpus corpus) {
        try (Stream<String> lines = Files.lines(corpus.root().resolve("MANIFEST.tsv"))) {
            Map<String, String> columns = new HashMap<>();
            lines.skip(1)
                    .map(line -> line.split("\t", -1))
                    .filter(c -> c.length > 5)
                    .forEach(c -> columns.put(c[0], c[5]));
            return columns;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
