package dev.shelflife.policy;

import static dev.shelflife.policy.Records.T0;
import static dev.shelflife.policy.Records.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Component;
import dev.shelflife.EvidenceKind;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.InstalledPackage;
import dev.shelflife.Rating;
import dev.shelflife.ReportFormat;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.Stage;
import dev.shelflife.VexStatement;
import dev.shelflife.Vulnerability;
import dev.shelflife.policy.merge.Disagreement;
import dev.shelflife.policy.merge.FindingGroup;
import dev.shelflife.policy.merge.MergedFindings;
import dev.shelflife.policy.merge.SeverityRule;
import dev.shelflife.policy.merge.Sighting;
import dev.shelflife.policy.rule.RemediationSla;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MergedFindingsTest {

    private static final InstalledPackage SETUPTOOLS_TRIVY = InstalledPackage.builder("setuptools")
            .version("69.0.3")
            .purl("pkg:pypi/setuptools@69.0.3")
            .type("python-pkg")
            .path("usr/local/lib/python3.12/site-packages")
            .build();
    private static final InstalledPackage SETUPTOOLS_GRYPE = InstalledPackage.builder("setuptools")
            .version("69.0.3")
            .purl("pkg:pypi/setuptools@69.0.3")
            .type("python")
            .build();

    private static Finding finding(Vulnerability.Builder vulnerability, InstalledPackage pkg, Fix fix) {
        return new Finding(vulnerability.build(), pkg, fix, "");
    }

    private static Finding deb(String id, Severity severity, String source, String name, String version, Fix fix) {
        return finding(
                Vulnerability.builder(id).severity(severity).severitySource(source),
                InstalledPackage.builder(name)
                        .version(version)
                        .type("deb")
                        .purl("pkg:deb/debian/" + name + "@" + version + "?arch=amd64")
                        .build(),
                fix);
    }

    @Test
    void mergesATrivyAndAGrypeFindingOfOneVulnerabilityIntoOneGroupWithBothSources() {
        Finding trivy = finding(
                Vulnerability.builder("CVE-2024-6345")
                        .severity(Severity.HIGH)
                        .severitySource("ghsa")
                        .title("pypa/setuptools: Remote code execution via download functions")
                        .published(Instant.parse("2024-07-15T01:15:01Z")),
                SETUPTOOLS_TRIVY,
                Fix.fixed("70.0.0"));
        Finding grype = finding(
                Vulnerability.builder("GHSA-cx63-2mw6-8hw5")
                        .alias("CVE-2024-6345")
                        .severity(Severity.HIGH)
                        .severitySource("github:language:python"),
                SETUPTOOLS_GRYPE,
                Fix.fixed("70.0.0"));

        MergedFindings merged = MergedFindings.of(List.of(report("Trivy", T0, trivy), report("Grype", T0, grype)));

        assertThat(merged.scanners()).extracting(ScannerTool::name).containsExactly("Trivy", "Grype");
        assertThat(merged.groups()).singleElement().satisfies(group -> {
            assertThat(group.id()).isEqualTo("CVE-2024-6345");
            assertThat(group.finding().vulnerability().aliases()).containsExactly("GHSA-cx63-2mw6-8hw5");
            assertThat(group.finding().vulnerability().title())
                    .contains("pypa/setuptools: Remote code execution via download functions");
            assertThat(group.finding().vulnerability().published()).contains(Instant.parse("2024-07-15T01:15:01Z"));
            assertThat(group.packageIdentity()).isEqualTo("pypi/setuptools");
            assertThat(group.version()).contains("69.0.3");
            assertThat(group.scanners()).containsExactly("Trivy", "Grype");
            assertThat(group.sightings())
                    .extracting(s -> s.scanner().name(), Sighting::finding)
                    .containsExactly(tuple("Trivy", trivy), tuple("Grype", grype));
            assertThat(group.finding().fix()).isEqualTo(Fix.fixed("70.0.0"));
        });
        assertThat(merged.disagreements()).isEmpty();
        assertThat(merged.group(grype)).contains(merged.groups().get(0));
        assertThat(merged.group(merged.groups().get(0).finding()))
                .contains(merged.groups().get(0));
    }

    @Test
    void findsTheGroupOfALoneFindingWhoseIdTheGroupReplaces() {
        Finding grype = finding(
                Vulnerability.builder("GHSA-cx63-2mw6-8hw5")
                        .alias("CVE-2024-6345")
                        .severity(Severity.HIGH)
                        .severitySource("github:language:python"),
                SETUPTOOLS_GRYPE,
                Fix.fixed("70.0.0"));

        MergedFindings merged = MergedFindings.of(List.of(report("Grype", T0, grype)));

        FindingGroup group = merged.groups().get(0);
        assertThat(group.id()).isEqualTo("CVE-2024-6345");
        assertThat(group.finding()).isNotSameAs(grype);
        assertThat(merged.group(grype)).containsSame(group);
        assertThat(merged.group(group.finding())).containsSame(group);
    }

    @Test
    void findsTheGroupOfAnEqualCopyOfAFinding() {
        Finding original =
                deb("CVE-2023-5678", Severity.MEDIUM, "debian", "openssl", "3.0.11-1", Fix.fixed("3.0.13-1"));
        Finding copy = new Finding(original.vulnerability(), original.pkg(), original.fix(), original.target());

        MergedFindings merged = MergedFindings.of(List.of(report(
                "Trivy",
                T0,
                deb("CVE-2023-0001", Severity.LOW, "debian", "zlib1g", "1.2.13", Fix.of(FixState.NOT_FIXED)),
                original)));

        assertThat(copy).isNotSameAs(original).isEqualTo(original);
        assertThat(merged.group(copy)).contains(merged.groups().get(1));
        assertThat(merged.group(
                        deb("CVE-2023-5678", Severity.MEDIUM, "debian", "openssl", "3.0.12-1", Fix.fixed("3.0.13-1"))))
                .isEmpty();
    }

    @Test
    void joinsFindingsThatNameTheSameCveAndFindingsWithoutCveThatShareAnIdTransitively() {
        InstalledPackage jinja = InstalledPackage.builder("Jinja2")
                .version("3.1.3")
                .purl("pkg:pypi/jinja2@3.1.3")
                .build();
        Finding byGhsa = finding(
                Vulnerability.builder("GHSA-h75v-3vvj-5mfj").alias("CVE-2024-34064"), jinja, Fix.fixed("3.1.4"));
        Finding bySnyk = finding(
                Vulnerability.builder("SNYK-PYTHON-JINJA2-6809379")
                        .alias("cve-2024-34064")
                        .alias("GHSA-h75v-3vvj-5mfj"),
                jinja,
                Fix.fixed("3.1.4"));
        Finding byCve = finding(Vulnerability.builder("CVE-2024-34064"), jinja, Fix.fixed("3.1.4"));
        Finding other = finding(Vulnerability.builder("CVE-2024-22195"), jinja, Fix.fixed("3.1.3"));
        Finding noCveByTrivy = finding(Vulnerability.builder("GHSA-aaaa-bbbb-cccc"), jinja, Fix.fixed("3.1.5"));
        Finding noCveByGrype =
                finding(Vulnerability.builder("ghsa-aaaa-bbbb-cccc").alias("PYSEC-2025-1"), jinja, Fix.fixed("3.1.5"));
        Finding noCveBySnyk = finding(Vulnerability.builder("PYSEC-2025-1"), jinja, Fix.fixed("3.1.5"));

        MergedFindings merged = MergedFindings.of(List.of(
                report("Grype", T0, byGhsa, other, noCveByGrype),
                report("Snyk", T0, bySnyk, noCveBySnyk),
                report("Trivy", T0, byCve, noCveByTrivy)));

        assertThat(merged.groups())
                .extracting(
                        FindingGroup::id,
                        g -> g.finding().vulnerability().aliases(),
                        g -> g.sightings().size())
                .containsExactly(
                        tuple("CVE-2024-34064", List.of("GHSA-h75v-3vvj-5mfj", "SNYK-PYTHON-JINJA2-6809379"), 3),
                        tuple("CVE-2024-22195", List.of(), 1),
                        tuple("ghsa-aaaa-bbbb-cccc", List.of("PYSEC-2025-1"), 3));
    }

    @Test
    void keepsPackagesAndVersionsApart() {
        Finding libc6 =
                deb("CVE-2024-2961", Severity.HIGH, "nvd", "libc6", "2.36-9+deb12u4", Fix.fixed("2.36-9+deb12u7"));
        Finding libcBin =
                deb("CVE-2024-2961", Severity.HIGH, "nvd", "libc-bin", "2.36-9+deb12u4", Fix.fixed("2.36-9+deb12u7"));
        Finding olderLibc6 =
                deb("CVE-2024-2961", Severity.HIGH, "nvd", "libc6", "2.36-9+deb12u3", Fix.fixed("2.36-9+deb12u7"));
        InstalledPackage zlib = InstalledPackage.builder("zlib")
                .version("1.2.13")
                .purl("pkg:generic/zlib@1.2.13")
                .build();
        InstalledPackage curl = InstalledPackage.builder("curl")
                .version("8.5.0")
                .purl("pkg:generic/curl@8.5.0")
                .build();
        Finding advisoryOfTwo =
                finding(Vulnerability.builder("ADV-1").alias("CVE-1").alias("CVE-2"), zlib, Fix.of(FixState.UNKNOWN));
        Finding curlOne = finding(Vulnerability.builder("CVE-1"), curl, Fix.of(FixState.UNKNOWN));
        Finding curlTwo = finding(Vulnerability.builder("CVE-2"), curl, Fix.of(FixState.UNKNOWN));

        MergedFindings merged = MergedFindings.of(
                List.of(report("Trivy", T0, libc6, libcBin, olderLibc6, advisoryOfTwo, curlOne, curlTwo)));

        assertThat(merged.groups())
                .extracting(
                        FindingGroup::id,
                        FindingGroup::packageIdentity,
                        g -> g.version().orElseThrow())
                .containsExactly(
                        tuple("CVE-2024-2961", "deb/libc6", "2.36-9+deb12u4"),
                        tuple("CVE-2024-2961", "deb/libc-bin", "2.36-9+deb12u4"),
                        tuple("CVE-2024-2961", "deb/libc6", "2.36-9+deb12u3"),
                        tuple("ADV-1", "generic/zlib", "1.2.13"),
                        tuple("CVE-1", "generic/curl", "8.5.0"),
                        tuple("CVE-2", "generic/curl", "8.5.0"));
    }

    @Test
    void identifiesAPackageByItsPackageUrlOrElseByItsNameAndEcosystem() {
        Finding legacyTrivy = finding(
                Vulnerability.builder("CVE-2011-3374").severity(Severity.LOW).severitySource("debian"),
                InstalledPackage.builder("apt")
                        .version("1.8.2.2")
                        .type("debian")
                        .build(),
                Fix.of(FixState.NOT_FIXED));
        Finding grype = finding(
                Vulnerability.builder("CVE-2011-3374").severity(Severity.NEGLIGIBLE),
                InstalledPackage.builder("apt")
                        .version("1.8.2.2")
                        .type("deb")
                        .purl("pkg:deb/debian/apt@1.8.2.2?arch=amd64")
                        .build(),
                Fix.of(FixState.NOT_FIXED));
        Finding trivyJar = finding(
                Vulnerability.builder("CVE-2022-1471"),
                InstalledPackage.builder("org.yaml:snakeyaml")
                        .version("1.33")
                        .type("jar")
                        .build(),
                Fix.fixed("2.0"));
        Finding grypeJar = finding(
                Vulnerability.builder("GHSA-mjmj-j48q-9wg2").alias("CVE-2022-1471"),
                InstalledPackage.builder("snakeyaml")
                        .version("1.33")
                        .type("java-archive")
                        .purl("pkg:maven/org.yaml/snakeyaml@1.33")
                        .build(),
                Fix.fixed("2.0"));
        Finding trivyPython = finding(
                Vulnerability.builder("CVE-2023-1"),
                InstalledPackage.builder("Typing_Extensions")
                        .version("4.0")
                        .type("python-pkg")
                        .build(),
                Fix.fixed("4.1"));
        Finding grypePython = finding(
                Vulnerability.builder("CVE-2023-1"),
                InstalledPackage.builder("typing-extensions")
                        .version("4.0")
                        .purl("pkg:pypi/typing-extensions@4.0")
                        .build(),
                Fix.fixed("4.1"));

        MergedFindings merged = MergedFindings.of(List.of(
                report("Trivy", T0, legacyTrivy, trivyJar, trivyPython),
                report("Grype", T0, grype, grypeJar, grypePython)));

        assertThat(merged.groups())
                .extracting(FindingGroup::packageIdentity, g -> g.scanners())
                .containsExactly(
                        tuple("deb/apt", List.of("Trivy", "Grype")),
                        tuple("maven/org.yaml/snakeyaml", List.of("Trivy", "Grype")),
                        tuple("pypi/typing-extensions", List.of("Trivy", "Grype")));
        assertThat(merged.groups().get(0).finding().pkg().purl())
                .as("the package that waivers by purl can match")
                .contains("pkg:deb/debian/apt@1.8.2.2?arch=amd64");
    }

    @Test
    void choosesTheEffectiveSeverityByTheConfiguredRule() {
        Finding trivy = finding(
                Vulnerability.builder("CVE-2023-45853")
                        .severity(Severity.CRITICAL)
                        .severitySource("nvd")
                        .rating(Rating.of("nvd", Severity.CRITICAL, 9.8, null))
                        .rating(Rating.of("debian", Severity.LOW, null, null))
                        .rating(Rating.of("redhat", Severity.HIGH, null, null)),
                InstalledPackage.builder("zlib1g")
                        .version("1:1.2.13.dfsg-1")
                        .type("debian")
                        .build(),
                Fix.of(FixState.WONT_FIX));
        Finding grype = finding(
                Vulnerability.builder("CVE-2023-45853")
                        .severity(Severity.MEDIUM)
                        .severitySource("debian:distro:debian:12"),
                InstalledPackage.builder("zlib1g")
                        .version("1:1.2.13.dfsg-1")
                        .type("deb")
                        .build(),
                Fix.of(FixState.WONT_FIX));
        List<ScanReport> reports = List.of(report("Trivy", T0, trivy), report("Grype", T0, grype));

        FindingGroup highest =
                MergedFindings.of(reports, SeverityRule.HIGHEST).groups().get(0);
        FindingGroup vendor =
                MergedFindings.of(reports, SeverityRule.PREFER_VENDOR).groups().get(0);
        FindingGroup preferGrype = MergedFindings.of(reports, SeverityRule.preferScanner("GRYPE"))
                .groups()
                .get(0);
        FindingGroup preferSnyk = MergedFindings.of(reports, SeverityRule.preferScanner("Snyk"))
                .groups()
                .get(0);
        FindingGroup trivyAlone = MergedFindings.of(List.of(report("Trivy", T0, trivy)), SeverityRule.PREFER_VENDOR)
                .groups()
                .get(0);

        assertThat(highest)
                .extracting(
                        FindingGroup::severity,
                        g -> g.finding().vulnerability().severitySource(),
                        FindingGroup::severityScanner)
                .containsExactly(Severity.CRITICAL, Optional.of("nvd"), "Trivy");
        assertThat(vendor)
                .extracting(
                        FindingGroup::severity,
                        g -> g.finding().vulnerability().severitySource(),
                        FindingGroup::severityScanner)
                .containsExactly(Severity.MEDIUM, Optional.of("debian:distro:debian:12"), "Grype");
        assertThat(preferGrype.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(preferSnyk.severity()).as("falls back to the highest").isEqualTo(Severity.CRITICAL);
        assertThat(trivyAlone)
                .extracting(
                        FindingGroup::severity, g -> g.finding().vulnerability().severitySource())
                .as("the distribution's own rating in the report, not another vendor's")
                .containsExactly(Severity.LOW, Optional.of("debian"));
        assertThat(trivyAlone.finding().vulnerability().ratings())
                .isEqualTo(trivy.vulnerability().ratings());
    }

    @Test
    void prefersTheScannersVendorSeverityForALanguagePackage() {
        Finding trivy = finding(
                Vulnerability.builder("CVE-2024-6345")
                        .severity(Severity.HIGH)
                        .severitySource("ghsa")
                        .rating(Rating.of("redhat", Severity.CRITICAL, null, null)),
                SETUPTOOLS_TRIVY,
                Fix.fixed("70.0.0"));
        Finding grype = finding(
                Vulnerability.builder("CVE-2024-6345")
                        .severity(Severity.CRITICAL)
                        .severitySource("nvd:cpe"),
                SETUPTOOLS_GRYPE,
                Fix.fixed("70.0.0"));

        FindingGroup vendor = MergedFindings.of(
                        List.of(report("Trivy", T0, trivy), report("Grype", T0, grype)), SeverityRule.PREFER_VENDOR)
                .groups()
                .get(0);
        FindingGroup nvdOnly = MergedFindings.of(List.of(report("Grype", T0, grype)), SeverityRule.PREFER_VENDOR)
                .groups()
                .get(0);

        assertThat(vendor)
                .extracting(FindingGroup::severity, FindingGroup::severityScanner)
                .containsExactly(Severity.HIGH, "Trivy");
        assertThat(nvdOnly.severity()).as("no vendor rated it").isEqualTo(Severity.CRITICAL);
    }

    @Test
    void keepsASingleScannersFindingUnchangedWhenTheRuleKeepsItsSeverity() {
        Finding trivy = deb(
                "CVE-2024-5535", Severity.LOW, "debian", "openssl", "3.0.13-1~deb12u1", Fix.fixed("3.0.14-1~deb12u2"));

        MergedFindings merged = MergedFindings.of(List.of(report("Trivy", T0, trivy)), SeverityRule.HIGHEST);

        assertThat(merged.groups())
                .singleElement()
                .satisfies(group -> assertThat(group.finding()).isSameAs(trivy));
    }

    @Test
    void mergesFixesFixedWhenAnyScannerKnowsAFixWithEveryVersionOffered() {
        InstalledPackage urllib3 = InstalledPackage.builder("urllib3")
                .version("2.0.7")
                .purl("pkg:pypi/urllib3@2.0.7")
                .build();
        Finding trivy = finding(Vulnerability.builder("CVE-2024-37891"), urllib3, Fix.fixed("1.26.19", "2.2.2"));
        Finding grype = finding(Vulnerability.builder("CVE-2024-37891"), urllib3, Fix.fixed("2.2.2"));
        Finding snyk = finding(Vulnerability.builder("CVE-2024-37891"), urllib3, Fix.of(FixState.NOT_FIXED));
        Finding wontFix = finding(Vulnerability.builder("CVE-1"), urllib3, Fix.of(FixState.WONT_FIX));
        Finding unknown = finding(Vulnerability.builder("CVE-1"), urllib3, Fix.of(FixState.UNKNOWN));

        MergedFindings merged = MergedFindings.of(List.of(
                report("Snyk", T0, snyk, unknown), report("Trivy", T0, trivy, wontFix), report("Grype", T0, grype)));

        assertThat(merged.groups())
                .extracting(g -> g.finding().fix())
                .containsExactly(Fix.fixed("1.26.19", "2.2.2"), Fix.of(FixState.WONT_FIX));
    }

    @Test
    void reportsEachKindOfDisagreement() {
        Finding onlyTrivy =
                deb("TEMP-0841856-B18BAF", Severity.LOW, "debian", "bash", "5.2.15-2+b7", Fix.of(FixState.NOT_FIXED));
        Finding tarTrivy = deb(
                "CVE-2005-2541", Severity.LOW, "debian", "tar", "1.34+dfsg-1.2+deb12u1", Fix.of(FixState.NOT_FIXED));
        Finding tarGrype = deb(
                "CVE-2005-2541",
                Severity.NEGLIGIBLE,
                "debian:distro:debian:12",
                "tar",
                "1.34+dfsg-1.2+deb12u1",
                Fix.of(FixState.NOT_FIXED));
        InstalledPackage urllib3 = InstalledPackage.builder("urllib3")
                .version("2.0.7")
                .purl("pkg:pypi/urllib3@2.0.7")
                .build();
        Finding urllib3Trivy = finding(
                Vulnerability.builder("CVE-2024-37891").severity(Severity.MEDIUM),
                urllib3,
                Fix.fixed("1.26.19", "2.2.2"));
        Finding urllib3Grype = finding(
                Vulnerability.builder("GHSA-34jh-p97f-mpxf")
                        .alias("CVE-2024-37891")
                        .severity(Severity.MEDIUM),
                urllib3,
                Fix.fixed("2.2.2"));
        Finding sqliteTrivy =
                deb("CVE-2023-7104", Severity.HIGH, "nvd", "libsqlite3-0", "3.40.1-2", Fix.fixed("3.40.1-2+deb12u1"));
        Finding sqliteGrype =
                deb("CVE-2023-7104", Severity.HIGH, "nvd", "libsqlite3-0", "3.40.1-2", Fix.of(FixState.WONT_FIX));

        MergedFindings merged = MergedFindings.of(List.of(
                report("Trivy", T0, onlyTrivy, tarTrivy, urllib3Trivy, sqliteTrivy),
                report("Grype", T0, tarGrype, urllib3Grype, sqliteGrype)));

        assertThat(merged.disagreements())
                .extracting(Disagreement::kind, d -> d.group().id(), Disagreement::message)
                .containsExactly(
                        tuple(
                                Disagreement.Kind.ONE_SCANNER_ONLY,
                                "TEMP-0841856-B18BAF",
                                "TEMP-0841856-B18BAF in bash 5.2.15-2+b7: reported by Trivy only, not by Grype"),
                        tuple(
                                Disagreement.Kind.SEVERITY,
                                "CVE-2005-2541",
                                "CVE-2005-2541 in tar 1.34+dfsg-1.2+deb12u1: Trivy LOW (debian), "
                                        + "Grype NEGLIGIBLE (debian:distro:debian:12); LOW retained (Trivy)"),
                        tuple(
                                Disagreement.Kind.FIXED_IN,
                                "CVE-2024-37891",
                                "CVE-2024-37891 in urllib3 2.0.7: Trivy fixed in 1.26.19, 2.2.2; Grype fixed in 2.2.2"),
                        tuple(
                                Disagreement.Kind.FIX_STATE,
                                "CVE-2023-7104",
                                "CVE-2023-7104 in libsqlite3-0 3.40.1-2: Trivy FIXED 3.40.1-2+deb12u1, Grype WONT_FIX"));
    }

    private static InstalledPackage goModule(String type, String name, String version) {
        return InstalledPackage.builder(name)
                .version(version)
                .type(type)
                .purl("pkg:golang/" + name + "@" + version)
                .build();
    }

    @Test
    void readsAGoVersionWithAndWithoutItsVAsOneVersionAndOneFixedVersion() {
        Finding trivy = finding(
                Vulnerability.builder("CVE-2024-24786").severity(Severity.MEDIUM),
                goModule("gobinary", "google.golang.org/protobuf", "1.31.0"),
                Fix.fixed("1.33.0"));
        Finding grype = finding(
                Vulnerability.builder("GHSA-8r3f-844c-mc37")
                        .alias("CVE-2024-24786")
                        .severity(Severity.MEDIUM),
                goModule("go-module", "google.golang.org/protobuf", "v1.31.0"),
                Fix.fixed("v1.33.0"));
        Finding stdlibTrivy = finding(
                Vulnerability.builder("CVE-2024-24790").severity(Severity.CRITICAL),
                goModule("gobinary", "stdlib", "v1.21.0"),
                Fix.fixed("1.21.11", "1.22.4"));
        Finding stdlibGrype = finding(
                Vulnerability.builder("CVE-2024-24790").severity(Severity.CRITICAL),
                goModule("go-module", "stdlib", "go1.21.0"),
                Fix.fixed("1.22.4", "v1.21.11"));

        MergedFindings merged = MergedFindings.of(
                List.of(report("Trivy", T0, trivy, stdlibTrivy), report("Grype", T0, grype, stdlibGrype)));

        assertThat(merged.groups())
                .extracting(
                        FindingGroup::id,
                        g -> g.version().orElseThrow(),
                        g -> g.finding().fix().versions(),
                        FindingGroup::scanners)
                .containsExactly(
                        tuple("CVE-2024-24786", "1.31.0", List.of("1.33.0"), List.of("Trivy", "Grype")),
                        tuple("CVE-2024-24790", "v1.21.0", List.of("1.21.11", "1.22.4"), List.of("Trivy", "Grype")));
        assertThat(merged.disagreements()).isEmpty();
    }

    @Test
    void keepsEveryOtherEcosystemsVersionAsWritten() {
        Finding epoch = deb("CVE-1", Severity.LOW, "debian", "zlib1g", "1:1.2.13.dfsg-1", Fix.fixed("1:1.3-1"));
        Finding noEpoch = deb("CVE-1", Severity.LOW, "debian", "zlib1g", "1.2.13.dfsg-1", Fix.fixed("1.3-1"));
        Finding npmV =
                finding(Vulnerability.builder("CVE-2"), InstalledPackage.of("left-pad", "v1.3.0"), Fix.fixed("1.3.1"));
        Finding npm =
                finding(Vulnerability.builder("CVE-2"), InstalledPackage.of("left-pad", "1.3.0"), Fix.fixed("v1.3.1"));

        MergedFindings merged =
                MergedFindings.of(List.of(report("Trivy", T0, epoch, npmV), report("Grype", T0, noEpoch, npm)));

        assertThat(merged.groups())
                .extracting(FindingGroup::id, g -> g.version().orElseThrow())
                .containsExactly(
                        tuple("CVE-1", "1:1.2.13.dfsg-1"),
                        tuple("CVE-2", "v1.3.0"),
                        tuple("CVE-1", "1.2.13.dfsg-1"),
                        tuple("CVE-2", "1.3.0"));
    }

    @Test
    void reportsNoDisagreementWithOneScannerAndCountsNeitherAnSbomNorAVexDocumentAsOne() {
        Finding onlyTrivy = deb("CVE-1", Severity.LOW, "debian", "bash", "5.2", Fix.of(FixState.NOT_FIXED));
        ScanReport sbom = ScanReport.builder(
                        EvidenceKind.INVENTORY,
                        ReportFormat.of("cyclonedx", "cyclonedx-json", "1.6"),
                        ScannerTool.of("syft", "1.0"))
                .component(new Component(
                        "bash",
                        Optional.of("5.2"),
                        Optional.of("pkg:deb/debian/bash@5.2"),
                        Optional.of("library"),
                        Optional.empty()))
                .build();
        ScanReport vexDocument = ScanReport.builder(
                        EvidenceKind.ASSESSMENT,
                        ReportFormat.of("cyclonedx", "cyclonedx-json", "1.6"),
                        ScannerTool.of("acme-security", null))
                .finding(deb("CVE-2", Severity.HIGH, "acme", "bash", "5.2", Fix.of(FixState.UNKNOWN)))
                .vexStatement(new VexStatement(
                        "CVE-2",
                        List.of(),
                        List.of(),
                        VexStatement.State.NOT_AFFECTED,
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        Optional.empty()))
                .build();
        ScanReport emptyGrype = report("Grype", T0);

        MergedFindings withSbomAndVex = MergedFindings.of(List.of(report("Trivy", T0, onlyTrivy), sbom, vexDocument));
        MergedFindings withGrype = MergedFindings.of(List.of(report("Trivy", T0, onlyTrivy), emptyGrype));

        assertThat(withSbomAndVex.scanners()).extracting(ScannerTool::name).containsExactly("Trivy");
        assertThat(withSbomAndVex.groups()).extracting(FindingGroup::id).containsExactly("CVE-1");
        assertThat(withSbomAndVex.disagreements()).isEmpty();
        assertThat(withGrype.scanners()).extracting(ScannerTool::name).containsExactly("Trivy", "Grype");
        assertThat(withGrype.disagreements())
                .extracting(Disagreement::kind)
                .containsExactly(Disagreement.Kind.ONE_SCANNER_ONLY);
    }

    @Test
    void letsTheEngineJudgeOneFindingAndCountItsFirstSightingWhicheverScannerSpelledThePackage() {
        Finding trivyJar = finding(
                Vulnerability.builder("CVE-2022-1471").severity(Severity.HIGH),
                InstalledPackage.builder("org.yaml:snakeyaml")
                        .version("1.33")
                        .type("jar")
                        .build(),
                Fix.fixed("2.0"));
        Finding grypeJar = finding(
                Vulnerability.builder("GHSA-mjmj-j48q-9wg2")
                        .alias("CVE-2022-1471")
                        .severity(Severity.HIGH),
                InstalledPackage.builder("snakeyaml")
                        .version("1.33")
                        .type("java-archive")
                        .purl("pkg:maven/org.yaml/snakeyaml@1.33")
                        .build(),
                Fix.fixed("2.0"));
        Policy policy = Policy.builder()
                .stage(Stage.DEPLOY, Mode.ENFORCE, RemediationSla.of(Map.of(Severity.HIGH, Duration.ofDays(30))))
                .build();

        Verdict verdict = PolicyEngine.of(policy)
                .evaluate(
                        Records.record(
                                report("Trivy", Records.days(-40), trivyJar),
                                report("Trivy", Records.days(-1), trivyJar),
                                report("Grype", Records.days(-1), grypeJar)),
                        Stage.DEPLOY,
                        T0);

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.clockValue())
                    .as("first seen by Trivy, under the other name")
                    .contains(Records.days(-40));
            assertThat(v.group().orElseThrow().scanners()).containsExactly("Trivy", "Grype");
        });
    }

    @Test
    void readsSeverityRulesAsTheCommandLineWritesThem() {
        assertThat(SeverityRule.parse("highest")).isEqualTo(SeverityRule.HIGHEST);
        assertThat(SeverityRule.parse(" Vendor ")).isEqualTo(SeverityRule.PREFER_VENDOR);
        assertThat(SeverityRule.parse("scanner:Grype")).isEqualTo(SeverityRule.preferScanner("Grype"));
        assertThat(SeverityRule.preferScanner("Grype")).hasToString("scanner:Grype");
        assertThatThrownBy(() -> SeverityRule.parse("scanner:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown severity rule \"scanner:\": expected highest, vendor or scanner:NAME");
        assertThatThrownBy(() -> SeverityRule.parse("lowest")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeverityRule(SeverityRule.Kind.HIGHEST, Optional.of("Trivy")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
