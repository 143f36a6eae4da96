package dev.shelflife.trivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shelflife.Artifact;
import dev.shelflife.BaseImage;
import dev.shelflife.Finding;
import dev.shelflife.Fix;
import dev.shelflife.FixState;
import dev.shelflife.Image;
import dev.shelflife.ImageRef;
import dev.shelflife.Problem;
import dev.shelflife.Rating;
import dev.shelflife.ReportFormat;
import dev.shelflife.ReportParseException;
import dev.shelflife.ScanReport;
import dev.shelflife.ScannerTool;
import dev.shelflife.Severity;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.testkit.EntryFrame;
import dev.shelflife.testkit.KitSample;
import dev.shelflife.testkit.KitSetup;
import dev.shelflife.testkit.KitTemplate;
import dev.shelflife.testkit.ScannerAdapterKit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrivyScannerAdapterTest extends ScannerAdapterKit {

    private static final TrivyScannerAdapter ADAPTER = new TrivyScannerAdapter();
    private static final String CHECKOUT = "registry.example.com:5000/shop/checkout";

    TrivyScannerAdapterTest() {
        super(KitSetup.of(ADAPTER)
                .sample(sample("legacy-array.json", 3))
                .sample(sample("schema2-image.json", 4))
                .sample(sample("k8s-resources.json", 3))
                .template(KitTemplate.json("schema2.json", """
                        {"SchemaVersion": 2, $TOP$"ArtifactName": "alpine:3.19", "ArtifactType": "container_image",
                         "Results": [{"Target": "alpine:3.19 (alpine 3.19.1)", "Class": "os-pkgs", "Type": "alpine",
                           "Vulnerabilities": [
                             {$ENTRY$"VulnerabilityID": "CVE-2024-0001", "PkgName": "musl$TEXT$", "InstalledVersion": "1.2.4-r2",
                              "FixedVersion": "1.2.4-r3", "Severity": "HIGH", "VendorSeverity": {"nvd": 3},
                              "CVSS": {"nvd": {"V3Vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "V3Score": 9.8}}},
                             {"VulnerabilityID": "CVE-2024-0002", "PkgName": "busybox", "InstalledVersion": "1.36.1-r15",
                              "Severity": "LOW"}]}]}
                        """)
                        .entries(2)
                        .entryAt("/Results/0/Vulnerabilities/0")
                        .textAt("/Results/0/Vulnerabilities/0/PkgName"))
                .template(KitTemplate.json("legacy.json", """
                        [{$TOP$"Target": "alpine:3.9 (alpine 3.9.4)", "Type": "alpine", "Vulnerabilities": [
                           {$ENTRY$"VulnerabilityID": "CVE-2019-14697", "PkgName": "musl$TEXT$", "InstalledVersion": "1.1.20-r4",
                            "FixedVersion": "1.1.20-r5", "Severity": "HIGH"},
                           {"VulnerabilityID": "CVE-2019-14698", "PkgName": "musl-utils", "InstalledVersion": "1.1.20-r4",
                            "Severity": "MEDIUM"}]}]
                        """)
                        .entries(2)
                        .topAt("/0")
                        .entryAt("/0/Vulnerabilities/0")
                        .textAt("/0/Vulnerabilities/0/PkgName"))
                .template(KitTemplate.json("k8s.json", """
                        {"ClusterName": "prod", $TOP$"Resources": [
                          {"Namespace": "default", "Kind": "Deployment", "Name": "redis",
                           "Results": [{"Target": "redis:7 (debian 12.1)", "Type": "debian", "Vulnerabilities": [
                             {$ENTRY$"VulnerabilityID": "CVE-2023-0001", "PkgName": "libc6$TEXT$", "InstalledVersion": "2.36-9",
                              "Severity": "CRITICAL"},
                             {"VulnerabilityID": "CVE-2023-0002", "PkgName": "libssl3", "InstalledVersion": "3.0.9-1",
                              "Severity": "HIGH", "Status": "affected"}]}]}]}
                        """)
                        .entries(2)
                        .entryAt("/Resources/0/Results/0/Vulnerabilities/0")
                        .textAt("/Resources/0/Results/0/Vulnerabilities/0/PkgName"))
                // The format rows write entries one per line from line 3, in a SchemaVersion 2 report of one npm
                // result.
                .frame(EntryFrame.of(
                        "trivy.json",
                        "{\"SchemaVersion\": 2, \"ArtifactName\": \"app\", \"ArtifactType\": \"filesystem\",\n"
                                + " \"Results\": [{\"Target\": \"package-lock.json\", \"Type\": \"npm\", \"Vulnerabilities\": [\n",
                        "]}]}"))
                .numbersWhereTextBelong("""
                {"VulnerabilityID": "CVE-1", "PkgName": 42, "InstalledVersion": 1.5, "Severity": 3,
                 "VendorSeverity": {"nvd": "3"}, "CVSS": {"nvd": {"V3Score": "7.5"}}}
                """)
                .build());
    }

    private static KitSample sample(String name, int entries) {
        return KitSample.ofResource(TrivyScannerAdapterTest.class, name).entries(entries);
    }

    private static ScanReport read(String resource) {
        return ADAPTER.read(ReportSource.of(resource, sample(resource, 0).bytes()));
    }

    private static Detection detect(String json) {
        return ADAPTER.detect(ReportSource.of("input.json", json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheLegacyArrayWithOneFindingPerEntryAndNoImage() {
        ScanReport report = read("legacy-array.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy", "trivy-legacy-array", null));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", null));
        assertThat(report.artifact()).isEqualTo(Artifact.unknown());
        assertThat(report.image()).isEqualTo(Image.unknown());
        assertThat(report.scannedAt()).isEmpty();
        assertThat(report.findings())
                .extracting(
                        f -> f.vulnerability().id(),
                        f -> f.pkg().name(),
                        f -> f.pkg().type().orElseThrow(),
                        Finding::target)
                .containsExactly(
                        tuple("CVE-2020-27350", "apt", "debian", "shop/worker:2.3 (debian 10.4)"),
                        tuple("CVE-2011-3374", "apt", "debian", "shop/worker:2.3 (debian 10.4)"),
                        tuple("CVE-2021-33503", "urllib3", "pip", "app/requirements.txt"));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void infersTheFixStateFromFixedVersionWhenTheReportHasNoStatus() {
        ScanReport report = read("legacy-array.json");

        assertThat(report.findings())
                .extracting(Finding::fix)
                .containsExactly(Fix.fixed("1.8.2.2"), Fix.of(FixState.NOT_FIXED), Fix.fixed("1.26.5"));
    }

    @Test
    void readsTheVulnerabilityPartsOfALegacyEntry() throws NoSuchAlgorithmException {
        Finding apt = read("legacy-array.json").findings().get(0);

        assertThat(apt.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(apt.vulnerability().severitySource()).hasValue("nvd");
        assertThat(apt.vulnerability().title())
                .hasValue("apt: integer overflows and underflows while parsing .deb packages");
        assertThat(apt.vulnerability().primaryUrl()).hasValue("https://avd.aquasec.com/nvd/cve-2020-27350");
        assertThat(apt.vulnerability().cwes()).containsExactly("CWE-190");
        assertThat(apt.vulnerability().published()).hasValue(Instant.parse("2020-12-10T04:15:00Z"));
        assertThat(apt.vulnerability().modified()).hasValue(Instant.parse("2021-01-08T12:15:00Z"));
        assertThat(apt.vulnerability().ratings())
                .containsExactly(
                        Rating.of("nvd", null, 5.7, "CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:L/I:L/A:L"),
                        Rating.of("nvd", null, 4.6, "AV:L/AC:L/Au:N/C:P/I:P/A:P"));
        assertThat(apt.pkg().layer()).as("the diff id, all legacy reports give").hasValue(sha256("worker-layer-0"));
        assertThat(read("legacy-array.json").findings().get(1).vulnerability().title())
                .as("an empty Title")
                .isEmpty();
    }

    @Test
    void readsTheScannerFormatAndScanInstantOfASchema2Report() {
        ScanReport report = read("schema2-image.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy", "trivy-json", "2"));
        assertThat(report.scanner()).isEqualTo(ScannerTool.of("Trivy", "0.58.1"));
        assertThat(report.scannedAt()).hasValue(Instant.parse("2024-12-10T08:15:42.123456789Z"));
        assertThat(report.artifact()).isEqualTo(new Artifact(CHECKOUT + ":1.4.2", Artifact.Type.CONTAINER_IMAGE));
        assertThat(report.databaseBuiltAt()).isEmpty();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void describesTheScannedImageFromTheMetadata() throws NoSuchAlgorithmException {
        Image image = read("schema2-image.json").image();

        assertThat(image.ref()).hasValue(ImageRef.parse(CHECKOUT + ":1.4.2"));
        assertThat(image.configDigest()).hasValue(sha256("checkout-config"));
        assertThat(image.manifestDigest()).hasValue(sha256("checkout-manifest"));
        assertThat(image.repoDigests()).containsExactly(CHECKOUT + "@" + sha256("checkout-manifest"));
        assertThat(image.createdAt()).hasValue(Instant.parse("2024-12-09T18:02:11.5Z"));
        assertThat(image.os()).hasValue("debian 12.8");
        assertThat(image.platform()).hasValue("linux/arm64/v8");
        assertThat(image.labels())
                .containsEntry("org.opencontainers.image.version", "1.4.2")
                .hasSize(3);
        assertThat(image.baseImage()).map(BaseImage::name).hasValue("docker.io/library/eclipse-temurin:21-jre");
        assertThat(image.baseImage()).flatMap(BaseImage::digest).hasValue(sha256("temurin-21-jre"));
    }

    @Test
    void keepsEveryEntryIncludingTheSameCveInTwoBinaryPackages() {
        ScanReport report = read("schema2-image.json");

        assertThat(report.findings())
                .extracting(f -> f.vulnerability().id(), f -> f.pkg().name(), Finding::fix)
                .containsExactly(
                        tuple("CVE-2024-2961", "libc6", Fix.fixed("2.36-9+deb12u8")),
                        tuple("CVE-2024-2961", "libc-bin", Fix.fixed("2.36-9+deb12u8")),
                        tuple("CVE-2023-45853", "zlib1g", Fix.of(FixState.NOT_FIXED)),
                        tuple("CVE-2024-38816", "org.springframework:spring-webmvc", Fix.fixed("6.1.13", "5.3.40")));
        assertThat(report.counts().findings()).isEqualTo(4);
    }

    @Test
    void readsThePackagePartsWithThePurlAsWritten() throws NoSuchAlgorithmException {
        List<Finding> findings = read("schema2-image.json").findings();
        Finding libc = findings.get(0);
        Finding spring = findings.get(3);

        assertThat(libc.pkg().purl()).hasValue("pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=arm64&distro=debian-12.8");
        assertThat(libc.pkg().version()).hasValue("2.36-9+deb12u7");
        assertThat(libc.pkg().type()).hasValue("debian");
        assertThat(libc.pkg().layer()).as("the layer digest, not the diff id").hasValue(sha256("checkout-layer-0"));
        assertThat(findings.get(2).pkg().sourcePackage()).hasValue("zlib");
        assertThat(spring.pkg().path()).hasValue("app/checkout.jar/BOOT-INF/lib/spring-webmvc-6.1.12.jar");
        assertThat(spring.pkg().purl()).hasValue("pkg:maven/org.springframework/spring-webmvc@6.1.12");
        assertThat(spring.target()).isEqualTo("app/checkout.jar");
        assertThat(spring.vulnerability().aliases()).containsExactly("GHSA-cx7f-g6mp-7hqm");
    }

    /** The samples' digests are the SHA-256 of a readable seed. */
    private static String sha256(String seed) throws NoSuchAlgorithmException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        return "sha256:" + HexFormat.of().formatHex(hash);
    }

    @Test
    void keepsOneRatingPerSourceAndCvssVersionWithTheVendorSeverity() {
        List<Finding> findings = read("schema2-image.json").findings();

        assertThat(findings.get(0).vulnerability().ratings())
                .containsExactly(
                        Rating.of("debian", Severity.UNKNOWN, null, null),
                        Rating.of("nvd", Severity.HIGH, 8.1, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H"),
                        Rating.of("redhat", Severity.HIGH, 8.8, "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H"));
        assertThat(findings.get(2).vulnerability().ratings())
                .extracting(Rating::source, Rating::severity, Rating::score)
                .containsExactly(
                        tuple("debian", Optional.of(Severity.LOW), Optional.empty()),
                        tuple("nvd", Optional.of(Severity.CRITICAL), Optional.of(9.8)));
        assertThat(findings.get(3).vulnerability().ratings())
                .extracting(
                        Rating::source,
                        Rating::score,
                        r -> r.vector().orElseThrow().substring(0, 9))
                .containsExactly(
                        tuple("ghsa", Optional.of(8.7), "CVSS:4.0/"),
                        tuple("ghsa", Optional.of(7.5), "CVSS:3.1/"),
                        tuple("nvd", Optional.of(7.5), "CVSS:3.1/"));
        assertThat(findings.get(2).severity())
                .as("the severity Trivy chose, not the highest rating")
                .isEqualTo(Severity.LOW);
    }

    @Test
    void readsTimestampsWithFractionsAndOffsets() {
        Finding libc = read("schema2-image.json").findings().get(0);

        assertThat(libc.vulnerability().published()).hasValue(Instant.parse("2024-04-17T18:15:15.933Z"));
        assertThat(libc.vulnerability().modified()).hasValue(Instant.parse("2024-07-22T16:15:03.19Z"));
    }

    @Test
    void readsTheResourcesFormOfTrivyK8sIntoOneClusterReport() {
        ScanReport report = read("k8s-resources.json");

        assertThat(report.format()).isEqualTo(ReportFormat.of("trivy", "trivy-k8s", null));
        assertThat(report.artifact()).isEqualTo(new Artifact("kind-shop", Artifact.Type.CLUSTER));
        assertThat(report.image()).isEqualTo(Image.unknown());
        assertThat(report.findings())
                .extracting(
                        f -> f.vulnerability().id(),
                        f -> f.pkg().name(),
                        Finding::target,
                        f -> f.fix().state())
                .containsExactly(
                        tuple(
                                "CVE-2023-52425",
                                "libexpat1",
                                "shop/Deployment/web: nginx:1.25.3 (debian 12.2)",
                                FixState.NOT_FIXED),
                        tuple(
                                "CVE-2024-0727",
                                "libssl3",
                                "shop/Deployment/web: nginx:1.25.3 (debian 12.2)",
                                FixState.FIXED),
                        tuple(
                                "CVE-2024-0727",
                                "libssl3",
                                "kube-system/DaemonSet/kube-proxy: registry.k8s.io/kube-proxy:v1.29.0 (debian 12.2)",
                                FixState.FIXED));
    }

    @Test
    void recordsAWorkloadTrivyCouldNotScanAsAProblem() {
        ScanReport report = read("k8s-resources.json");

        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(Problem.Kind.IGNORED_BY_SCANNER);
            assertThat(problem.message())
                    .startsWith("Trivy could not scan monitoring/StatefulSet/prometheus")
                    .contains("unable to find the specified image");
            assertThat(problem.location().path()).isEqualTo("/Resources/4");
        });
        assertThat(report.counts().skipped()).isZero();
    }

    @Test
    void claimsSchema2ReportsWithCertaintyAndTheirSchemaVersion() {
        Detection detection = ADAPTER.detect(sample("schema2-image.json", 4).source());

        assertThat(detection.confidence()).isEqualTo(1.0);
        assertThat(detection.format()).isEqualTo("trivy-json");
        assertThat(detection.schemaVersion()).hasValue("2");
    }

    @Test
    void claimsAnUnknownSchemaVersionSoThatReadingCanSayWhatIsUnsupported() {
        assertThat(detect("{\"SchemaVersion\": 3, \"ArtifactName\": \"x\"}").schemaVersion())
                .hasValue("3");
    }

    @Test
    void claimsTrivyK8sReportsByTheirClusterName() {
        assertThat(ADAPTER.detect(sample("k8s-resources.json", 3).source()))
                .extracting(Detection::confidence, Detection::format)
                .containsExactly(1.0, "trivy-k8s");
    }

    @Test
    void claimsAnObjectWithResultsButNoSchemaVersion() {
        assertThat(detect("{\"ArtifactName\": \"alpine:3.19\", \"Results\": []}")
                        .confidence())
                .isEqualTo(1.0);
    }

    @Test
    void claimsTheLegacyArrayLessSurely() {
        Detection detection = ADAPTER.detect(sample("legacy-array.json", 3).source());

        assertThat(detection.format()).isEqualTo("trivy-legacy-array");
        assertThat(detection.confidence()).isBetween(Detection.MATCH, 0.9);
    }

    @Test
    void claimsBareNullAndEmptyArrayAsTheirHistoricAuthorOnly() {
        assertThat(detect("null").confidence()).isEqualTo(0.6);
        assertThat(detect(" [ ]\n").confidence()).isEqualTo(0.6);
        assertThat(detect("[] []").isMatch()).isFalse();
        assertThat(detect("null 1").isMatch()).isFalse();
    }

    @Test
    void claimsAReportWhoseHeadEndsInsideTheDocument() {
        String report = "{\"SchemaVersion\": 2, \"Metadata\": {\"ImageConfig\": {\"history\": ["
                + "{\"created\": \"x\"},".repeat(2000);

        assertThat(detect(report))
                .extracting(Detection::confidence, Detection::format)
                .containsExactly(1.0, "trivy-json");
        assertThat(detect("[{\"Target\": \"alpine:3.19 (alpine 3.19.1)\", \"Vulnerabilities\": [{\"VulnerabilityID\": ")
                        .isMatch())
                .isTrue();
    }

    @Test
    void saysWhatItSawInOtherJson() {
        Detection object =
                detect("{\"matches\": [], \"source\": {}, \"distro\": {}, \"descriptor\": {}, \"a\": 1, \"b\": 2}");
        Detection array = detect("[{\"id\": 1}]");
        Detection scalar = detect("\"SchemaVersion\"");

        assertThat(object.isMatch()).isFalse();
        assertThat(object.reason())
                .contains("the keys [matches]")
                .contains("none of SchemaVersion")
                .endsWith("before \"matches\", which Grype writes");
        assertThat(detect("{\"a\": 1, \"b\": [2], \"c\": {}, \"d\": 3, \"e\": 4, \"f\": 5}")
                        .reason())
                .contains("[a, b, c, d, e] and 1 more");
        assertThat(array.isMatch()).isFalse();
        assertThat(array.reason()).contains("not a Trivy result (keys [id])");
        assertThat(scalar.confidence()).isZero();
        assertThat(scalar.reason()).contains("a string");
        assertThat(detect("[{\"Target\": \"x\"}]").isMatch())
                .as("Target without Vulnerabilities")
                .isFalse();
    }

    // The rows below depend on the format: they write entries in the kit's frame.

    @Test
    void readsANullAbsentOrEmptySeverityAsUnknownAndRecordsOnlyTheEmptyOne() {
        ScanReport report = readEntries("""
                {"VulnerabilityID": "CVE-1", "PkgName": "a", "Severity": null},
                {"VulnerabilityID": "CVE-2", "PkgName": "b"},
                {"VulnerabilityID": "CVE-3", "PkgName": "c", "Severity": ""}
                """);

        assertThat(report.findings()).extracting(f -> f.severity()).containsOnly(Severity.UNKNOWN);
        assertThat(report.problems())
                .singleElement()
                .hasToString(
                        "trivy.json:5:1 (/Results/0/Vulnerabilities/2/Severity): unknown severity \"\", read as UNKNOWN");
    }

    @Test
    void readsANullAbsentOrEmptyFixedVersionAsNoFixedVersion() {
        ScanReport report = readEntries("""
                {"VulnerabilityID": "CVE-1", "PkgName": "a", "FixedVersion": null},
                {"VulnerabilityID": "CVE-2", "PkgName": "b"},
                {"VulnerabilityID": "CVE-3", "PkgName": "c", "FixedVersion": ""},
                {"VulnerabilityID": "CVE-4", "PkgName": "d", "FixedVersion": " , "}
                """);

        assertThat(report.findings()).allSatisfy(f -> {
            assertThat(f.fix().versions()).isEmpty();
            assertThat(f.fix().state()).isEqualTo(FixState.NOT_FIXED);
        });
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void skipsAnEntryWhoseRequiredFieldsAreNullEmptyOrBlankAndCountsIt() {
        ScanReport report = readEntries("""
                {"VulnerabilityID": null, "PkgName": "a"},
                {"VulnerabilityID": "", "PkgName": "b"},
                {"VulnerabilityID": "CVE-3", "PkgName": " "},
                {"VulnerabilityID": "CVE-4", "PkgName": "d"}
                """);

        assertThat(report.findings()).extracting(f -> f.vulnerability().id()).containsExactly("CVE-4");
        assertThat(report.counts().skipped()).isEqualTo(3);
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactly(
                        "/Results/0/Vulnerabilities/0", "/Results/0/Vulnerabilities/1", "/Results/0/Vulnerabilities/2");
    }

    @Test
    void readsTextWhereANumberBelongsWhenItIsANumber() {
        ScanReport report = readEntries(
                "{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"VendorSeverity\": {\"nvd\": \"3\"}}");

        assertThat(report.findings())
                .singleElement()
                .satisfies(finding -> assertThat(finding.vulnerability().ratings())
                        .singleElement()
                        .satisfies(rating -> assertThat(rating.severity()).hasValue(Severity.HIGH)));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void endsTextWhereANumberBelongsAndAStringWhereAListBelongsInALocatedException() {
        assertThatThrownBy(
                        () -> readEntries(
                                "{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"VendorSeverity\": {\"nvd\": \"high\"}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith(
                        "trivy.json:3:72 (/Results/0/Vulnerabilities/0/VendorSeverity/nvd): unexpected value:");
        assertThatThrownBy(() ->
                        readEntries("{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"VendorIDs\": \"DSA-1\"}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("trivy.json:3:59 (/Results/0/Vulnerabilities/0/VendorIDs): unexpected value:");
        assertThatThrownBy(() -> readEntries("{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"CVSS\": [7.5]}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith("trivy.json:3:54 (/Results/0/Vulnerabilities/0/CVSS): unexpected value:");
    }

    @Test
    void endsAnIntegerBeyondIntInALocatedExceptionAndDropsAnInfiniteScore() {
        assertThatThrownBy(
                        () -> readEntries(
                                "{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"VendorSeverity\": {\"nvd\": 4294967299}}"))
                .isExactlyInstanceOf(ReportParseException.class)
                .hasMessageStartingWith(
                        "trivy.json:3:82 (/Results/0/Vulnerabilities/0/VendorSeverity/nvd): unexpected value:"
                                + " Numeric value (4294967299)")
                .hasMessageContaining("out of range of int");

        ScanReport report = readEntries(
                "{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"a\", \"CVSS\": {\"nvd\": {\"V3Score\": 1e999}}}");

        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.vulnerability().ratings()).isEmpty());
        assertThat(report.problems())
                .singleElement()
                .hasToString("trivy.json:3:1 (/Results/0/Vulnerabilities/0/CVSS/nvd/V3Score):"
                        + " CVSS score Infinity lies outside 0..10, left out");
    }

    @Test
    void keepsEverySiblingOfUnknownEnumeratedValues() {
        ScanReport report = readEntries("""
                {"VulnerabilityID": "CVE-1", "PkgName": "a", "InstalledVersion": "1.0", "FixedVersion": "1.1",
                 "Severity": "SEVERE", "Status": "patched-upstream", "VendorSeverity": {"nvd": 9, "ghsa": 2},
                 "Title": "kept", "CweIDs": ["CWE-79"]},
                {"VulnerabilityID": "CVE-2", "PkgName": "b", "Severity": "LOW"}
                """);

        assertThat(report.findings()).hasSize(2);
        assertThat(report.findings().get(0)).satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.UNKNOWN);
            assertThat(finding.fix().state()).isEqualTo(FixState.UNKNOWN);
            assertThat(finding.fix().versions()).containsExactly("1.1");
            assertThat(finding.pkg().version()).hasValue("1.0");
            assertThat(finding.vulnerability().title()).hasValue("kept");
            assertThat(finding.vulnerability().cwes()).containsExactly("CWE-79");
            assertThat(finding.vulnerability().ratings())
                    .extracting(r -> r.source())
                    .containsExactly("ghsa");
        });
        assertThat(report.findings().get(1).severity()).isEqualTo(Severity.LOW);
        assertThat(report.problems())
                .extracting(p -> p.location().path())
                .containsExactlyInAnyOrder(
                        "/Results/0/Vulnerabilities/0/Severity",
                        "/Results/0/Vulnerabilities/0/Status",
                        "/Results/0/Vulnerabilities/0/VendorSeverity/nvd");
    }

    @Test
    void keepsNonAsciiPackageUrlsAsWritten() {
        String escaped = "pkg:npm/%40sc%C3%B6pe/caf%C3%A9@1.0.0";
        String raw = "pkg:deb/debian/libc6-\u00df\u65e5@2.36-9?arch=amd64";
        ScanReport report = readEntries(
                "{\"VulnerabilityID\": \"CVE-1\", \"PkgName\": \"caf\u00e9\", \"PkgIdentifier\": {\"PURL\": \""
                        + escaped
                        + "\"}},\n{\"VulnerabilityID\": \"CVE-2\", \"PkgName\": \"libc6\", \"PkgIdentifier\": {\"PURL\": \""
                        + raw
                        + "\"}}");

        assertThat(report.findings())
                .extracting(f -> f.pkg().purl().orElseThrow())
                .containsExactly(escaped, raw);
        assertThat(report.findings().get(0).pkg().name()).isEqualTo("caf\u00e9");
    }
}
