package dev.shelflife.grype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.shelflife.Artifact;
import dev.shelflife.Epss;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportCounts;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.Corpus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Reads every Grype report of the shared corpus and checks it against MANIFEST.tsv and known facts. */
class GrypeCorpusTest {

    private static final GrypeScannerAdapter ADAPTER = new GrypeScannerAdapter();

    /** Per file: the database build time and the image build time the report holds, or null where it holds none. */
    private static final Map<String, Instant[]> TIMES = Map.of(
            "grype/dd-anchore_grype_epss_problem.json", times(null, null),
            "grype/dd-check_all_fields-grype-0.28.0.json",
                    times("2021-12-24T08:14:02Z", "2021-12-24T06:54:44.2199203Z"),
            "grype/dd-fix_not_available-grype-0.75.0.json",
                    times("2024-04-10T01:25:07Z", "2024-04-10T06:23:10.65220105Z"),
            "grype/dd-many_vulns-grype-0.7.0-python3.6-large.json", times(null, "2021-01-12T18:12:42.883304735Z"),
            "grype/dd-many_vulns_with_epss_values-grype-0.94.0.json",
                    times("2025-06-19T04:12:38Z", "2021-04-08T01:19:37.766456618Z"),
            "grype/dd-no_vuln-grype-0.7.0.json", times(null, "2021-02-02T00:11:14.852092193Z"),
            "grype/dd-same_cve_different_paths.json", times(null, null),
            "grype/grype-0.61.1-chainguard-ruby.json", times("2023-05-17T01:32:43Z", "2023-01-13T00:11:26Z"),
            "grype/grype-head-presenter-empty-golden.json", times(null, null),
            "grype/grype-head-presenter-image-golden.json", times(null, null));

    private static Instant[] times(String databaseBuiltAt, String imageCreatedAt) {
        return new Instant[] {
            databaseBuiltAt == null ? null : Instant.parse(databaseBuiltAt),
            imageCreatedAt == null ? null : Instant.parse(imageCreatedAt)
        };
    }

    private static ScanReport read(String name) {
        Corpus corpus = Corpus.require();
        return ADAPTER.read(ReportSource.of(corpus.root().resolve(name)));
    }

    private static Finding finding(ScanReport report, String id, String pkg) {
        return report.findings().stream()
                .filter(f -> f.vulnerability().id().equals(id) && f.pkg().name().equals(pkg))
                .findFirst()
                .orElseThrow();
    }

    @TestFactory
    Stream<DynamicTest> readsEveryGrypeFileWithTheManifestsEntryCount() {
        List<Corpus.CorpusFile> files = Corpus.require().files("grype");
        assertThat(files).extracting(Corpus.CorpusFile::name).containsExactlyInAnyOrderElementsOf(TIMES.keySet());
        return files.stream()
                .map(file -> dynamicTest(file.name(), () -> {
                    ReportSource source = ReportSource.of(file.path());
                    assertThat(ADAPTER.detect(source).isMatch())
                            .as("detects %s", file)
                            .isTrue();
                    ScanReport report = ADAPTER.read(source);
                    assertThat(report.counts().entries())
                            .as("raw entries of %s (%s)", file, file.notes())
                            .isEqualTo(file.rawEntries());
                    assertThat(report.counts().skipped()).isZero();
                    Instant[] times = TIMES.get(file.name());
                    assertThat(report.databaseBuiltAt()).as("database built").isEqualTo(Optional.ofNullable(times[0]));
                    assertThat(report.image().createdAt()).as("image created").isEqualTo(Optional.ofNullable(times[1]));
                }));
    }

    @Test
    void countsTheSeveritiesOfTheLarge070Report() {
        ScanReport report = read("grype/dd-many_vulns-grype-0.7.0-python3.6-large.json");
        Map<Severity, Long> bySeverity =
                report.findings().stream().collect(Collectors.groupingBy(Finding::severity, Collectors.counting()));
        assertThat(bySeverity)
                .containsOnly(
                        Map.entry(Severity.NEGLIGIBLE, 681L),
                        Map.entry(Severity.MEDIUM, 613L),
                        Map.entry(Severity.LOW, 107L),
                        Map.entry(Severity.UNKNOWN, 76L),
                        Map.entry(Severity.HIGH, 32L));
        assertThat(report.problems())
                .as("\"Unknown\" is Grype's own word, not a coercion")
                .isEmpty();
        assertThat(report.findings())
                .filteredOn(f -> f.fix().state() == FixState.FIXED)
                .hasSize(1509 - 1477);
        Finding first = report.findings().get(0);
        assertThat(first.vulnerability().id()).isEqualTo("CVE-2011-3389");
        assertThat(first.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(first.pkg().name()).isEqualTo("libgnutls-openssl27");
        assertThat(first.pkg().version()).hasValue("3.6.7-4+deb10u5");
        assertThat(first.pkg().path()).hasValue("/var/lib/dpkg/status");
        assertThat(report.image().ref()).hasValue(ImageRef.parse("python:3.6"));
        assertThat(report.scanner().version()).hasValue("0.7.0");
    }

    @Test
    void collapsesTheByteIdenticalDjangoMatchOfCheckAllFields() {
        ScanReport report = read("grype/dd-check_all_fields-grype-0.28.0.json");
        assertThat(report.counts()).isEqualTo(new ReportCounts(6, 5, 1, 0));
        Finding django = finding(report, "GHSA-v6rh-hp5x-86rv", "Django");
        assertThat(django.vulnerability().aliases()).containsExactly("CVE-2021-44420");
        assertThat(django.fix()).isEqualTo(Fix.fixed("3.2.10"));
        Finding krb5 = finding(report, "CVE-2004-0971", "libgssapi-krb5-2");
        assertThat(krb5.severity()).isEqualTo(Severity.NEGLIGIBLE);
        assertThat(krb5.vulnerability().ratings())
                .contains(
                        Rating.of("debian:10", Severity.NEGLIGIBLE, null, null),
                        Rating.of("nvd", Severity.LOW, null, null));
        assertThat(krb5.pkg().sourcePackage()).as("metadata.Source of 0.2x").hasValue("krb5");
        assertThat(finding(report, "CVE-2021-32626", "redis").fix())
                .isEqualTo(new Fix(FixState.WONT_FIX, List.of("fix_1", "fix_2")));
    }

    @Test
    void keepsTheNulCharacterOfTheBinaryCatalogersVersion() {
        ScanReport report = read("grype/dd-fix_not_available-grype-0.75.0.json");
        Finding java = report.findings().get(0);
        assertThat(java.pkg().version()).hasValue("17.0.10+7\u0000-J-ms8m");
        assertThat(java.pkg().purl()).hasValue("pkg:generic/java@17.0.10%2B7\u0000-J-ms8m");
        assertThat(java.fix()).isEqualTo(Fix.of(FixState.UNKNOWN));
        assertThat(report.scannedAt()).hasValue(Instant.parse("2024-04-10T11:05:22.636338786Z"));
        assertThat(report.image().ref()).as("REDACTED is no image reference").isEmpty();
        assertThat(report.image().repoDigests()).containsExactly("REDACTED");
        assertThat(report.image().labels())
                .containsEntry("name", "REDACTED")
                .containsEntry("org.opencontainers.image.version", "20.04");
    }

    @Test
    void takesEpssFromTheRelatedCveOfAGoAdvisoryInAReportOfOnlyMatches() {
        ScanReport report = read("grype/dd-anchore_grype_epss_problem.json");
        Finding finding = report.findings().get(0);
        assertThat(finding.vulnerability().id()).isEqualTo("GHSA-4374-p667-p6c8");
        assertThat(finding.vulnerability().aliases()).containsExactly("CVE-2023-39325");
        assertThat(finding.vulnerability().epss())
                .hasValue(new Epss(0.00163, 0.37957, Optional.of(LocalDate.parse("2025-07-20"))));
        assertThat(report.artifact()).isEqualTo(Artifact.unknown());
        assertThat(report.scanner().version()).isEmpty();
        assertThat(finding.target()).isEmpty();
    }

    @Test
    void readsTheEpssOfEveryMatchOfTheDbV6Report() {
        ScanReport report = read("grype/dd-many_vulns_with_epss_values-grype-0.94.0.json");
        Function<Finding, Double> epss =
                f -> f.vulnerability().epss().map(Epss::score).orElseThrow();
        assertThat(report.findings())
                .hasSize(15)
                .allSatisfy(f -> assertThat(f.vulnerability().epss()).isPresent());
        assertThat(report.findings().get(0).vulnerability().id()).isEqualTo("CVE-2022-28391");
        assertThat(report.findings().get(0).vulnerability().epss().orElseThrow().percentile())
                .isEqualTo(0.91123);
        assertThat(epss.apply(report.findings().get(0))).isEqualTo(0.0719);
        assertThat(epss.apply(report.findings().get(1))).isEqualTo(0.00878);
        assertThat(epss.apply(finding(report, "CVE-2025-46394", "busybox"))).isEqualTo(0.00017);
        assertThat(report.findings())
                .filteredOn(f -> f.fix().state() == FixState.UNKNOWN)
                .isNotEmpty();
        assertThat(report.scannedAt()).hasValue(Instant.parse("2025-06-19T11:43:35.523947199Z"));
        assertThat(report.image().repoDigests())
                .containsExactly("busybox@sha256:ae39a6f5c07297d7ab64dbd4f82c77c874cc6a94cea29fdec309d0992574b4f7");
    }

    @Test
    void readsTheKnownExploitedAndTheZeroEpssDateOfThePresenterGolden() {
        ScanReport report = read("grype/grype-head-presenter-image-golden.json");
        Finding kev = finding(report, "CVE-1999-0002", "package-2");
        assertThat(kev.vulnerability().knownExploited()).hasValueSatisfying(listing -> {
            assertThat(listing.catalog()).isEqualTo("cisa-kev");
            assertThat(listing.ransomware()).hasValue(true);
        });
        assertThat(kev.vulnerability().epss()).hasValue(new Epss(0.08, 0.53, Optional.empty()));
        assertThat(kev.fix()).isEqualTo(Fix.of(FixState.UNKNOWN));
        assertThat(report.scanner().version()).as("[not provided]").isEmpty();
        assertThat(report.scannedAt()).as("empty timestamp").isEmpty();
        Finding fixed = finding(report, "CVE-1999-0001", "package-1");
        assertThat(fixed.fix()).isEqualTo(Fix.fixed("1.2.1", "2.1.3", "3.4.0"));
        assertThat(fixed.vulnerability().ratings())
                .as("no namespace: the CVSS entry's own source")
                .contains(Rating.of("nvd", null, 8.2, "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:H"));
    }

    @Test
    void readsTheUnknownSourceOfTheEmptyGoldenAsAnUnknownArtifact() {
        ScanReport report = read("grype/grype-head-presenter-empty-golden.json");
        assertThat(report.artifact()).isEqualTo(Artifact.unknown());
        assertThat(report.counts()).isEqualTo(new ReportCounts(0, 0, 0, 0));
    }

    @Test
    void keepsTheSameCveAtTwoPathsAsTwoFindings() {
        ScanReport report = read("grype/dd-same_cve_different_paths.json");
        assertThat(report.findings())
                .extracting(f -> f.pkg().path().orElseThrow())
                .containsExactly("/usr/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6");
    }

    @Test
    void readsTheChainguardImageWithItsUpstreamAndOffsetTimestamp() {
        ScanReport report = read("grype/grype-0.61.1-chainguard-ruby.json");
        assertThat(report.image().ref()).hasValue(ImageRef.parse("cgr.dev/chainguard/ruby:latest-3.0"));
        assertThat(report.image().platform()).hasValue("linux/arm64");
        assertThat(report.image().os()).hasValue("wolfi 20221118");
        assertThat(report.scannedAt()).hasValue(Instant.parse("2023-05-18T01:00:56.783213Z"));
        assertThat(report.findings())
                .anySatisfy(f -> assertThat(f.pkg().sourcePackage()).hasValue("ruby-3.0"));
        assertThat(report.problems()).noneMatch(p -> p.kind() == Problem.Kind.SKIPPED_ENTRY);
    }
}
