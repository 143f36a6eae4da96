package dev.shelflife.ignore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.shelflife.EvidenceKind;
import dev.shelflife.IgnoreRule;
import dev.shelflife.Problem;
import dev.shelflife.ReportCounts;
import dev.shelflife.ScanReport;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.Corpus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Reads every ignore file of the shared corpus and checks it against MANIFEST.tsv and what the files say. */
class IgnoreCorpusTest {

    private static final TrivyIgnoreAdapter TRIVY = new TrivyIgnoreAdapter();
    private static final GrypeIgnoreAdapter GRYPE = new GrypeIgnoreAdapter();

    private static ScanReport read(ScannerAdapter adapter, String name) {
        return adapter.read(ReportSource.of(Corpus.require().root().resolve(name)));
    }

    @TestFactory
    Stream<DynamicTest> readsEveryIgnoreFileWithTheManifestsEntryCount() {
        Corpus corpus = Corpus.require();
        List<Corpus.CorpusFile> trivy = corpus.files("trivyignore");
        List<Corpus.CorpusFile> grype = corpus.files("grype-config");
        assertThat(trivy).hasSize(4);
        assertThat(grype).hasSize(4);
        return Stream.concat(
                        trivy.stream().map(f -> new Object[] {f, TRIVY}),
                        grype.stream().map(f -> new Object[] {f, GRYPE}))
                .map(pair -> {
                    Corpus.CorpusFile file = (Corpus.CorpusFile) pair[0];
                    ScannerAdapter adapter = (ScannerAdapter) pair[1];
                    return dynamicTest(file.name(), () -> {
                        ReportSource source = ReportSource.of(file.path());
                        ScanReport report = adapter.read(source);
                        assertThat(report.kind()).isEqualTo(EvidenceKind.ASSESSMENT);
                        assertThat(report.counts().entries())
                                .as("raw entries of %s (%s)", file, file.notes())
                                .isEqualTo(file.rawEntries());
                        assertThat(report.findings()).isEmpty();
                        if (!file.name().endsWith("ignore-reason.yaml")) {
                            assertThat(adapter.detect(source).isMatch())
                                    .as("detects %s by its name", file)
                                    .isTrue();
                        }
                    });
                });
    }

    @TestFactory
    Stream<DynamicTest> claimsNoOtherFileOfTheCorpusAndReadsNoneAsAnIgnoreFile() {
        Corpus corpus = Corpus.require();
        List<String> own = List.of("trivyignore/", "grype-config/");
        List<String> folders = List.of(
                "trivy",
                "grype",
                "snyk",
                "cyclonedx",
                "kev",
                "openvex",
                "csaf",
                "spdx",
                "trivy-operator",
                "harbor",
                "aws",
                "sarif",
                "gitlab");
        return folders.stream()
                .flatMap(folder -> corpus.files(folder).stream())
                .filter(file -> own.stream().noneMatch(file.name()::startsWith))
                .map(file -> dynamicTest(file.name(), () -> {
                    ReportSource source = ReportSource.of(file.path());
                    for (ScannerAdapter adapter : List.<ScannerAdapter>of(TRIVY, GRYPE)) {
                        assertThat(adapter.detect(source).isMatch())
                                .as("%s claims %s", adapter.id(), file)
                                .isFalse();
                    }
                    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> GRYPE.read(source));
                    assertThat(thrown)
                            .as("%s read as a Grype configuration", file)
                            .isInstanceOf(dev.shelflife.ReportParseException.class);
                }));
    }

    @Test
    void readsFiveVulnerabilitiesOfThePlainFileAndSkipsTheMisconfigurationSecretAndLicence() {
        ScanReport report = read(TRIVY, "trivyignore/trivy-head-result-testdata.trivyignore");

        assertThat(report.counts()).isEqualTo(new ReportCounts(9, 0, 0, 5, 0, 4));
        assertThat(report.ignoreRules())
                .extracting(r -> r.vulnerability().orElseThrow())
                .containsExactly("CVE-2019-0001", "CVE-2019-0002", "CVE-2019-0004", "CVE-2019-0005", "CVE-2019-0006");
        assertThat(report.ignoreRules())
                .extracting(IgnoreRule::id)
                .containsExactly(
                        "trivy-head-result-testdata.trivyignore:2",
                        "trivy-head-result-testdata.trivyignore:3",
                        "trivy-head-result-testdata.trivyignore:4",
                        "trivy-head-result-testdata.trivyignore:5",
                        "trivy-head-result-testdata.trivyignore:6");
        assertThat(report.ignoreRules())
                .extracting(IgnoreRule::expires)
                .containsExactly(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(Instant.parse("2020-01-01T00:00:00Z")),
                        Optional.of(Instant.parse("9999-01-01T00:00:00Z")),
                        Optional.of(Instant.parse("9999-01-01T00:00:00Z")));
        assertThat(report.problems())
                .filteredOn(p -> p.kind() == Problem.Kind.SKIPPED_ENTRY)
                .extracting(
                        p -> p.message().substring(0, p.message().indexOf(' ')),
                        p -> p.location().line())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ID300", 9L),
                        org.assertj.core.groups.Tuple.tuple("AVD-ID400", 11L),
                        org.assertj.core.groups.Tuple.tuple("generic-unwanted-rule", 14L),
                        org.assertj.core.groups.Tuple.tuple("GPL-3.0", 17L));
        assertThat(report.problems())
                .filteredOn(p -> p.kind() == Problem.Kind.IGNORED_VALUE)
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.message()).startsWith("field \"key2:value2\" of CVE-2019-0006 is not read");
                    assertThat(p.location().line()).isEqualTo(6);
                    assertThat(p.location().column()).isEqualTo(30);
                });
    }

    @Test
    void readsTheYamlFilesPathsPurlsAndDatesAndSkipsTheOtherLists() {
        ScanReport report = read(TRIVY, "trivyignore/trivy-head-result-testdata.trivyignore.yaml");

        assertThat(report.counts()).isEqualTo(new ReportCounts(19, 0, 0, 7, 0, 12));
        assertThat(report.ignoreRules().get(0).paths()).containsExactly("**/*-lock.json");
        assertThat(report.ignoreRules().get(0).id()).isEqualTo("trivy-head-result-testdata.trivyignore.yaml:2");
        assertThat(report.ignoreRules().get(4).expires()).hasValue(Instant.parse("2023-01-01T00:00:00Z"));
        assertThat(report.ignoreRules().get(6).packageUrls())
                .containsExactly(
                        "pkg:golang/github.com/aquasecurity/aaa@9.9.9", "pkg:golang/github.com/aquasecurity/bar");
        assertThat(report.problems()).allSatisfy(p -> assertThat(p.kind()).isEqualTo(Problem.Kind.SKIPPED_ENTRY));
        assertThat(report.problems().get(0).message()).startsWith("a misconfiguration entry (ID100)");
    }

    @Test
    void readsTheStatementAsTheReasonAndTheDateBeforeItsComment() {
        ScanReport report = read(TRIVY, "trivyignore/altinn-notifications-statement-expired_at.trivyignore.yaml");

        assertThat(report.ignoreRules()).singleElement().satisfies(rule -> {
            assertThat(rule.vulnerability()).hasValue("CVE-2026-28390");
            assertThat(rule.reason())
                    .hasValue("Not exploitable - application does not process attacker-controlled CMS data");
            assertThat(rule.expires()).hasValue(Instant.parse("2026-05-10T00:00:00Z"));
            assertThat(rule.owner()).isEmpty();
        });
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void importsTheTopLevelGrypeRulesAndRecordsEachProfilesRules() {
        ScanReport report = read(GRYPE, "grype-config/grype-cli-testdata-dir1-profiles.grype.yaml");

        assertThat(report.counts()).isEqualTo(new ReportCounts(2, 0, 0, 2, 0, 0));
        assertThat(report.ignoreRules())
                .extracting(r -> r.vulnerability().orElseThrow())
                .containsExactly("dir1-vuln1", "dir1-vuln2");
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().line())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Problem.Kind.IGNORED_VALUE, 11L),
                        org.assertj.core.groups.Tuple.tuple(Problem.Kind.IGNORED_VALUE, 12L));
        assertThat(report.problems().get(0).message()).contains("profile \"alt-ignore\"");
    }

    @Test
    void readsTheReasonAndIgnoresGrypesOtherSettingsSilently() {
        ScanReport report = read(GRYPE, "grype-config/grype-cli-testdata-ignore-reason.yaml");

        assertThat(report.ignoreRules()).singleElement().satisfies(rule -> {
            assertThat(rule.vulnerability()).hasValue("CVE-2021-42385");
            assertThat(rule.reason()).hasValue("test reason for vulnerability being ignored");
            assertThat(rule.id()).isEqualTo("grype-cli-testdata-ignore-reason.yaml:3");
        });
        assertThat(report.problems()).isEmpty();
        assertThat(GRYPE.detect(ReportSource.of(
                                Corpus.require().root().resolve("grype-config/grype-cli-testdata-ignore-reason.yaml")))
                        .isMatch())
                .as("claimed by its structure: Grype's keys and an ignore list of rules")
                .isTrue();
    }

    @Test
    void readsRulesAfterCommentsAndWithoutATrailingLineBreak() {
        assertThat(read(GRYPE, "grype-config/cyclenerd-cloud-tools-container.grype.yaml")
                        .ignoreRules())
                .extracting(r -> r.vulnerability().orElseThrow(), IgnoreRule::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "CVE-2022-3649", "cyclenerd-cloud-tools-container.grype.yaml:4"),
                        org.assertj.core.groups.Tuple.tuple(
                                "CVE-2019-19814", "cyclenerd-cloud-tools-container.grype.yaml:7"));
    }
}
