package dev.shelflife.csaf;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every CSAF document of the shared corpus and checks it against MANIFEST.tsv and the facts
 * its notes give; and checks that no other file of the corpus is claimed.
 */
class CsafCorpusTest {

    private static final CsafScannerAdapter ADAPTER = new CsafScannerAdapter();

    /** Per file: the product status entries by state, as MANIFEST.tsv counts them. */
    private static final Map<String, Map<VexStatement.State, Long>> STATES = Map.of(
            "csaf/vunnel-redhat-rhsa-2024_6163-advisory.json", Map.of(VexStatement.State.RESOLVED, 3L),
            "csaf/vunnel-redhat-rhsa-2025_23414-fixed-and-not-affected.json",
                    Map.of(VexStatement.State.RESOLVED, 52L, VexStatement.State.NOT_AFFECTED, 48L),
            "csaf/trivy-vex-testdata-bitnami-vexcli-relationships.json", Map.of(VexStatement.State.NOT_AFFECTED, 1L),
            "csaf/trivy-vex-testdata-csaf-example-company.json", Map.of(VexStatement.State.NOT_AFFECTED, 1L));

    /**
     * The product status entries MANIFEST.tsv counts in a file ({@code product_status entries=100}),
     * which its raw entries column gives after the number of vulnerabilities that
     * {@link Corpus.CorpusFile#rawEntries()} reads.
     */
    private static int productStatusEntries(Corpus.CorpusFile file) throws IOException {
        Pattern count = Pattern.compile("product_status entries=(\\d+)");
        for (String line : Files.readAllLines(Corpus.require().root().resolve("MANIFEST.tsv"))) {
            String[] columns = line.split("\t", -1);
            if (columns[0].equals(file.name())) {
                Matcher matcher = count.matcher(columns[5]);
                assertThat(matcher.find())
                        .as("a product status count for %s in %s", file, columns[5])
                        .isTrue();
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("no line for " + file + " in MANIFEST.tsv");
    }

    private static ScanReport read(String name) {
        return ADAPTER.read(ReportSource.of(Corpus.require().root().resolve(name)));
    }

    @TestFactory
    Stream<DynamicTest> readsEveryCsafFileWithTheManifestsProductStatusCount() {
        List<Corpus.CorpusFile> files = Corpus.require().files("csaf");
        assertThat(files).extracting(Corpus.CorpusFile::name).containsExactlyInAnyOrderElementsOf(STATES.keySet());
        return files.stream()
                .map(file -> dynamicTest(file.name(), () -> {
                    ReportSource source = ReportSource.of(file.path());
                    assertThat(ADAPTER.detect(source).isMatch())
                            .as("detects %s", file)
                            .isTrue();
                    ScanReport report = ADAPTER.read(source);
                    int entries = productStatusEntries(file);
                    assertThat(report.kind()).isEqualTo(EvidenceKind.ASSESSMENT);
                    assertThat(report.counts())
                            .as("%s (%s)", file, file.notes())
                            .isEqualTo(new ReportCounts(entries, 0, entries, 0, 0, 0));
                    assertThat(report.problems()).as("%s", file).isEmpty();
                    assertThat(report.vexStatements().stream()
                                    .collect(Collectors.groupingBy(VexStatement::state, Collectors.counting())))
                            .isEqualTo(STATES.get(file.name()));
                    assertThat(report.format().schemaVersion()).hasValue("2.0");
                    assertThat(report.vexStatements())
                            .allSatisfy(s -> assertThat(s.timestamp())
                                    .isEqualTo(report.scannedAt())
                                    .isPresent());
                }));
    }

    @Test
    void readsRedHatsAdvisoryAsFixedSourcePackagesOfThreePlatforms() {
        ScanReport report = read("csaf/vunnel-redhat-rhsa-2024_6163-advisory.json");

        assertThat(report.scanner().name()).isEqualTo("Red Hat Product Security");
        assertThat(report.vexStatements())
                .extracting(s -> s.products().get(0))
                .containsExactly(
                        "cpe:/a:redhat:enterprise_linux:9::appstream",
                        "cpe:/o:redhat:enterprise_linux:9::baseos",
                        "cpe:/a:redhat:enterprise_linux:9::crb");
        assertThat(report.vexStatements()).allSatisfy(s -> {
            assertThat(s.vulnerabilityId()).isEqualTo("CVE-2024-8088");
            assertThat(s.aliases()).containsExactly("2307370");
            assertThat(s.subcomponentsOf(s.products().get(0)))
                    .containsExactly("pkg:rpm/redhat/python3.9@3.9.18-3.el9_4.5?arch=src");
            assertThat(s.responses()).containsExactly("update", "workaround_available");
        });
    }

    @Test
    void readsRedHatsFixedAndNotAffectedPackagesWithTheFlagsAsTheJustification() {
        ScanReport report = read("csaf/vunnel-redhat-rhsa-2025_23414-fixed-and-not-affected.json");

        List<VexStatement> notAffected = report.vexStatements().stream()
                .filter(s -> s.state() == VexStatement.State.NOT_AFFECTED)
                .toList();
        assertThat(notAffected).allSatisfy(s -> assertThat(s.justification()).hasValue("vulnerable_code_not_present"));
        assertThat(report.vexStatements())
                .extracting(VexStatement::vulnerabilityId)
                .containsOnly("CVE-2021-25220", "CVE-2025-40778");
        assertThat(report.vexStatements())
                .flatExtracting(s -> s.subcomponents().values().stream()
                        .flatMap(List::stream)
                        .toList())
                .as("every product is a package of a platform, named by its purl with its epoch and arch")
                .hasSize(100)
                .allSatisfy(purl ->
                        assertThat(purl).startsWith("pkg:rpm/redhat/bind").contains("epoch=32"));
        assertThat(report.vexStatements())
                .extracting(s -> s.products().get(0))
                .containsOnly("cpe:/o:redhat:rhel_els:6");
        assertThat(report.scannedAt()).isPresent();
    }

    @Test
    void readsTheBitnamiRelationshipAsAModuleWithItsTransitiveDependency() {
        VexStatement statement = read("csaf/trivy-vex-testdata-bitnami-vexcli-relationships.json")
                .vexStatements()
                .get(0);

        assertThat(statement.products()).containsExactly("pkg:golang/github.com/aquasecurity/go-direct1@v2.0.0");
        assertThat(statement.subcomponentsOf("pkg:golang/github.com/aquasecurity/go-direct1@v2.0.0"))
                .containsExactly("pkg:golang/github.com/aquasecurity/go-transitive@v4.0.0");
        assertThat(statement.justification()).hasValue("vulnerable_code_cannot_be_controlled_by_adversary");
        assertThat(statement.detail()).hasValue("vulnerable_code_not_in_execute_path");
        assertThat(statement.timestamp()).hasValue(Instant.parse("2024-01-04T16:17:25Z"));
    }

    @Test
    void readsTheSpecStyleExampleWithItsImpactStatementAsTheDetail() {
        ScanReport report = read("csaf/trivy-vex-testdata-csaf-example-company.json");

        assertThat(report.scanner().name()).isEqualTo("Example Company ProductCERT");
        VexStatement statement = report.vexStatements().get(0);
        assertThat(statement.products()).containsExactly("pkg:golang/github.com/aquasecurity/go-transitive@v4.0.0");
        assertThat(statement.subcomponents()).isEmpty();
        assertThat(statement.justification()).isEmpty();
        assertThat(statement.detail()).hasValue("vulnerable_code_not_in_execute_path");
    }

    @TestFactory
    Stream<DynamicTest> claimsNoOtherFileOfTheCorpusAndReadsNoneAsCsaf() throws Exception {
        Corpus corpus = Corpus.require();
        List<Corpus.CorpusFile> others;
        try (Stream<Path> folders = Files.list(corpus.root())) {
            others = folders.filter(Files::isDirectory)
                    .map(f -> f.getFileName().toString())
                    .filter(name -> !name.equals("csaf"))
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
