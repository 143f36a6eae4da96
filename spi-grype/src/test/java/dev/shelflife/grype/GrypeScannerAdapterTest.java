package dev.shelflife.grype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.Epss;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRef;
import dev.shelflife.KnownExploited;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportParseException;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GrypeScannerAdapterTest extends ScannerAdapterKit {

    private static final String LEGACY = "legacy-0.7-image.json";
    private static final String MODERN = "modern-image-related-epss-kev.json";
    private static final String DIRECTORY = "directory-scan.json";

    private static final GrypeScannerAdapter ADAPTER = new GrypeScannerAdapter();

    GrypeScannerAdapterTest() {
        super(KitSetup.of(ADAPTER)
                .sample(KitSample.ofResource(GrypeScannerAdapterTest.class, LEGACY)
                        .entries(3))
                .sample(KitSample.ofResource(GrypeScannerAdapterTest.class, MODERN)
                        .entries(6))
                .sample(KitSample.ofResource(GrypeScannerAdapterTest.class, DIRECTORY)
                        .entries(2))
                .template(KitTemplate.json("modern.json", """
                        {"matches": [
                          {$ENTRY$"vulnerability": {"id": "CVE-2024-0001", "namespace": "alpine:distro:alpine:3.19",
                                            "severity": "High", "fix": {"versions": ["1.2.4-r3"], "state": "fixed"},
                                            "cvss": [{"version": "3.1", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                                                      "metrics": {"baseScore": 9.8}}],
                                            "epss": [{"cve": "CVE-2024-0001", "epss": 0.02, "percentile": 0.8, "date": "2025-01-01"}]},
                           "relatedVulnerabilities": [{"id": "CVE-2024-0001", "namespace": "nvd:cpe", "severity": "Critical"}],
                           "artifact": {"name": "musl$TEXT$", "version": "1.2.4-r2", "type": "apk",
                                        "purl": "pkg:apk/alpine/musl@1.2.4-r2", "locations": [{"path": "/lib/apk/db/installed"}]}},
                          {"vulnerability": {"id": "CVE-2024-0002", "severity": "Low", "fix": {"versions": [], "state": "not-fixed"}},
                           "artifact": {"name": "busybox", "version": "1.36.1-r15", "type": "apk"}}],
                         $TOP$"source": {"type": "image", "target": {"userInput": "alpine:3.19", "tags": ["alpine:3.19"]}},
                         "distro": {"name": "alpine", "version": "3.19.1"},
                         "descriptor": {"name": "grype", "version": "0.88.0", "timestamp": "2025-01-02T03:04:05Z",
                                        "db": {"status": {"built": "2025-01-01T00:00:00Z"}}}}
                        """)
                        .entries(2)
                        .entryAt("/matches/0")
                        .textAt("/matches/0/artifact/name"))
                .template(KitTemplate.json("grype-0.7.json", """
                        {"matches": [
                          {$ENTRY$"vulnerability": {"id": "CVE-2020-36221", "severity": "Negligible", "fixedInVersion": "2.4.47",
                                            "links": ["https://security-tracker.debian.org/tracker/CVE-2020-36221"],
                                            "cvssV3": {"baseScore": 7.5, "vector": "AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"}},
                           "artifact": {"name": "libldap$TEXT$", "version": "2.4.47", "type": "deb"}},
                          {"vulnerability": {"id": "CVE-2011-3389", "severity": "Medium"},
                           "artifact": {"name": "libgnutls30", "version": "3.6.7", "type": "deb"}}],
                         "source": {$TOP$"type": "image", "target": {"userInput": "debian:10"}}}
                        """)
                        .entries(2)
                        .topAt("/source")
                        .entryAt("/matches/0")
                        .textAt("/matches/0/artifact/name"))
                // The format rows write matches one per line from line 2.
                .frame(EntryFrame.of("grype.json", "{\"matches\": [\n", "]}"))
                .numbersWhereTextBelong("""
                {"vulnerability": {"id": "CVE-1", "severity": 3, "cvss": [{"vector": "AV:N", "metrics": {"baseScore": "7.5"}}],
                  "fix": {"versions": [], "state": "unknown"}}, "artifact": {"name": 42, "version": 1.5}}
                """)
                .build());
    }

    private static ScanReport read(String resource) {
        return ADAPTER.read(ReportSource.of(resource, bytes(resource)));
    }

    private static ScanReport readText(String json) {
        return ADAPTER.read(source(json));
    }

    private static ReportSource source(String json) {
        return ReportSource.of("report.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = GrypeScannerAdapterTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("resource %s", resource).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Finding finding(ScanReport report, String id) {
        return report.findings().stream()
                .filter(f -> f.vulnerability().id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Nested
    class Grype07 {

        private final ScanReport report = read(LEGACY);

        @Test
        void readsFixedInVersionAsAFix() {
            assertThat(finding(report, "CVE-2020-36221").fix()).isEqualTo(Fix.fixed("2.4.47+dfsg-3+deb10u5"));
            assertThat(finding(report, "CVE-2011-3389").fix()).isEqualTo(Fix.of(FixState.UNKNOWN));
        }

        @Test
        void readsCvssV2AndCvssV3AsRatings() {
            assertThat(finding(report, "CVE-2020-36221").vulnerability().ratings())
                    .containsExactly(
                            Rating.of("grype", Severity.NEGLIGIBLE, null, null),
                            Rating.of("grype", null, 5.0, "AV:N/AC:L/Au:N/C:N/I:N/A:P"),
                            Rating.of("grype", null, 7.5, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H"));
        }

        @Test
        void mapsNegligibleAndTakesTheFirstLinkAsTheAdvisory() {
            Finding finding = finding(report, "CVE-2020-36221");
            assertThat(finding.severity()).isEqualTo(Severity.NEGLIGIBLE);
            assertThat(finding.vulnerability().primaryUrl())
                    .hasValue("https://security-tracker.debian.org/tracker/CVE-2020-36221");
            assertThat(finding.vulnerability().severitySource()).isEmpty();
        }

        @Test
        void readsAnAbsentSeverityAsUnknownAndRecordsIt() {
            assertThat(finding(report, "CVE-2019-9999").severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(report.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.kind()).isEqualTo(Problem.Kind.COERCED_VALUE);
                assertThat(problem.message()).contains("severity absent");
                assertThat(problem.location().path()).isEqualTo("/matches/2/vulnerability/severity");
                assertThat(problem.location().line()).isPositive();
            });
        }

        @Test
        void decodesTheImageConfigForTheBuildTimePlatformAndLabels() {
            assertThat(report.image().createdAt()).hasValue(Instant.parse("2021-01-12T18:12:42.883304735Z"));
            assertThat(report.image().platform()).hasValue("linux/amd64");
            assertThat(report.image().labels()).containsEntry("maintainer", "ShelfLife tests");
        }

        @Test
        void describesTheImageAndTheScanner() {
            assertThat(report.artifact()).isEqualTo(new Artifact("python:3.6", Artifact.Type.CONTAINER_IMAGE));
            assertThat(report.image().ref()).hasValue(ImageRef.parse("docker.io/library/python:3.6"));
            assertThat(report.image().configDigest()).hasValue("sha256:" + "6".repeat(64));
            assertThat(report.image().manifestDigest()).hasValue("sha256:" + "5".repeat(64));
            assertThat(report.image().os()).hasValue("debian 10");
            assertThat(report.scanner().toString()).isEqualTo("Grype 0.7.0");
            assertThat(report.format().name()).isEqualTo("grype-json");
            assertThat(report.scannedAt()).isEmpty();
            assertThat(report.databaseBuiltAt()).isEmpty();
        }

        @Test
        void takesPathAndLayerFromTheFirstLocation() {
            Finding finding = finding(report, "CVE-2011-3389");
            assertThat(finding.pkg().path()).hasValue("/var/lib/dpkg/status");
            assertThat(finding.pkg().layer()).hasValue("sha256:" + "b".repeat(64));
            assertThat(finding.pkg().type()).hasValue("deb");
            assertThat(finding.target()).isEqualTo("python:3.6");
        }
    }

    @Nested
    class DbV6Image {

        private final ScanReport report = read(MODERN);

        @Test
        void collapsesAByteIdenticalDuplicateMatch() {
            assertThat(report.counts()).isEqualTo(new ReportCounts(6, 5, 1, 0));
        }

        @Test
        void deduplicatesRelatedIdsIntoAliases() {
            assertThat(finding(report, "GHSA-4374-p667-p6c8").vulnerability().aliases())
                    .containsExactly("CVE-2023-39325");
            assertThat(finding(report, "CVE-2004-0971").vulnerability().aliases())
                    .isEmpty();
        }

        @Test
        void keepsTheDistroAndTheRelatedSeverityWithTheirSources() {
            Finding finding = finding(report, "CVE-2004-0971");
            assertThat(finding.severity()).isEqualTo(Severity.NEGLIGIBLE);
            assertThat(finding.vulnerability().severitySource()).hasValue("debian:distro:debian:12");
            assertThat(finding.vulnerability().ratings())
                    .containsExactly(
                            Rating.of("debian:distro:debian:12", Severity.NEGLIGIBLE, null, null),
                            Rating.of("nvd:cpe", Severity.LOW, null, null),
                            Rating.of("nvd:cpe", null, 2.1, "AV:L/AC:L/Au:N/C:N/I:P/A:N"));
        }

        @Test
        void takesEpssKevAndCwesFromTheRelatedRecordWhenTheMatchHasNone() {
            Finding finding = finding(report, "GHSA-4374-p667-p6c8");
            assertThat(finding.vulnerability().epss())
                    .hasValue(new Epss(0.00163, 0.37957, Optional.of(LocalDate.parse("2025-07-20"))));
            assertThat(finding.vulnerability().knownExploited())
                    .hasValue(new KnownExploited(
                            "cisa-kev",
                            Optional.of(LocalDate.parse("2023-10-10")),
                            Optional.of(LocalDate.parse("2023-10-31")),
                            Optional.empty()));
            assertThat(finding.vulnerability().cwes()).containsExactly("CWE-400");
        }

        @Test
        void prefersTheMatchesOwnEpss() {
            assertThat(finding(report, "CVE-2022-28391").vulnerability().epss())
                    .hasValue(new Epss(0.0719, 0.91123, Optional.of(LocalDate.parse("2025-06-18"))));
        }

        @Test
        void keepsOneRatingPerDistinctCvssEntry() {
            assertThat(finding(report, "CVE-2022-28391").vulnerability().ratings())
                    .containsExactly(
                            Rating.of("nvd:cpe", Severity.HIGH, null, null),
                            Rating.of("nvd:cpe", null, 8.8, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H"));
        }

        @Test
        void mapsEveryFixState() {
            assertThat(finding(report, "GHSA-4374-p667-p6c8").fix()).isEqualTo(Fix.fixed("0.17.0"));
            assertThat(finding(report, "CVE-2004-0971").fix()).isEqualTo(Fix.of(FixState.NOT_FIXED));
            assertThat(finding(report, "CVE-2009-3882").fix()).isEqualTo(Fix.of(FixState.UNKNOWN));
            assertThat(finding(report, "CVE-2023-4911").fix()).isEqualTo(Fix.of(FixState.WONT_FIX));
            assertThat(finding(report, "CVE-2022-28391").fix()).as("state \"\"").isEqualTo(Fix.of(FixState.UNKNOWN));
        }

        @Test
        void keepsNulCharactersInVersionAndPurl() {
            Finding finding = finding(report, "CVE-2009-3882");
            assertThat(finding.pkg().version()).hasValue("17.0.10+7\u0000-J-ms8m");
            assertThat(finding.pkg().purl()).hasValue("pkg:generic/java@17.0.10%2B7\u0000-J-ms8m");
        }

        @Test
        void readsANullSeverityAsUnknownAndRecordsIt() {
            assertThat(finding(report, "CVE-2009-3882").severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(report.problems())
                    .filteredOn(p -> p.kind() == Problem.Kind.COERCED_VALUE)
                    .singleElement()
                    .satisfies(p -> assertThat(p.location().path()).isEqualTo("/matches/2/vulnerability/severity"));
        }

        @Test
        void takesTheSourcePackageFromTheUpstreams() {
            Finding finding = finding(report, "CVE-2004-0971");
            assertThat(finding.pkg().sourcePackage()).hasValue("krb5");
            assertThat(finding.pkg().path()).hasValue("/var/lib/dpkg/status.d/libgssapi-krb5-2");
            assertThat(finding.pkg().layer()).hasValue("sha256:" + "a".repeat(64));
        }

        @Test
        void reportsEachIgnoredMatchWithTheRulesThatHidIt() {
            assertThat(report.findings()).noneMatch(f -> f.vulnerability().id().equals("CVE-2024-26581"));
            assertThat(report.problems())
                    .filteredOn(p -> p.kind() == Problem.Kind.IGNORED_BY_SCANNER)
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.message())
                                .startsWith("Grype ignored CVE-2024-26581 (Medium) in linux-libc-dev 6.1.69-1")
                                .contains("reason=\"kernel headers do not ship a kernel\"")
                                .contains("package.name=\"linux-libc-dev\"")
                                .contains("match-type=\"exact-indirect-match\"");
                        assertThat(p.location().path()).isEqualTo("/ignoredMatches/0");
                    });
        }

        @Test
        void takesTheDatabaseBuildTimeFromDbStatusAndTheScanTimeWithItsOffset() {
            assertThat(report.databaseBuiltAt()).hasValue(Instant.parse("2025-06-19T04:12:38Z"));
            assertThat(report.scannedAt()).hasValue(Instant.parse("2025-06-19T11:43:35.523947199Z"));
        }

        @Test
        void readsTheImageFromTheTargetAndItsConfig() {
            assertThat(report.artifact())
                    .isEqualTo(new Artifact("registry:ghcr.io/acme/server:1.4.2", Artifact.Type.CONTAINER_IMAGE));
            assertThat(report.image().ref())
                    .as("the registry: scheme is not part of the reference")
                    .hasValue(ImageRef.parse("ghcr.io/acme/server:1.4.2"));
            assertThat(report.image().configDigest()).hasValue("sha256:" + "e".repeat(64));
            assertThat(report.image().manifestDigest()).hasValue("sha256:" + "f".repeat(64));
            assertThat(report.image().repoDigests()).containsExactly("ghcr.io/acme/server@sha256:" + "9".repeat(64));
            assertThat(report.image().createdAt()).hasValue(Instant.parse("2025-06-01T10:00:00Z"));
            assertThat(report.image().platform()).hasValue("linux/arm64/v8");
            assertThat(report.image().os()).hasValue("debian 12");
        }

        @Test
        void letsTheTargetLabelsWinAndTakesTheBaseImageFromTheConfigLabels() {
            assertThat(report.image().labels()).containsEntry("org.opencontainers.image.version", "1.4.2");
            assertThat(report.image().baseImage())
                    .hasValue(BaseImage.of("docker.io/library/debian:12-slim", "sha256:" + "d".repeat(64)));
        }
    }

    @Nested
    class DirectoryScan {

        private final ScanReport report = read(DIRECTORY);

        @Test
        void readsAStringTargetAsAFilesystemArtifact() {
            assertThat(report.artifact()).isEqualTo(new Artifact("/home/dev/app", Artifact.Type.FILESYSTEM));
            assertThat(report.image().ref()).isEmpty();
            assertThat(report.image().os()).isEmpty();
            assertThat(report.findings()).extracting(Finding::target).containsOnly("/home/dev/app");
        }

        @Test
        void readsTheDbBuiltOfDbV5AndTheConfigurationOutputAsAString() {
            assertThat(report.databaseBuiltAt()).hasValue(Instant.parse("2023-05-17T01:32:43Z"));
            assertThat(report.scannedAt()).hasValue(Instant.parse("2023-05-18T01:00:56.783213Z"));
            assertThat(report.scanner().version()).hasValue("0.61.1");
            assertThat(report.problems()).isEmpty();
        }

        @Test
        void takesThePathOfALocationWithoutALayer() {
            Finding lodash = finding(report, "GHSA-35jh-r3h4-6jhm");
            assertThat(lodash.pkg().path()).hasValue("/package-lock.json");
            assertThat(lodash.pkg().layer()).isEmpty();
            assertThat(lodash.pkg().purl()).hasValue("pkg:npm/lodash@4.17.20");
            assertThat(lodash.vulnerability().aliases()).containsExactly("CVE-2021-23337");
        }
    }

    @Nested
    class Detecting {

        @Test
        void isCertainWhenTheDescriptorNamesGrype() {
            Detection detection = ADAPTER.detect(
                    source("{\"descriptor\":{\"name\":\"grype\",\"version\":\"0.94.0\"},\"matches\":[]}"));
            assertThat(detection.confidence()).isEqualTo(1.0);
            assertThat(detection.format()).isEqualTo("grype-json");
        }

        @Test
        void claimsAHeadCutInsideTheFirstMatch() {
            byte[] head = Arrays.copyOf(bytes(MODERN), 600);
            Detection detection = ADAPTER.detect(ReportSource.of("head.json", head));
            assertThat(detection.isMatch()).as("%s", detection).isTrue();
            assertThat(detection.confidence()).isLessThan(1.0);
        }

        @Test
        void claimsADocumentThatStartsWithMatches() {
            assertThat(ADAPTER.detect(source("{\"matches\": [")).isMatch()).isTrue();
        }

        @Test
        void doesNotClaimOtherScannersReports() {
            assertThat(ADAPTER.detect(source("{\"SchemaVersion\":2,\"ArtifactName\":\"alpine\",\"Results\":[]}"))
                            .isMatch())
                    .isFalse();
            assertThat(ADAPTER.detect(source("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}"))
                            .isMatch())
                    .isFalse();
            assertThat(ADAPTER.detect(source("[{\"matches\":[]}]")).isMatch()).isFalse();
            assertThat(ADAPTER.detect(source("{\"id\":1,\"matches\":3}")).isMatch())
                    .isFalse();
        }
    }

    @Nested
    class Streaming {

        @Test
        void givesEveryStreamedFindingTheTargetGrypeWritesAfterTheMatches() {
            List<Finding> streamed = new ArrayList<>();

            ReportSummary summary = ADAPTER.stream(ReportSource.of(LEGACY, bytes(LEGACY)), streamed::add);

            assertThat(streamed)
                    .isNotEmpty()
                    .allSatisfy(finding -> assertThat(finding.target())
                            .isEqualTo(summary.artifact().name())
                            .isNotEmpty());
            assertThat(streamed).containsExactlyElementsOf(read(LEGACY).findings());
        }

        @Test
        void streamsAByteIdenticalDuplicateTwiceAndCountsItAsAFinding() {
            List<Finding> streamed = new ArrayList<>();

            ReportSummary summary = ADAPTER.stream(ReportSource.of(MODERN, bytes(MODERN)), streamed::add);

            assertThat(summary.counts()).isEqualTo(new ReportCounts(6, 6, 0, 0));
            assertThat(read(MODERN).counts()).isEqualTo(new ReportCounts(6, 5, 1, 0));
        }

        @Test
        void refusesADuplicateKeyInTheSourceThatFollowsTheMatches() {
            String json = "{\"matches\": [{\"vulnerability\": {\"id\": \"CVE-1\"}, \"artifact\": {\"name\": \"a\"}}],\n"
                    + " \"source\": {\"type\": \"directory\", \"target\": \"/a\", \"target\": \"/b\"}}";
            List<Finding> streamed = new ArrayList<>();

            assertThatThrownBy(() -> ADAPTER.stream(source(json), streamed::add))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageStartingWith("report.json:2:")
                    .hasMessageContaining("(/source/target): malformed JSON: Duplicate field 'target'");
            assertThat(streamed).extracting(Finding::target).containsExactly("/b");
        }

        @Test
        void handsOnEachMatchBeforeTheNextIsRead() {
            String json =
                    "{\"matches\": [\n {\"vulnerability\": {\"id\": \"CVE-1\"}, \"artifact\": {\"name\": \"a\"}},\n"
                            + " {\"vulnerability\": {\"id\": \"CVE-2\", \"severity\": {\"level\": 3}}, \"artifact\": {\"name\": \"a\"}}\n]}";
            List<Finding> streamed = new ArrayList<>();

            assertThatThrownBy(() -> ADAPTER.stream(source(json), streamed::add))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageContaining("(/matches/1/vulnerability/severity)");
            assertThat(streamed).extracting(f -> f.vulnerability().id()).containsExactly("CVE-1");
        }
    }

    @Nested
    class BadInput {

        @Test
        void endsAMissingMatchesArrayInALocatedException() {
            assertThatThrownBy(() -> readText("{\n \"source\": {\"type\": \"directory\", \"target\": \"/src\"},\n"
                            + " \"descriptor\": {\"name\": \"grype\", \"version\": \"0.94.0\"}\n}"))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessage("report.json:1:1 (/): no \"matches\" array: not a Grype report, or one cut down too far"
                            + " (its keys start source, descriptor)");
        }

        @Test
        void endsATruncatedReportInALocatedException() {
            byte[] whole = bytes(MODERN);
            ReportSource cut = ReportSource.of("cut.json", Arrays.copyOf(whole, whole.length / 2));
            assertThatThrownBy(() -> ADAPTER.read(cut))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageStartingWith("cut.json:")
                    .hasMessageContaining("truncated document")
                    .satisfies(e -> assertThat(
                                    ((ReportParseException) e).location().path())
                            .startsWith("/matches/"));
        }

        @Test
        void endsMatchesThatAreNotAnArrayInALocatedException() {
            assertThatThrownBy(() -> readText("{\"matches\": {\"vulnerability\": {}}}"))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessage("report.json:1:13 (/matches): expected an array (an array), found an object");
        }

        @Test
        void endsAWronglyTypedSeverityInALocatedException() {
            String json = "{\"matches\": [\n {\"vulnerability\": {\"id\": \"CVE-1\", \"severity\": {\"level\": 3}},"
                    + " \"artifact\": {\"name\": \"a\"}}\n]}";
            assertThatThrownBy(() -> readText(json))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageStartingWith("report.json:2:")
                    .hasMessageContaining("(/matches/0/vulnerability/severity)");
        }

        @Test
        void endsAWronglyTypedTargetInALocatedException() {
            assertThatThrownBy(() -> readText("{\"matches\": [], \"source\": {\"type\": \"image\", \"target\": 42}}"))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageStartingWith("report.json:1:")
                    .hasMessageContaining("(/source/target)")
                    .hasMessageContaining("expected source.target to be an object (an image) or a string");
        }

        @Test
        void endsAWronglyTypedDatabaseBuildTimeInALocatedException() {
            assertThatThrownBy(() -> readText(
                            "{\"matches\": [], \"descriptor\": {\"name\": \"grype\", \"db\": {\"built\": [1]}}}"))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageContaining("(/descriptor/db/built)");
        }

        @Test
        void endsMoreMatchesThanTheLimitAllowsInALocatedException() {
            ReportSource source =
                    ReportSource.of("many.json", bytes(MODERN)).withLimits(ReadLimits.DEFAULT.withMaxEntries(4));
            assertThatThrownBy(() -> ADAPTER.read(source))
                    .isInstanceOf(ReportParseException.class)
                    .hasMessageContaining("(/matches/4)")
                    .hasMessageContaining("limit exceeded: more than 4 matches");
        }

        @Test
        void skipsAMatchWithoutAVulnerabilityIdAndCountsIt() {
            ScanReport report = readText(
                    "{\"matches\": [{\"vulnerability\": {\"severity\": \"High\"}, \"artifact\": {\"name\": \"a\"}},"
                            + " null, {\"vulnerability\": {\"id\": \"CVE-1\", \"severity\": \"Low\"}, \"artifact\": {\"name\": \"a\"}}]}");
            assertThat(report.counts()).isEqualTo(new ReportCounts(3, 1, 0, 2));
            assertThat(report.problems())
                    .extracting(p -> p.location().path())
                    .containsExactly("/matches/0", "/matches/1");
        }

        @Test
        void recordsAnUnreadableImageConfigAndKeepsTheFindings() {
            ScanReport report =
                    readText("{\"matches\": [{\"vulnerability\": {\"id\": \"CVE-1\", \"severity\": \"Low\"},"
                            + " \"artifact\": {\"name\": \"a\"}}], \"source\": {\"type\": \"image\","
                            + " \"target\": {\"userInput\": \"alpine:3.19\", \"config\": \"not base64!\"}}}");
            assertThat(report.findings()).hasSize(1);
            assertThat(report.image().createdAt()).isEmpty();
            assertThat(report.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
                assertThat(p.message()).contains("not base64");
                assertThat(p.location().path()).isEqualTo("/source/target/config");
            });
        }

        @Test
        void dropsAnOutOfRangeScoreAndRecordsIt() {
            ScanReport report = readText("{\"matches\": [{\"vulnerability\": {\"id\": \"CVE-1\", \"severity\": \"Low\","
                    + " \"cvss\": [{\"vector\": \"AV:N\", \"metrics\": {\"baseScore\": 42}}],"
                    + " \"epss\": [{\"cve\": \"CVE-1\", \"epss\": 7, \"percentile\": 0.5}],"
                    + " \"fix\": {\"versions\": [], \"state\": \"unknown\"}}, \"artifact\": {\"name\": \"a\"}}]}");
            assertThat(report.findings().get(0).vulnerability().ratings())
                    .contains(Rating.of("grype", null, null, "AV:N"));
            assertThat(report.findings().get(0).vulnerability().epss()).isEmpty();
            assertThat(report.problems())
                    .extracting(p -> p.location().path())
                    .containsExactly(
                            "/matches/0/vulnerability/cvss/0/metrics/baseScore", "/matches/0/vulnerability/epss/0");
        }
    }

    // The rows below depend on the format: they write entries in the kit's frame.

    @Test
    void readsNullAndEmptyMatchesAsNoFindings() {
        for (String json :
                List.of("{\"matches\": null}", "{\"matches\": []}", "{\"matches\": [], \"ignoredMatches\": null}")) {
            ScanReport report = readDocument(json);
            assertThat(report.counts()).as(json).isEqualTo(new ReportCounts(0, 0, 0, 0));
            assertThat(report.problems()).as(json).isEmpty();
            assertThat(report.artifact()).isEqualTo(Artifact.unknown());
        }
    }

    @Test
    void skipsAMatchWhoseVulnerabilityOrPackageIsNullEmptyOrBlankAndCountsIt() {
        ScanReport report = readEntries("""
                {"vulnerability": null, "artifact": {"name": "a"}},
                {"vulnerability": {"id": ""}, "artifact": {"name": "b"}},
                {"vulnerability": {"id": "CVE-3"}, "artifact": null},
                {"vulnerability": {"id": "CVE-4"}, "artifact": {"name": " "}},
                {"vulnerability": {"id": "CVE-5"}, "artifact": {}},
                {"vulnerability": {"id": "CVE-6", "severity": "Low"}, "artifact": {"name": "f"}}
                """);

        assertThat(report.counts()).isEqualTo(new ReportCounts(6, 1, 0, 5));
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactly("/matches/0", "/matches/1", "/matches/2", "/matches/3", "/matches/4");
    }

    @Test
    void reportsAMatchOfTodaysShapeWithoutItsFixButNotA07MatchWithoutFixedInVersion() {
        ScanReport report = readEntries("""
                {"vulnerability": {"id": "CVE-1", "namespace": "nvd:cpe", "severity": "High"}, "artifact": {"name": "a"}},
                {"vulnerability": {"id": "CVE-2", "namespace": "nvd:cpe", "severity": "High", "Fix": {"versions": ["2"], "state": "fixed"}}, "artifact": {"name": "b"}},
                {"vulnerability": {"id": "CVE-3", "severity": "High", "links": [], "cvssV2": null}, "artifact": {"name": "c"}}
                """);

        assertThat(report.findings()).extracting(f -> f.fix().state()).containsOnly(FixState.UNKNOWN);
        assertThat(report.problems())
                .extracting(Problem::kind, p -> p.location().path())
                .containsExactly(
                        tuple(Problem.Kind.MISSING_VALUE, "/matches/0/vulnerability"),
                        tuple(Problem.Kind.MISSING_VALUE, "/matches/1/vulnerability"),
                        tuple(Problem.Kind.IGNORED_VALUE, "/matches/1/vulnerability/Fix"));
        assertThat(report.problems().get(0).message()).startsWith("CVE-1: no fix, which Grype writes in every match");
    }

    @Test
    void readsANullAbsentOrEmptyFixAsUnknownAndAnEmptyStateFromItsVersions() {
        ScanReport report = readEntries("""
                {"vulnerability": {"id": "CVE-1", "severity": "Low", "fix": null}, "artifact": {"name": "a"}},
                {"vulnerability": {"id": "CVE-2", "severity": "Low"}, "artifact": {"name": "b"}},
                {"vulnerability": {"id": "CVE-3", "severity": "Low", "fix": {"versions": null, "state": ""}}, "artifact": {"name": "c"}},
                {"vulnerability": {"id": "CVE-4", "severity": "Low", "fix": {"versions": ["", "2.0"], "state": ""}}, "artifact": {"name": "d"}}
                """);

        assertThat(report.findings())
                .extracting(f -> f.fix().state())
                .containsExactly(FixState.UNKNOWN, FixState.UNKNOWN, FixState.UNKNOWN, FixState.FIXED);
        assertThat(report.findings().get(3).fix().versions()).containsExactly("2.0");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void endsAnObjectWhereAListBelongsAndTextWhereANumberBelongsInALocatedException() {
        assertThatThrownBy(
                        () -> readEntries(
                                "{\"vulnerability\": {\"id\": \"CVE-1\", \"cvss\": {\"vector\": \"AV:N\"}}, \"artifact\": {\"name\": \"a\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("grype.json:2:")
                .hasMessageContaining("(/matches/0/vulnerability/cvss): unexpected value:");
        assertThatThrownBy(
                        () -> readEntries(
                                "{\"vulnerability\": {\"id\": \"CVE-1\", \"fix\": {\"versions\": \"1.0\"}}, \"artifact\": {\"name\": \"a\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/matches/0/vulnerability/fix/versions): unexpected value:");
        assertThatThrownBy(() -> readEntries(
                        "{\"vulnerability\": {\"id\": \"CVE-1\", \"cvss\": [{\"metrics\": {\"baseScore\": \"high\"}}]},"
                                + " \"artifact\": {\"name\": \"a\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/matches/0/vulnerability/cvss/0/metrics/baseScore): unexpected value:");
    }

    @Test
    void dropsAnInfiniteOr30DigitScoreAndRecordsIt() {
        ScanReport report = readEntries("""
                {"vulnerability": {"id": "CVE-1", "severity": "Low", "cvss": [{"vector": "AV:N", "metrics": {"baseScore": 1e999}},
                  {"vector": "AV:L", "metrics": {"baseScore": 123456789012345678901234567890}}], "fix": null}, "artifact": {"name": "a"}}
                """);

        assertThat(report.findings().get(0).vulnerability().ratings())
                .allSatisfy(r -> assertThat(r.score()).isEmpty());
        assertThat(report.problems())
                .extracting(Problem::message)
                .containsExactly(
                        "CVSS base score Infinity outside 0..10: dropped",
                        "CVSS base score 1.2345678901234568E29 outside 0..10: dropped");
    }

    @Test
    void keepsEverySiblingOfUnknownEnumeratedValues() {
        ScanReport report = readEntries("""
                {"vulnerability": {"id": "CVE-1", "severity": "Severe", "fix": {"versions": ["1.1"], "state": "patched"},
                                   "cwes": [{"cve": "CVE-1", "cwe": "CWE-79"}]},
                 "relatedVulnerabilities": [{"id": "GHSA-1", "severity": "Dire"}],
                 "artifact": {"name": "a", "version": "1.0", "type": "future-ecosystem"}},
                {"vulnerability": {"id": "CVE-2", "severity": "Low"}, "artifact": {"name": "b"}}
                """);

        assertThat(report.findings()).hasSize(2);
        assertThat(report.findings().get(0)).satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(finding.fix().state()).isEqualTo(FixState.FIXED);
            assertThat(finding.fix().versions()).containsExactly("1.1");
            assertThat(finding.pkg().type()).hasValue("future-ecosystem");
            assertThat(finding.vulnerability().aliases()).containsExactly("GHSA-1");
            assertThat(finding.vulnerability().cwes()).containsExactly("CWE-79");
        });
        assertThat(report.findings().get(1).severity()).isEqualTo(Severity.LOW);
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactlyInAnyOrder(
                        "/matches/0/vulnerability/severity",
                        "/matches/0/vulnerability/fix/state",
                        "/matches/0/relatedVulnerabilities/0/severity");
    }

    @Test
    void readsAnUnknownSourceTypeAndDescriptorVersionAsTheyStand() {
        ScanReport report = readDocument("""
                {"matches": [], "source": {"type": "snapshot-of-the-future", "target": "/mnt/disk"},
                 "descriptor": {"name": "grype", "version": "99.0.0-alpha"}}
                """);

        assertThat(report.artifact()).isEqualTo(new Artifact("/mnt/disk", Artifact.Type.UNKNOWN));
        assertThat(report.scanner().version()).hasValue("99.0.0-alpha");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void recordsAnImageConfigBeyondTheLimitsAsAProblemAndKeepsTheFindings() {
        String deep = Base64.getEncoder()
                .encodeToString(("{\"history\": " + "[".repeat(5000) + "]".repeat(5000) + "}")
                        .getBytes(StandardCharsets.UTF_8));
        ScanReport report = readDocument("{\"matches\": [{\"vulnerability\": {\"id\": \"CVE-1\","
                + " \"severity\": \"Low\"}, \"artifact\": {\"name\": \"a\"}}], \"source\": {\"type\": \"image\","
                + " \"target\": {\"userInput\": \"alpine:3.19\", \"config\": \"" + deep + "\"}}}");

        assertThat(report.findings()).hasSize(1);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(p.message()).contains("limit exceeded", "ReadLimits.maxDepth");
            assertThat(p.location().path()).isEqualTo("/source/target/config");
        });
    }

    @Test
    void keepsNonAsciiPackageUrlsAsWritten() {
        String escaped = "pkg:npm/%40sc%C3%B6pe/caf%C3%A9@1.0.0";
        String raw = "pkg:deb/debian/libc6-\u00df\u65e5@2.36-9?arch=amd64";
        ScanReport report = readEntries(
                "{\"vulnerability\": {\"id\": \"CVE-1\", \"severity\": \"Low\"}, \"artifact\": {\"name\": \"caf\u00e9\","
                        + " \"purl\": \"" + escaped
                        + "\"}},\n{\"vulnerability\": {\"id\": \"CVE-2\", \"severity\": \"Low\"},"
                        + " \"artifact\": {\"name\": \"libc6\", \"purl\": \"" + raw + "\"}}");

        assertThat(report.findings())
                .extracting(f -> f.pkg().purl().orElseThrow())
                .containsExactly(escaped, raw);
        assertThat(report.findings().get(0).pkg().name()).isEqualTo("caf\u00e9");
    }
}
