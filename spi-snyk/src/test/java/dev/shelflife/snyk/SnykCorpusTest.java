package dev.shelflife.snyk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shelflife.Artifact;
import dev.shelflife.Epss;
import dev.shelflife.Finding;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerAdapters;
import dev.shelflife.Severity;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every Snyk file of the shared corpus and checks it against {@code MANIFEST.tsv}. For Snyk
 * files the manifest's raw entry count reads {@code N (+applications=M; …)}: N entries in the
 * top-level {@code vulnerabilities} arrays and M in the nested applications', which the report
 * must both account for.
 */
class SnykCorpusTest {

    private static final Pattern APPLICATIONS = Pattern.compile("\\+applications=(\\d+)");
    private static final String CONTAINER_PREFIX = "docker-image|";

    /** What the corpus files show beyond their counts. */
    private static final Map<String, Consumer<ScanReport>> FACTS = Map.of(
            "snyk/dd-all-projects_no_vulns.json",
                    report -> {
                        assertThat(report.findings()).isEmpty();
                        assertThat(report.artifact())
                                .isEqualTo(new Artifact("C:\\workspace", Artifact.Type.FILESYSTEM));
                    },
            "snyk/dd-single_project_None_cvss.json",
                    report -> {
                        Finding finding = report.findings().get(0);
                        assertThat(finding.vulnerability().id()).isEqualTo("SNYK-SLES153-PERMISSIONS-2648113");
                        assertThat(finding.severity()).isEqualTo(Severity.LOW);
                        assertThat(finding.vulnerability().ratings())
                                .allMatch(r -> r.score().isEmpty());
                        assertThat(finding.pkg().purl())
                                .hasValue("pkg:rpm/sles/permissions@20181225-23.6.1?distro=sles-15.3");
                        assertThat(report.problems())
                                .singleElement()
                                .satisfies(p -> assertThat(p.message()).contains("UNTRACKED_NEW_OS"));
                    },
            "snyk/dd-single_project_upgrade_libs-large.json",
                    report -> {
                        assertThat(report.findings())
                                .allMatch(f -> f.target().equals("package-lock.json"))
                                .allMatch(f -> f.pkg().purl().orElseThrow().startsWith("pkg:npm/"));
                        assertThat(report.findings().stream()
                                        .map(f -> f.vulnerability().id())
                                        .distinct())
                                .as("uniqueCount")
                                .hasSize(43);
                    },
            "snyk/dd-snykcontainer_issue_epss.json",
                    report -> assertThat(report.findings())
                            .filteredOn(f -> f.vulnerability().id().equals("SNYK-DEBIAN11-GCC10-5901313"))
                            .singleElement()
                            .satisfies(f -> assertThat(f.vulnerability().epss())
                                    .hasValue(new Epss(0.00046, 0.14414, Optional.empty()))),
            "snyk/snyk-cli-container-app-vulns-nongrouped.json",
                    report -> assertThat(report.image().baseImage())
                            .hasValueSatisfying(base -> assertThat(base.scannerAdvice())
                                    .hasValue("outdated: Snyk recommends alpine:3.14 (minor upgrades)")),
            "snyk/snyk-cli-container-sarif.json",
                    report -> assertThat(report.findings()).singleElement().satisfies(f -> {
                        assertThat(f.vulnerability().aliases()).containsExactly("CVE-2016-3189");
                        assertThat(f.severity()).isEqualTo(Severity.LOW);
                    }));

    @TestFactory
    Stream<DynamicTest> readsEverySnykFileWithTheManifestsCounts() throws IOException {
        Corpus corpus = Corpus.require();
        Map<String, String> rawColumn = rawEntriesColumn(corpus);
        List<Corpus.CorpusFile> files = corpus.files("snyk");
        assertThat(files).extracting(Corpus.CorpusFile::name).containsAll(FACTS.keySet());
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    ReportSource source = ReportSource.of(file.path());
                    ScannerAdapters.Detected detected = ScannerAdapters.load().detect(source);
                    boolean sarif = rawColumn.get(file.name()).contains("sarif");
                    assertThat(detected.adapter().id())
                            .isEqualTo(sarif ? SnykSarifScannerAdapter.ID : SnykScannerAdapter.ID);

                    ScanReport report = detected.adapter().read(source);

                    int topLevel = file.rawEntries();
                    int applications = applications(rawColumn.get(file.name()));
                    assertThat(report.counts().entries())
                            .as("top-level %d + applications %d", topLevel, applications)
                            .isEqualTo(topLevel + applications);
                    // A container's own findings carry its project name as target; its applications', their target
                    // files.
                    boolean container = !sarif && report.artifact().type() == Artifact.Type.CONTAINER_IMAGE;
                    List<Finding> fromApplications = report.findings().stream()
                            .filter(f -> container && !f.target().startsWith(CONTAINER_PREFIX))
                            .toList();
                    assertThat(fromApplications)
                            .as("distinct findings of nested applications")
                            .hasSizeLessThanOrEqualTo(applications);
                    assertThat(fromApplications.isEmpty())
                            .as("nested applications kept")
                            .isEqualTo(applications == 0);
                    assertThat(report.findings().size() - fromApplications.size())
                            .isLessThanOrEqualTo(topLevel);
                    FACTS.getOrDefault(file.name(), r -> {}).accept(report);
                }));
    }

    @TestFactory
    Stream<DynamicTest> streamsEverySnykJsonFileAsItReadsIt() {
        SnykScannerAdapter adapter = new SnykScannerAdapter();
        return Corpus.require().files("snyk").stream()
                .filter(file -> adapter.detect(ReportSource.of(file.path())).isMatch())
                .map(file -> DynamicTest.dynamicTest(file.name(), () -> {
                    ReportSource source = ReportSource.of(file.path());
                    ScanReport report = adapter.read(source);
                    List<Finding> streamed = new ArrayList<>();

                    ReportSummary summary = adapter.stream(source, streamed::add);

                    assertThat(new LinkedHashSet<>(streamed)).containsExactlyElementsOf(report.findings());
                    assertThat(summary.counts().entries())
                            .isEqualTo(report.counts().entries());
                    assertThat(summary)
                            .usingRecursiveComparison()
                            .ignoringFields("counts")
                            .isEqualTo(report.summary());
                }));
    }

    private static int applications(String raw) {
        Matcher matcher = APPLICATIONS.matcher(raw);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    /** The manifest's raw_vuln_entries column by file, which {@link Corpus} reads only the leading number of. */
    private static Map<String, String> rawEntriesColumn(Corpus corpus) throws IOException {
        List<String> lines = Files.readAllLines(corpus.root().resolve("MANIFEST.tsv"));
        List<String> header = List.of(lines.get(0).split("\t", -1));
        int column = header.indexOf("raw_vuln_entries");
        Map<String, String> raw = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] columns = line.split("\t", -1);
            if (columns.length > column) {
                raw.put(columns[0], columns[column]);
            }
        }
        return raw;
    }
}
