package dev.shelflife.snyk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.Epss;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportCounts;
import dev.shelflife.ReportParseException;
import dev.shelflife.ReportSummary;
import dev.shelflife.ScanReport;
import dev.shelflife.Severity;
import dev.shelflife.UnsupportedReportException;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReadLimits;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SnykScannerAdapterTest extends ScannerAdapterKit {

    private static final String CONTAINER = "container-with-applications.json";
    private static final String OS_TARGET = "docker-image|registry.example.com/team/app";
    private static final String NPM_TARGET = "/srv/app/package-lock.json";
    private static final String MAVEN_TARGET = "/srv/app/lib/app.jar";

    SnykScannerAdapterTest() {
        super(KitSetup.of(new SnykScannerAdapter())
                .sample(KitSample.ofResource(SnykScannerAdapterTest.class, CONTAINER)
                        .entries(5))
                .sample(KitSample.ofResource(SnykScannerAdapterTest.class, "all-projects.json")
                        .entries(1))
                .sample(KitSample.ofResource(SnykScannerAdapterTest.class, "grouped-issues.json")
                        .entries(2))
                .template(KitTemplate.json("container.json", """
                        {"vulnerabilities": [
                          {$ENTRY$"id": "SNYK-ALPINE319-MUSL-6157259", "title": "Out-of-bounds Write", "severity": "high",
                           "packageManager": "apk", "packageName": "musl", "name": "musl$TEXT$", "version": "1.2.4-r2",
                           "nearestFixedInVersion": "1.2.4-r3", "identifiers": {"CVE": ["CVE-2024-0001"], "CWE": ["CWE-787"]},
                           "cvssScore": 9.8, "epssDetails": {"probability": "0.02", "percentile": "0.8"}},
                          {"id": "SNYK-ALPINE319-BUSYBOX-6913411", "severity": "low", "packageName": "busybox",
                           "name": "busybox", "version": "1.36.1-r15"}],
                         $TOP$"ok": false, "dependencyCount": 14, "packageManager": "apk", "projectName": "docker-image|alpine",
                         "platform": "linux/amd64", "path": "alpine:3.19", "docker": {"baseImage": "alpine:3.19"}}
                        """)
                        .entries(2)
                        .entryAt("/vulnerabilities/0")
                        .textAt("/vulnerabilities/0/name"))
                .template(KitTemplate.json("all-projects.json", """
                        [{$TOP$"vulnerabilities": [
                           {$ENTRY$"id": "SNYK-JS-LODASH-1040724", "severity": "high", "name": "lodash$TEXT$", "version": "4.17.20",
                            "fixedIn": ["4.17.21"], "upgradePath": [false, "lodash@4.17.21"]},
                           {"id": "SNYK-JS-MINIMIST-2429795", "severity": "low", "name": "minimist", "version": "1.2.5"}],
                          "ok": false, "packageManager": "npm", "projectName": "app", "targetFile": "package-lock.json",
                          "path": "/srv/app"},
                         {"vulnerabilities": [], "ok": true, "packageManager": "maven", "projectName": "lib",
                          "targetFile": "pom.xml", "path": "/srv/app"}]
                        """)
                        .entries(2)
                        .topAt("/0")
                        .entryAt("/0/vulnerabilities/0")
                        .textAt("/0/vulnerabilities/0/name"))
                // The format rows write the entries of an npm project one per line from line 2.
                .frame(EntryFrame.of(
                        "snyk.json",
                        "{\"ok\": false, \"packageManager\": \"npm\", \"projectName\": \"app\", \"vulnerabilities\": [\n",
                        "]}"))
                .numbersWhereTextBelong(
                        "{\"id\": \"SNYK-1\", \"name\": 42, \"version\": 1.5, \"severity\": 3, \"cvssScore\": \"7.5\"}")
                .build());
    }

    private ScanReport readResource(String name) {
        return adapter()
                .read(setup().samples().stream()
                        .filter(s -> s.name().equals(name))
                        .findFirst()
                        .orElseThrow()
                        .source());
    }

    private static ScanReport read(String json) {
        return new SnykScannerAdapter().read(source(json));
    }

    private static ReportSource source(String json) {
        return ReportSource.of("inline.json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Finding> byId(ScanReport report) {
        return report.findings().stream()
                .collect(Collectors.toMap(f -> f.vulnerability().id(), Function.identity()));
    }

    @Test
    void keepsTheApplicationFindingsNestedInAContainerResult() {
        ScanReport report = readResource(CONTAINER);

        assertThat(report.counts().entries()).isEqualTo(5);
        assertThat(report.findings())
                .extracting(Finding::target)
                .containsExactly(OS_TARGET, OS_TARGET, NPM_TARGET, NPM_TARGET, MAVEN_TARGET);
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void attributesApplicationFindingsToTheirOwnPackageManager() {
        Map<String, Finding> findings = byId(readResource(CONTAINER));

        assertThat(findings.get("SNYK-JS-BABELTRAVERSE-5962462").pkg().purl())
                .hasValue("pkg:npm/%40babel/traverse@7.22.5");
        assertThat(findings.get("SNYK-JAVA-ORGAPACHELOGGINGLOG4J-2314720").pkg().purl())
                .hasValue("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
        assertThat(findings.get("SNYK-JAVA-ORGAPACHELOGGINGLOG4J-2314720").pkg().type())
                .hasValue("maven");
    }

    @Test
    void splitsOsPackagesIntoSourceAndBinary() {
        Finding openssl = byId(readResource(CONTAINER)).get("SNYK-DEBIAN11-OPENSSL-3368735");

        assertThat(openssl.pkg().name()).isEqualTo("libssl1.1");
        assertThat(openssl.pkg().sourcePackage()).hasValue("openssl");
        assertThat(openssl.pkg().version()).hasValue("1.1.1n-0+deb11u3");
        assertThat(openssl.pkg().purl())
                .hasValue("pkg:deb/debian/libssl1.1@1.1.1n-0%2Bdeb11u3?distro=debian-11&upstream=openssl");
    }

    @Test
    void readsAliasesAndWeaknessesFromIdentifiers() {
        Map<String, Finding> findings = byId(readResource(CONTAINER));

        assertThat(findings.get("npm:debug:20170905").vulnerability().aliases())
                .containsExactly("CVE-2017-16137", "NSP-534", "SNYK-JS-DEBUG-10762");
        assertThat(findings.get("npm:debug:20170905").vulnerability().cwes()).containsExactly("CWE-400");
        assertThat(findings.get("SNYK-JS-BABELTRAVERSE-5962462").vulnerability().aliases())
                .containsExactly("CVE-2023-45133", "GHSA-67hx-6x53-jw92");
    }

    @Test
    void readsEpssGivenAsStrings() {
        Map<String, Finding> findings = byId(readResource(CONTAINER));

        assertThat(findings.get("SNYK-JS-BABELTRAVERSE-5962462").vulnerability().epss())
                .hasValue(new Epss(0.00331, 0.73601, Optional.empty()));
        assertThat(findings.get("SNYK-JAVA-ORGAPACHELOGGINGLOG4J-2314720")
                        .vulnerability()
                        .epss())
                .hasValue(new Epss(0.97565, 1.0, Optional.empty()));
        assertThat(findings.get("npm:debug:20170905").vulnerability().epss()).isEmpty();
    }

    @Test
    void readsLowerCaseSeveritiesRatingsAndMicrosecondTimestamps() {
        Map<String, Finding> findings = byId(readResource(CONTAINER));
        Finding glibc = findings.get("SNYK-DEBIAN11-GLIBC-521063");

        assertThat(findings.get("SNYK-JS-BABELTRAVERSE-5962462").severity()).isEqualTo(Severity.CRITICAL);
        assertThat(glibc.severity()).isEqualTo(Severity.LOW);
        assertThat(glibc.vulnerability().severitySource()).hasValue("snyk");
        assertThat(glibc.vulnerability().ratings())
                .containsExactly(
                        Rating.of("snyk", Severity.LOW, null, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                        Rating.of("nvd", Severity.CRITICAL, null, null));
        assertThat(findings.get("SNYK-DEBIAN11-OPENSSL-3368735").vulnerability().published())
                .hasValue(Instant.parse("2023-02-08T20:15:23.887Z"));
        assertThat(findings.get("SNYK-DEBIAN11-OPENSSL-3368735").vulnerability().modified())
                .hasValue(Instant.parse("2023-03-02T01:10:48.071590Z"));
        assertThat(findings.get("SNYK-JAVA-ORGAPACHELOGGINGLOG4J-2314720")
                        .vulnerability()
                        .published())
                .as("publicationTime when there is no disclosureTime")
                .hasValue(Instant.parse("2021-12-10T10:08:46.755Z"));
    }

    @Test
    void takesFixedVersionsFromFixedInThenNearestFixedInVersionThenUpgradePath() {
        Map<String, Finding> findings = byId(readResource(CONTAINER));
        Map<String, Finding> projects = byId(readResource("all-projects.json"));

        assertThat(findings.get("SNYK-JS-BABELTRAVERSE-5962462").fix()).isEqualTo(Fix.fixed("7.23.2", "8.0.0-alpha.4"));
        assertThat(findings.get("SNYK-DEBIAN11-OPENSSL-3368735").fix()).isEqualTo(Fix.fixed("1.1.1n-0+deb11u4"));
        assertThat(findings.get("SNYK-DEBIAN11-GLIBC-521063").fix()).isEqualTo(Fix.of(FixState.NOT_FIXED));
        assertThat(projects.get("SNYK-PYTHON-REQUESTS-5595532").fix())
                .as("no fixedIn: the last step of upgradePath upgrades the package itself")
                .isEqualTo(Fix.fixed("2.31.0"));
    }

    @Test
    void ignoresAnUpgradePathThatUpgradesAParentOnly() {
        ScanReport report = read("""
                {"vulnerabilities": [{"id": "SNYK-JS-MINIMIST-559764", "severity": "medium", "packageManager": "npm",
                  "name": "minimist", "version": "0.0.8", "fixedIn": [], "upgradePath": [false, "mkdirp@0.5.2"]}],
                 "ok": false, "packageManager": "npm", "projectName": "app"}
                """);

        assertThat(report.findings().get(0).fix()).isEqualTo(Fix.of(FixState.NOT_FIXED));
    }

    @Test
    void putsTheBaseImageAndSnykAdviceOnTheImage() {
        ScanReport report = readResource(CONTAINER);

        assertThat(report.scanner().name()).isEqualTo("Snyk Container");
        assertThat(report.artifact())
                .isEqualTo(new Artifact("registry.example.com/team/app:1.4.2", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.image().ref()).hasValue(ImageRef.parse("registry.example.com/team/app:1.4.2"));
        assertThat(report.image().platform()).hasValue("linux/arm64");
        assertThat(report.image().os()).hasValue("debian 11");
        assertThat(report.image().baseImage())
                .hasValue(
                        new BaseImage(
                                "debian:11.6-slim",
                                Optional.empty(),
                                Optional.of(
                                        "outdated: Snyk recommends debian:11-slim (minor upgrades), debian:12-slim (major upgrades)")));
    }

    @Test
    void leavesDigestBuildAndScanTimeUnknownForTheCallerToSupply() {
        ScanReport report = readResource(CONTAINER);
        Instant scanned = Instant.parse("2026-11-20T08:00:00Z");
        Instant built = Instant.parse("2026-11-19T22:00:00Z");

        assertThat(report.scannedAt()).isEmpty();
        assertThat(report.databaseBuiltAt()).isEmpty();
        assertThat(report.image().manifestDigest()).isEmpty();
        assertThat(report.image().createdAt()).isEmpty();

        ScanReport known = report.withScannedAt(scanned)
                .withImage(report.image().toBuilder()
                        .manifestDigest("sha256:" + "ab".repeat(32))
                        .createdAt(built)
                        .build());
        assertThat(known.scannedAt()).hasValue(scanned);
        assertThat(known.image().createdAt()).hasValue(built);
        assertThat(known.image().baseImage()).isEqualTo(report.image().baseImage());
    }

    @Test
    void readsAnAllProjectsArrayWithAProjectFoundOk() {
        ScanReport report = readResource("all-projects.json");

        assertThat(report.scanner().name()).isEqualTo("Snyk Open Source");
        assertThat(report.artifact()).isEqualTo(new Artifact("/home/ci/checkout", Artifact.Type.FILESYSTEM));
        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.target()).isEqualTo("service/requirements.txt");
            assertThat(f.pkg().purl()).hasValue("pkg:pypi/requests@2.28.2");
        });
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsAGroupedIssueAsOneFindingAboutItsFirstPackage() {
        ScanReport report = readResource("grouped-issues.json");
        Map<String, Finding> findings = byId(report);

        assertThat(report.counts().entries()).isEqualTo(2);
        assertThat(findings.get("SNYK-ALPINE317-OPENSSL-5291795").pkg().name()).isEqualTo("libssl3");
        assertThat(findings.get("SNYK-ALPINE317-OPENSSL-5291795").pkg().purl())
                .hasValue("pkg:apk/alpine/libssl3@3.0.7-r2?distro=alpine-3.17&upstream=openssl");
        assertThat(findings.get("SNYK-ALPINE317-OPENSSL-5291795").fix()).isEqualTo(Fix.fixed("3.0.8-r0"));
        assertThat(findings.get("SNYK-JS-SEMVER-3247795").pkg().name()).isEqualTo("semver");
        assertThat(findings.get("SNYK-JS-SEMVER-3247795").target()).isEqualTo("/app/package.json");
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(p.message()).contains("openssl/libssl3, openssl/libcrypto3");
            assertThat(p.location().path()).isEqualTo("/vulnerabilities/0/name");
        });
    }

    @Test
    void collapsesEntriesThatDifferOnlyInTheirDependencyPath() {
        ScanReport report = read("""
                {"vulnerabilities": [
                  {"id": "npm:qs:20140806", "severity": "high", "packageManager": "npm", "name": "qs", "version": "0.4.2",
                   "fixedIn": ["1.0.0"], "from": ["app@1.0.0", "express@2.5.11", "qs@0.4.2"]},
                  {"id": "npm:qs:20140806", "severity": "high", "packageManager": "npm", "name": "qs", "version": "0.4.2",
                   "fixedIn": ["1.0.0"], "from": ["app@1.0.0", "express@2.5.11", "connect@1.9.2", "qs@0.4.2"]}],
                 "ok": false, "packageManager": "npm", "projectName": "app", "displayTargetFile": "package-lock.json"}
                """);

        assertThat(report.counts().entries()).isEqualTo(2);
        assertThat(report.counts().findings()).isEqualTo(1);
        assertThat(report.counts().duplicates()).isEqualTo(1);
    }

    @Test
    void recordsAdviceWithoutABaseImageAndUnreadBinariesAsProblems() {
        ScanReport report = read("""
                {"vulnerabilities": [], "ok": true, "packageManager": "linux", "projectName": "docker-image|scratch-app",
                 "docker": {
                   "baseImageRemediation": {"code": "SCRATCH_BASE_IMAGE",
                     "advice": [{"message": "Note that we do not currently have vulnerability data for your image.", "bold": true}]},
                   "binariesVulns": {"issuesData": {}, "affectedPkgs": {"node/node@16.0.0": {"pkg": {"name": "node"}}}}}}
                """);

        assertThat(report.image().baseImage()).isEmpty();
        assertThat(report.problems())
                .extracting(Problem::message)
                .containsExactly(
                        "base image advice for no named base image: SCRATCH_BASE_IMAGE: Note that we do not currently have"
                                + " vulnerability data for your image.",
                        "1 binaries with vulnerabilities listed apart from the packages (docker.binariesVulns): their issues are not read");
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactly("/docker/baseImageRemediation", "/docker/binariesVulns/affectedPkgs");
    }

    @Test
    void recordsASecondImageOfAnArrayAsAProblemAndKeepsItsFindings() {
        ScanReport report = read("""
                [{"vulnerabilities": [{"id": "SNYK-ALPINE318-BUSYBOX-1", "severity": "low", "packageManager": "alpine:3.18",
                    "name": "busybox/busybox", "version": "1.36.1-r0"}],
                  "ok": false, "packageManager": "apk", "projectName": "docker-image|one", "path": "one:1"},
                 {"vulnerabilities": [{"id": "SNYK-ALPINE318-BUSYBOX-1", "severity": "low", "packageManager": "alpine:3.18",
                    "name": "busybox/busybox", "version": "1.36.1-r0"}],
                  "ok": false, "packageManager": "apk", "projectName": "docker-image|two", "path": "two:2"}]
                """);

        assertThat(report.artifact().name()).isEqualTo("one:1");
        assertThat(report.findings())
                .extracting(Finding::target)
                .containsExactly("docker-image|one", "docker-image|two");
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("this part of the report scanned \"two:2\"");
            assertThat(p.location().path()).isEqualTo("/1");
        });
    }

    @Test
    void skipsEntriesWithoutIdOrPackageAndCountsThem() {
        ScanReport report = read("""
                {"vulnerabilities": [null, {"severity": "low", "name": "zlib"}, {"id": "SNYK-X-1", "severity": "low"},
                  {"id": "SNYK-X-2", "severity": "low", "name": "zlib", "version": "1.2.13"}],
                 "ok": false, "packageManager": "npm", "projectName": "app"}
                """);

        assertThat(report.counts().entries()).isEqualTo(4);
        assertThat(report.counts().skipped()).isEqualTo(3);
        assertThat(report.findings())
                .singleElement()
                .extracting(f -> f.vulnerability().id())
                .isEqualTo("SNYK-X-2");
        assertThat(report.problems())
                .extracting(p -> p.location().toString())
                .containsExactly(
                        "inline.json:1:22 (/vulnerabilities/0)",
                        "inline.json:1:28 (/vulnerabilities/1)",
                        "inline.json:1:65 (/vulnerabilities/2)");
    }

    @Test
    void recordsValuesItCannotReadAsCoercedProblems() {
        ScanReport report = read("""
                {"vulnerabilities": [{"id": "SNYK-X-1", "severity": "severe", "cvssScore": 11.5, "name": "zlib",
                  "epssDetails": {"probability": "n/a", "percentile": "0.5"}, "disclosureTime": "yesterday"}],
                 "ok": false, "packageManager": "npm", "projectName": "app"}
                """);

        Finding finding = report.findings().get(0);
        assertThat(finding.severity()).isEqualTo(Severity.UNKNOWN);
        assertThat(finding.vulnerability().epss()).isEmpty();
        assertThat(finding.vulnerability().published()).isEmpty();
        assertThat(report.problems())
                .allMatch(p -> p.kind() == Problem.Kind.COERCED_VALUE)
                .extracting(p -> p.location().path())
                .containsExactlyInAnyOrder(
                        "/vulnerabilities/0/severity", "/vulnerabilities/0/cvssScore",
                        "/vulnerabilities/0/epssDetails", "/vulnerabilities/0/disclosureTime");
    }

    @Test
    void endsAWronglyTypedEntryInALocatedException() {
        assertThatThrownBy(() -> read("""
                {"vulnerabilities": [{"id": "SNYK-X-1", "name": "zlib"},
                                     {"id": "SNYK-X-2", "name": "zlib", "cvssScore": {"base": 5}}],
                 "packageManager": "npm"}
                """))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("inline.json:2:")
                .hasMessageContaining("(/vulnerabilities/1/cvssScore)");
    }

    @Test
    void handsOnEachEntryBeforeTheNextIsReadWithTheTargetWrittenAfterTheEntries() {
        List<Finding> streamed = new ArrayList<>();

        assertThatThrownBy(() -> adapter().stream(source("""
                {"vulnerabilities": [{"id": "SNYK-X-1", "name": "zlib", "version": "1.2.13"},
                                     {"id": "SNYK-X-2", "name": "zlib", "cvssScore": {"base": 5}}],
                 "ok": false, "packageManager": "npm", "projectName": "app", "targetFile": "package-lock.json"}
                """), streamed::add))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("inline.json:2:")
                .hasMessageContaining("(/vulnerabilities/1/cvssScore)");
        assertThat(streamed).singleElement().satisfies(finding -> {
            assertThat(finding.vulnerability().id()).isEqualTo("SNYK-X-1");
            assertThat(finding.target()).isEqualTo("package-lock.json");
            assertThat(finding.pkg().purl()).contains("pkg:npm/zlib@1.2.13");
        });
    }

    @Test
    void streamsEachProjectAndApplicationWithItsOwnTargetAndTheImageItsEntriesName() {
        List<Finding> streamed = new ArrayList<>();

        ReportSummary summary = adapter().stream(setup().samples().get(0).source(), streamed::add);

        assertThat(streamed)
                .extracting(Finding::target)
                .containsExactly(OS_TARGET, OS_TARGET, NPM_TARGET, NPM_TARGET, MAVEN_TARGET);
        assertThat(summary.image()).isEqualTo(readResource(CONTAINER).image());
        assertThat(summary.image().os()).isPresent();
    }

    @Test
    void streamsADuplicateEntryTwiceAndCountsItAsAFinding() {
        String json = """
                {"vulnerabilities": [{"id": "SNYK-X-1", "name": "zlib", "version": "1.2.13", "from": ["app", "zlib"]},
                                     {"id": "SNYK-X-1", "name": "zlib", "version": "1.2.13", "from": ["app", "b", "zlib"]}],
                 "ok": false, "packageManager": "npm", "projectName": "app"}
                """;
        List<Finding> streamed = new ArrayList<>();

        ReportSummary summary = adapter().stream(source(json), streamed::add);

        assertThat(streamed).hasSize(2).containsOnly(read(json).findings().get(0));
        assertThat(summary.counts()).isEqualTo(new ReportCounts(2, 2, 0, 0));
    }

    @Test
    void refusesInAStreamADuplicateKeyAfterTheEntries() {
        assertThatThrownBy(() -> adapter().stream(source("""
                {"vulnerabilities": [{"id": "SNYK-X-1", "name": "zlib"}],
                 "ok": false, "packageManager": "npm", "projectName": "app", "projectName": "other"}
                """), finding -> {}))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("inline.json:2:")
                .hasMessageContaining("(/projectName): malformed JSON: Duplicate field 'projectName'");
    }

    @Test
    void endsAVulnerabilitiesFieldThatIsNoArrayInALocatedException() {
        assertThatThrownBy(() -> read("{\"ok\": false,\n \"vulnerabilities\": {\"id\": \"SNYK-X-1\"}}"))
                .isInstanceOf(ReportParseException.class)
                .hasMessage(
                        "inline.json:2:21 (/vulnerabilities): expected the vulnerabilities array (an array), found an object");
    }

    @Test
    void endsATruncatedReportInALocatedException() {
        assertThatThrownBy(() -> read("{\"vulnerabilities\": [{\"id\": \"SNYK-X-1\", \"name\": \"zl"))
                .isInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("inline.json:1:")
                .hasMessageContaining("truncated document");
    }

    @Test
    void endsASnykErrorResultInAnExceptionThatQuotesSnyk() {
        String error =
                "{\"ok\": false, \"error\": \"Could not detect supported target files in /src\", \"path\": \"/src\"}";

        assertThat(adapter().detect(source(error)).isMatch()).isTrue();
        assertThatThrownBy(() -> read(error))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessage(
                        "inline.json:1:1 (/): Snyk reported an error instead of results: Could not detect supported target files in /src");
    }

    @Test
    void refusesAnEmptyArrayAndAnObjectThatIsNoProject() {
        assertThatThrownBy(() -> read("[]"))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessageContaining("an empty array holds no Snyk project");
        assertThatThrownBy(() -> read("[{\"ok\": true}]"))
                .isInstanceOf(UnsupportedReportException.class)
                .hasMessage(
                        "inline.json:1:2 (/0): not a Snyk project: no vulnerabilities array (and not a project Snyk found ok)");
    }

    @Test
    void enforcesTheEntryLimit() {
        ReportSource source = setup().samples().get(0).source().withLimits(ReadLimits.DEFAULT.withMaxEntries(3));

        assertThatThrownBy(() -> adapter().read(source))
                .isInstanceOf(ReportParseException.class)
                .hasMessageContaining("limit exceeded: more than 3 vulnerability entries");
    }

    @Test
    void detectsAProjectWhoseKeysFollowALongVulnerabilitiesArray() {
        String entry =
                "{\"id\": \"SNYK-JS-X-1\", \"packageName\": \"x\", \"packageManager\": \"npm\", \"description\": \""
                        + "x".repeat(9000) + "\"}";
        String report = "{\"vulnerabilities\": [" + entry + "], \"ok\": false, \"packageManager\": \"npm\"}";

        Detection detection = adapter().detect(source(report));

        assertThat(detection.isMatch()).isTrue();
        assertThat(detection.format()).isEqualTo(SnykJsonReader.FORMAT);
    }

    @Test
    void detectsAProjectWithSortedKeys() {
        String sorted = "{\"dependencyCount\": 3, \"ok\": true, \"packageManager\": \"npm\", \"projectName\": \"a\", "
                + "\"vulnerabilities\": []}";

        assertThat(adapter().detect(source(sorted)).isMatch()).isTrue();
    }

    @Test
    void doesNotClaimOtherScannersReports() {
        List<String> others = List.of(
                "{\"SchemaVersion\": 2, \"ArtifactName\": \"alpine:3.19\", \"Results\": []}",
                "{\"matches\": [], \"source\": {\"type\": \"image\"}, \"descriptor\": {\"name\": \"grype\"}}",
                "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"vulnerabilities\": [{\"id\": \"CVE-1\", \"ratings\": []}]}",
                "{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\", \"runs\": []}");

        for (String other : others) {
            assertThat(adapter().detect(source(other)).isMatch()).as(other).isFalse();
        }
    }

    // The rows below depend on the format: they write entries in the kit's frame.

    @Test
    void readsNullAndEmptyVulnerabilitiesAsNoEntriesAndMissingOnesOnlyForAProjectSnykFoundOk() {
        for (String json : List.of(
                "{\"ok\": false, \"packageManager\": \"npm\", \"vulnerabilities\": null}",
                "{\"ok\": false, \"packageManager\": \"npm\", \"vulnerabilities\": []}",
                "{\"ok\": true, \"packageManager\": \"npm\", \"projectName\": \"app\"}")) {
            assertThat(readDocument(json).counts()).as(json).isEqualTo(new ReportCounts(0, 0, 0, 0));
        }
        assertThatThrownBy(() -> readDocument("{\"ok\": false, \"packageManager\": \"npm\"}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessage(
                        "snyk.json:1:1 (/): not a Snyk project: no vulnerabilities array (and not a project Snyk found ok)");
    }

    @Test
    void readsANullAbsentOrEmptySeverityAsUnknownWithoutAProblem() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "name": "a", "severity": null},
                {"id": "SNYK-2", "name": "b"},
                {"id": "SNYK-3", "name": "c", "severity": "", "severityWithCritical": ""}
                """);

        assertThat(report.findings()).extracting(f -> f.severity()).containsOnly(Severity.UNKNOWN);
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void readsNullEmptyOrBlankFixesAsNotFixed() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "name": "a", "severity": "low", "fixedIn": null, "nearestFixedInVersion": null},
                {"id": "SNYK-2", "name": "b", "severity": "low", "fixedIn": [], "upgradePath": []},
                {"id": "SNYK-3", "name": "c", "severity": "low", "fixedIn": ["", " "], "nearestFixedInVersion": "",
                 "upgradePath": [false, "c@"]}
                """);

        assertThat(report.findings()).allSatisfy(f -> {
            assertThat(f.fix().state()).isEqualTo(FixState.NOT_FIXED);
            assertThat(f.fix().versions()).isEmpty();
        });
    }

    @Test
    void refusesVulnerabilitiesBesideNoneOfSnyksProjectFields() {
        assertThatThrownBy(
                        () -> readDocument(
                                "{\"bomFormat\": \"CycloneDX\", \"vulnerabilities\": [{\"id\": \"CVE-1\", \"affects\": [{\"ref\": \"a\"}]}]}"))
                .isExactlyInstanceOf(UnsupportedReportException.class)
                .hasMessageStartingWith(
                        "snyk.json:1:1 (/): not a Snyk project: a vulnerabilities array without any of Snyk's"
                                + " project fields");
    }

    @Test
    void endsTextWhereAListOrAnObjectBelongsInALocatedException() {
        assertThatThrownBy(() ->
                        readEntries("{\"id\": \"SNYK-1\", \"name\": \"a\", \"identifiers\": {\"CVE\": \"CVE-1\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("snyk.json:2:")
                .hasMessageContaining("(/vulnerabilities/0/identifiers/CVE): unexpected value:");
        assertThatThrownBy(() -> readEntries("{\"id\": \"SNYK-1\", \"name\": \"a\", \"upgradePath\": \"a@2\"}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/vulnerabilities/0/upgradePath): unexpected value:");
        assertThatThrownBy(() -> readEntries("{\"id\": \"SNYK-1\", \"name\": \"a\", \"epssDetails\": [\"0.1\"]}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageContaining("(/vulnerabilities/0/epssDetails): unexpected value:");
    }

    @Test
    void dropsAnInfiniteOr30DigitScoreAndRecordsIt() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "name": "a", "severity": "low", "cvssScore": 1e999},
                {"id": "SNYK-2", "name": "b", "severity": "low", "cvssScore": 123456789012345678901234567890}
                """);

        assertThat(report.findings())
                .allSatisfy(f -> assertThat(f.vulnerability().ratings())
                        .singleElement()
                        .satisfies(r -> assertThat(r.score()).isEmpty()));
        assertThat(report.problems())
                .extracting(p -> p.location().path() + ": " + p.message())
                .containsExactly(
                        "/vulnerabilities/0/cvssScore: CVSS score Infinity outside 0..10: dropped",
                        "/vulnerabilities/1/cvssScore: CVSS score 1.2345678901234568E29 outside 0..10: dropped");
    }

    @Test
    void keepsEverySiblingOfUnknownEnumeratedValues() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "name": "a", "version": "1.0", "severity": "severe", "nvdSeverity": "dire",
                 "packageManager": "future-manager", "fixedIn": ["1.1"], "identifiers": {"CVE": ["CVE-1"], "CWE": ["CWE-79"]},
                 "cvssDetails": [{"assigner": "NVD", "severity": "extreme", "cvssV3BaseScore": 9.1}]},
                {"id": "SNYK-2", "name": "b", "severity": "low"}
                """);

        assertThat(report.findings()).hasSize(2);
        assertThat(report.findings().get(0)).satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(finding.fix().versions()).containsExactly("1.1");
            assertThat(finding.pkg().version()).hasValue("1.0");
            assertThat(finding.vulnerability().aliases()).containsExactly("CVE-1");
            assertThat(finding.vulnerability().cwes()).containsExactly("CWE-79");
            assertThat(finding.vulnerability().ratings())
                    .extracting(r -> r.source() + " " + r.score().orElse(null))
                    .containsExactly("nvd 9.1");
        });
        assertThat(report.findings().get(1).severity()).isEqualTo(Severity.LOW);
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactlyInAnyOrder("/vulnerabilities/0/severity", "/vulnerabilities/0/cvssDetails/0/severity");
    }

    @Test
    void keepsNonAsciiPackageNamesInTheirPackageUrl() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "name": "@sc\u00f6pe/caf\u00e9", "version": "1.0.0", "severity": "low"}
                """);

        assertThat(report.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.pkg().name()).isEqualTo("@sc\u00f6pe/caf\u00e9");
            assertThat(finding.pkg().purl()).hasValue("pkg:npm/%40sc%C3%B6pe/caf%C3%A9@1.0.0");
        });
    }

    @Test
    void reportsAKeyOfAnEntryOrAProjectSpelledInAnotherCaseInsteadOfReadingPastIt() {
        ScanReport report = readEntries("""
                {"id": "SNYK-1", "severity": "high", "packageName": "a", "version": "1", "FixedIn": ["2"]}
                """);

        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.fix().versions()).isEmpty());
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.IGNORED_VALUE);
            assertThat(problem.location().path()).isEqualTo("/vulnerabilities/0/FixedIn");
            assertThat(problem.message()).startsWith("\"FixedIn\" is not \"fixedIn\"");
        });
        ScanReport project = readDocument("""
                {"Vulnerabilities": [{"id": "SNYK-1", "severity": "high", "packageName": "a", "version": "1"}],
                 "vulnerabilities": [], "ok": true, "packageManager": "npm", "projectName": "app"}
                """);
        assertThat(project.problems()).extracting(p -> p.location().path()).containsExactly("/Vulnerabilities");
    }
}
