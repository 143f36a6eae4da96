package dev.shelflife.trivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
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
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Reads every Trivy report of the shared corpus; skipped, visibly, where the corpus is absent. */
class TrivyCorpusTest {

    private static final TrivyScannerAdapter ADAPTER = new TrivyScannerAdapter();

    private static ScanReport read(String name) {
        CorpusFile file = Corpus.require().files("trivy").stream()
                .filter(f -> f.name().equals("trivy/" + name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no trivy/" + name + " in MANIFEST.tsv"));
        return ADAPTER.read(ReportSource.of(file.path()));
    }

    @TestFactory
    Stream<DynamicTest> detectsEveryFileAndAccountsForEveryRawEntry() {
        List<CorpusFile> files = Corpus.require().files("trivy");
        assertThat(files).hasSizeGreaterThanOrEqualTo(17);
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
                    assertThat(report.counts().skipped())
                            .as("skipped entries of %s: %s", file, report.problems())
                            .isZero();
                    assertThat(report.format().adapterId()).isEqualTo("trivy");
                }));
    }

    @Test
    void readsTheFirstSchema2GoldenWithItsImageAndEpochVersions() {
        ScanReport report = read("trivy-v0.20-schema2-centos-7-large.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy", "trivy-json", "2"));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", null));
        assertThat(report.scannedAt()).as("v0.20 wrote no CreatedAt").isEmpty();
        assertThat(report.counts().entries()).isEqualTo(711);
        assertThat(report.findings())
                .filteredOn(f -> f.fix().state() == FixState.NOT_FIXED)
                .hasSize(611);
        assertThat(report.findings()).flatExtracting(f -> f.fix().versions()).contains("1:1.0.2k-19.el7");
        assertThat(report.findings()).extracting(f -> f.vulnerability().id()).containsOnlyOnce("CVE-2015-5186");
        assertThat(report.findings().stream().map(f -> f.vulnerability().id()).distinct())
                .hasSize(448);
        Image image = report.image();
        assertThat(image.ref()).as("the artifact is an archive").isEmpty();
        assertThat(image.configDigest()).hasValueSatisfying(d -> assertThat(d).startsWith("sha256:"));
        assertThat(image.createdAt()).hasValue(Instant.parse("2019-03-14T21:19:53.361167852Z"));
        assertThat(image.os()).hasValue("centos 7.6.1810");
        assertThat(image.platform()).hasValue("linux/amd64");
        assertThat(image.labels()).containsEntry("org.label-schema.name", "CentOS Base Image");
    }

    @Test
    void readsTheLastLegacyGoldenLikeTheFirstSchema2One() {
        ScanReport legacy = read("trivy-v0.19-legacy-array-centos-7-large.json");
        ScanReport schema2 = read("trivy-v0.20-schema2-centos-7-large.json");

        assertThat(legacy.format().name()).isEqualTo("trivy-legacy-array");
        assertThat(legacy.counts()).isEqualTo(schema2.counts());
        assertThat(legacy.findings().get(0).vulnerability().ratings())
                .extracting(Rating::source, Rating::score)
                .contains(tuple("nvd", Optional.of(5.3)), tuple("redhat", Optional.of(4.3)));
        assertThat(legacy.findings().get(0).vulnerability().severitySource()).hasValue("redhat");
    }

    @Test
    void mapsTheEightStatusesInOrder() {
        ScanReport report = read("dd-all_statuses.json");

        assertThat(report.findings())
                .extracting(f -> f.fix().state())
                .containsExactly(
                        FixState.UNKNOWN,
                        FixState.NOT_AFFECTED,
                        FixState.NOT_FIXED,
                        FixState.FIXED,
                        FixState.UNDER_INVESTIGATION,
                        FixState.WONT_FIX,
                        FixState.WONT_FIX,
                        FixState.END_OF_LIFE);
        assertThat(report.findings().get(3)).satisfies(binutils -> {
            assertThat(binutils.toString()).isEqualTo("CVE-2018-1000876 LOW in binutils 2.31.1-16 (FIXED)");
            assertThat(binutils.vulnerability().cwes()).containsExactly("CWE-190", "CWE-787");
            assertThat(binutils.fix().versions())
                    .as("fixed, but the report names no version")
                    .isEmpty();
        });
        assertThat(report.findings().get(2).vulnerability().id()).isEqualTo("TEMP-0841856-B18BAF");
        assertThat(report.artifact()).isEqualTo(new Artifact("", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.image().ref()).isEmpty();
        assertThat(report.image().repoDigests()).as("RepoDigests [\"\"]").isEmpty();
        assertThat(report.image().configDigest())
                .hasValue("sha256:22ae3921bdaac434bb4cb92dbbc209e46b1f3f70e9fa0b5fbbb43ce7d452c72d");
        assertThat(report.scannedAt()).hasValue(Instant.parse("2024-01-15T08:58:29.82753744Z"));
    }

    @Test
    void readsTheNewestLayoutWithNanosecondsPurlsAndLayers() {
        ScanReport report = read("trivy-head-schema2-ubuntu-1804-affected.json");

        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", "dev"));
        assertThat(report.scannedAt()).hasValue(Instant.parse("2021-08-25T12:20:30.000000005Z"));
        assertThat(report.image().ref()).hasValue(ImageRef.parse("ghcr.io/aquasecurity/trivy-test-images:ubuntu-1804"));
        assertThat(report.image().os()).hasValue("ubuntu 18.04");
        assertThat(report.findings()).hasSize(5);
        Finding bash = report.findings().get(0);
        assertThat(bash.pkg().purl()).hasValue("pkg:deb/ubuntu/bash@4.4.18-2ubuntu1.2?arch=amd64&distro=ubuntu-18.04");
        assertThat(bash.pkg().layer())
                .hasValue("sha256:35c102085707f703de2d9eaad8752d6fe1b8f02b5d2149f1d8357c9cc7fb7d0a");
        assertThat(bash.fix()).isEqualTo(Fix.of(FixState.NOT_FIXED));
        assertThat(bash.severity()).isEqualTo(Severity.LOW);
        assertThat(bash.vulnerability().ratings())
                .contains(
                        Rating.of("ubuntu", Severity.LOW, null, null),
                        Rating.of("nvd", Severity.HIGH, 7.8, "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H"));
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.pkg().purl()).isPresent());
        assertThat(report.findings().subList(1, 5))
                .extracting(f -> f.fix().state())
                .containsOnly(FixState.FIXED);
    }

    @Test
    void readsTrivyK8sAsOneClusterWithTheWorkloadInEachTarget() {
        ScanReport report = read("dd-kubernetes.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy", "trivy-k8s", null));
        assertThat(report.artifact())
                .isEqualTo(new Artifact(
                        "arn:aws:eks:us-east-1:576036489467:cluster/monitoring-test-cluster", Artifact.Type.CLUSTER));
        assertThat(report.findings()).hasSize(10);
        assertThat(report.findings())
                .extracting(Finding::target)
                .containsOnly(
                        "default/Deployment/redis-follower: gcr.io/google_samples/gb-redis-follower:v2 (debian 10.4)",
                        "default/Deployment/redis-leader: docker.io/redis:6.0.5 (debian 10.4)");
        assertThat(report.findings().get(0)).satisfies(apt -> {
            assertThat(apt.toString()).isEqualTo("CVE-2020-27350 MEDIUM in apt 1.8.2.1 (FIXED)");
            assertThat(apt.fix().versions()).containsExactly("1.8.2.2");
            assertThat(apt.vulnerability().aliases()).containsExactly("DSA-4808-1");
        });
        assertThat(report.findings().get(5).vulnerability().id()).isEqualTo("CVE-2020-27350");
        assertThat(report.problems())
                .as("misconfigurations are no problems, just not read")
                .isEmpty();
    }

    @Test
    void readsOnlyTheVulnerabilitiesOfAScanWithMisconfigurationsAndSecrets() {
        ScanReport report = read("dd-misconfigurations_and_secrets.json");

        assertThat(report.findings())
                .hasSize(2)
                .allSatisfy(f -> assertThat(f.target()).isEqualTo("requirements.txt"));
        assertThat(report.artifact()).isEqualTo(new Artifact(".", Artifact.Type.FILESYSTEM));
        assertThat(report.image()).isEqualTo(Image.unknown());
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsCvss4RatingsAndOneFixedVersionPerReleaseLine() {
        ScanReport report = read("dd-cvssv4_severity_source.json");

        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", "0.69.1"));
        assertThat(report.findings().get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(report.findings().get(0).vulnerability().ratings())
                .contains(Rating.of(
                        "ghsa",
                        Severity.MEDIUM,
                        6.3,
                        "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N"));
        assertThat(report.findings())
                .extracting(f -> f.fix().versions())
                .contains(List.of("11.0.14", "10.1.49", "9.0.112"));
        assertThat(report.findings())
                .allSatisfy(f -> assertThat(f.pkg().purl().orElseThrow()).startsWith("pkg:maven/"));
    }

    @Test
    void readsAnImageHeaderWithoutResultsAndSaysThatItShowsNoCoverage() {
        // Derived from the real report by removing Results: Trivy writes an os-pkgs result for the
        // Alpine it detected, with or without vulnerabilities, so this is what a cut report looks like.
        ScanReport report = read("scb-juice-shop-v12.10.2-no-results.json");

        assertThat(report.findings()).isEmpty();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.MISSING_VALUE);
            assertThat(problem.message()).startsWith("no Results:");
        });
        Image image = report.image();
        assertThat(image.ref()).hasValue(ImageRef.parse("bkimminich/juice-shop:v12.10.2"));
        assertThat(image.manifestDigest())
                .hasValue("sha256:33238f8c6291415c499265629b1b82ef791f5a33dff09f25c07264204a26f89b");
        assertThat(image.createdAt()).hasValue(Instant.parse("2021-10-12T21:23:22.113753293Z"));
        assertThat(image.labels()).containsEntry("org.opencontainers.image.version", "12.10.2");
        assertThat(image.baseImage()).as("no base annotations").isEmpty();
        assertThat(read("scb-juice-shop-v12.10.2-empty-results.json").image()).isEqualTo(image);
    }

    @TestFactory
    Stream<DynamicTest> readsEveryRealReportWithoutAProblemTheEmptyOnesToo() {
        return Corpus.require().files("trivy").stream()
                .filter(file -> !file.name().endsWith("-no-results.json"))
                .map(file -> DynamicTest.dynamicTest(
                        file.name(),
                        () -> assertThat(read(file.path().getFileName().toString())
                                        .problems())
                                .as("%s (%s)", file, file.notes())
                                .isEmpty()));
    }

    @Test
    void readsTheNullAndEmptyArrayDocuments() {
        assertThat(Stream.of("dd-legacy_no_vuln.json", "scb-test-empty-report.json")
                        .map(TrivyCorpusTest::read))
                .allSatisfy(report -> {
                    assertThat(report.format().name()).isEqualTo("trivy-legacy-array");
                    assertThat(report.counts().entries()).isZero();
                });
    }

    @Test
    void readsTheOldestLegacyArray() {
        ScanReport report = read("trivy-v0.1.7-legacy-array-alpine-39.json");

        assertThat(report.findings()).singleElement().satisfies(musl -> {
            assertThat(musl.toString()).isEqualTo("CVE-2019-14697 HIGH in musl 1.1.20-r4 (FIXED)");
            assertThat(musl.target()).isEqualTo("testdata/fixtures/alpine-39.tar.gz (alpine 3.9.4)");
            assertThat(musl.vulnerability().title()).as("Title \"\"").isEmpty();
            assertThat(musl.pkg().type()).isEmpty();
        });
    }

    @Test
    void readsOnlyTheVulnerableResultOfAMultiResultReport() {
        ScanReport report = read("trivy-head-schema2-spring4shell-jre11-multi-result.json");

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.target()).isEqualTo("Java");
            assertThat(finding.pkg().type()).hasValue("jar");
        });
        assertThat(report.image().createdAt()).isPresent();
    }

    @Test
    void readsTheFirstPurlsAndKeepsTheirEscapes() {
        ScanReport report = read("trivy-v0.49-schema2-alpine-310-purl.json");

        assertThat(report.findings()).hasSize(4);
        assertThat(report.findings().get(0).pkg().purl())
                .hasValue("pkg:apk/alpine/libcrypto1.1@1.1.1c-r0?arch=x86_64&distro=3.10.2");
    }

    @Test
    void readsTheDefectDojoSchema2Facts() {
        ScanReport report = read("dd-scheme_2_many_vulns.json");

        assertThat(report.image().ref()).hasValue(ImageRef.parse("teamdojo:latest"));
        assertThat(report.findings())
                .extracting(Finding::toString, f -> f.fix().versions())
                .startsWith(
                        tuple("CVE-2020-15999 MEDIUM in freetype 2.9.1-r2 (FIXED)", List.of("2.9.1-r3")),
                        tuple("CVE-2020-28196 HIGH in krb5-libs 1.15.5-r0 (FIXED)", List.of("1.15.5-r1")));
        assertThat(report.findings().get(0).vulnerability().ratings())
                .extracting(r -> r.vector().orElse(""))
                .contains("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H");
        assertThat(report.findings().get(1).vulnerability().cwes()).containsExactly("CWE-674");
    }
}
