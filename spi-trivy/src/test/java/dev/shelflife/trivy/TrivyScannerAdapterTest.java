package dev.shelflife.trivy;

import static org.assertj.core.api.Assertions.assertThat;
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
import dev.shelflife.ScanReport;
import dev.shelflife.Scanner;
import dev.shelflife.Severity;
import dev.shelflife.spi.Detection;
import dev.shelflife.spi.ReportSource;
import dev.shelflife.spi.ScannerAdapter;
import dev.shelflife.testkit.ContractSample;
import dev.shelflife.testkit.ScannerAdapterContract;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrivyScannerAdapterTest extends ScannerAdapterContract {

    private static final TrivyScannerAdapter ADAPTER = new TrivyScannerAdapter();
    private static final String CHECKOUT = "registry.example.com:5000/shop/checkout";

    @Override
    protected ScannerAdapter adapter() {
        return ADAPTER;
    }

    @Override
    protected List<ContractSample> samples() {
        return List.of(
                sample("legacy-array.json", 3), sample("schema2-image.json", 4), sample("k8s-resources.json", 3));
    }

    private static ContractSample sample(String name, int entries) {
        return ContractSample.ofResource(TrivyScannerAdapterTest.class, name, entries);
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
        assertThat(report.scanner()).isEqualTo(Scanner.of("Trivy", null));
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
        assertThat(report.scanner()).isEqualTo(Scanner.of("Trivy", "0.58.1"));
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
}
